"""Sub-command ``profiles``: the donor rule profiles (shipped and the committee's own) with their sources, and
``profiles show NAME`` with every rule, where it comes from, and the country lists it uses."""

from __future__ import annotations

import argparse
from dataclasses import fields
from typing import Any

from jpo_tui.cli.common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``profiles`` to the ``jpo-tui`` parser, with its handler."""
    p = sub.add_parser("profiles", help="list the donor rule profiles with their sources ('show NAME': every rule)")
    p.add_argument("action", nargs="?", choices=["list", "show"], default="list", help="list (default) or show")
    p.add_argument("name", nargs="?", metavar="NAME", help="the profile to show")
    p.set_defaults(handler=cmd_profiles)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f'"{value}"' if isinstance(value, str) else str(value)


def cmd_profiles(args: argparse.Namespace) -> int:
    from jpo_tui.core.profiles import (
        ProfileError,
        broken_country_lists,
        country_lists,
        get_profile,
        profile_files,
        user_dir,
    )

    try:
        if args.action == "show":
            if not args.name:
                raise CliError("profiles show: name a profile (see 'jpo-tui profiles')")
            _show(args.name)
            return 0
        if args.name:
            raise CliError(f"profiles: did you mean 'jpo-tui profiles show {args.name}'?")
        broken = 0
        for name in sorted(profile_files()):
            try:
                profile = get_profile(name)
            except ProfileError as exc:  # list the others, say what is wrong with this one
                print(f"{name}: cannot be used: {exc}")
                broken += 1
                continue
            origin = f"your own, {profile.path}" if profile.own else "shipped"
            extends = f"; extends {profile.extends}" if profile.extends else ""
            print(f"{name}: {profile.title} ({origin}{extends})")
            for source in profile.sources:
                print(f"    source: {source}")
        print("\nCountry lists (for dcc_lists and developing_country_lists):")
        for name, cl in sorted(country_lists().items()):
            print(f"{name}: {cl.label}, {len(cl.countries)} countries" + (" (your own)" if cl.own else ""))
            for source in cl.sources:
                print(f"    source: {source}")
        for name, reason in sorted(broken_country_lists().items()):
            print(f"{name}: cannot be used: {reason}")
        print(f"\nYour own profiles and lists go in {user_dir()} (lists in its lists/ folder).")
        return 1 if broken or broken_country_lists() else 0
    except ProfileError as exc:
        raise CliError(str(exc)) from None


def _show(name: str) -> None:
    from jpo_tui.core.profiles import country_lists, resolve_profile
    from jpo_tui.core.vacancy import COMPUTED_KEYS, EligibilitySpec

    resolved = resolve_profile(name)
    head = resolved.chain[0]
    print(f"{name}: {resolved.title}")
    print(f"file: {head.path}" + (" (your own)" if head.own else ""))
    if len(resolved.chain) > 1:
        print("extends: " + " -> ".join(p.name for p in resolved.chain[1:]))
    print("sources:")
    for source in resolved.sources:
        print(f"    {source}")
    notes = [n for p in resolved.chain for n in p.notes]
    if notes:
        print("notes:")
        for profile in resolved.chain:
            for note in profile.notes:
                print(f"    [{profile.name}] {note}")
    print("rules (key = value   # from):")
    defaults = EligibilitySpec()
    keys = [f.name for f in fields(EligibilitySpec) if f.name not in COMPUTED_KEYS and f.name != "profile"]
    width = max(len(k) for k in keys)
    for key in keys:
        value = resolved.values.get(key, getattr(defaults, key))
        print(f"    {key:<{width}} = {_value(value)}   # {resolved.origin.get(key, 'default')}")
    lists = country_lists()
    used = [n for k in ("dcc_lists", "developing_country_lists")
            for n in resolved.values.get(k, getattr(defaults, k)) if n in lists]
    if not resolved.values.get("dcc_study_in_developing_country", defaults.dcc_study_in_developing_country):
        used = [n for n in used if n in resolved.values.get("dcc_lists", ())]
    for list_name in dict.fromkeys(used):
        cl = lists[list_name]
        print(f"country list {list_name}: {cl.label}; source: {'; '.join(str(s) for s in cl.sources)}")
        print("    " + ", ".join(cl.countries))

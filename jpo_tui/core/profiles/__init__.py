"""Donor rule profiles and country lists: data files, one TOML file each, with their sources.

Shipped ones live beside this module (``*.toml`` profiles, ``lists/*.toml`` country lists); a committee's own go
in ``$XDG_CONFIG_HOME/jpo-tui/profiles/`` (and ``.../profiles/lists/``), where a file of the same name replaces
the shipped one. A profile may extend another; the vacancy file names one in ``[eligibility] profile = ...``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent


class ProfileError(ValueError):
    """A profile or country list that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    year: int | None = None

    def __str__(self) -> str:
        return self.title + (f" ({self.year})" if self.year else "") + (f" — {self.url}" if self.url else "")


@dataclass(frozen=True)
class CountryList:
    name: str
    title: str
    edition: str
    sources: tuple[Source, ...]
    countries: tuple[str, ...]
    notes: tuple[str, ...]
    path: Path
    own: bool  # the committee's own file, not a shipped one

    @property
    def label(self) -> str:
        """How a sentence names the list: "Least developed countries, UN list as of December 2024"."""
        return f"{self.title}, {self.edition}" if self.edition else self.title


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    extends: str
    sources: tuple[Source, ...]
    notes: tuple[str, ...]
    eligibility: dict[str, Any]  # validated, normalised keys this file sets
    path: Path
    own: bool


@dataclass(frozen=True)
class ResolvedProfile:
    """A profile with the profiles it extends merged in: every key's value and which profile set it."""

    name: str
    title: str
    chain: tuple[Profile, ...]  # the named profile first, then what it extends
    values: dict[str, Any]
    origin: dict[str, str]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(s) for p in self.chain for s in p.sources))


def user_dir() -> Path:
    """The committee's own profiles: ``$XDG_CONFIG_HOME/jpo-tui/profiles`` (default ``~/.config/...``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "jpo-tui" / "profiles"


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read: {exc}") from None


def _text(table: dict, key: str, where: str, path: Path, *, required: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ProfileError(f"{path}: '{where}.{key}' must be non-empty text" if required
                           else f"{path}: '{where}.{key}' must be text")
    return value.strip()


def _texts(table: dict, key: str, where: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError(f"{path}: '{where}.{key}' must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _sources(table: dict, where: str, path: Path) -> tuple[Source, ...]:
    raw = table.get("sources")
    if not isinstance(raw, list) or not raw:
        raise ProfileError(f"{path}: '{where}.sources' must list at least one source (title, url, year)")
    out = []
    for i, s in enumerate(raw):
        name = f"{where}.sources[{i}]"
        if not isinstance(s, dict):
            raise ProfileError(f"{path}: '{name}' must be a table such as {{title = \"...\", url = \"...\"}}")
        for key in s:
            if key not in ("title", "url", "year"):
                raise ProfileError(f"{path}: unknown key '{name}.{key}' (title, url, year)")
        year = s.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise ProfileError(f"{path}: '{name}.year' must be a year such as 2023")
        out.append(Source(_text(s, "title", name, path, required=True), _text(s, "url", name, path), year))
    return tuple(out)


def _files(folder: str) -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for base, own in ((PACKAGE_DIR, False), (user_dir(), True)):
        d = base / folder if folder else base
        if d.is_dir():
            for p in sorted(d.glob("*.toml")):
                found[p.stem] = (p, own)
    return found


def load_country_list(name: str, path: Path, own: bool = False) -> CountryList:
    """Read and check one country list file (every country must be one pycountry knows)."""
    from jpo_tui.core.vacancy import VacancyFileError, check_country

    data = _read(path)
    for key in data:
        if key != "list":
            raise ProfileError(f"{path}: unknown table '{key}' (expected [list])")
    table = data.get("list")
    if not isinstance(table, dict):
        raise ProfileError(f"{path}: missing table [list]")
    for key in table:
        if key not in ("title", "edition", "sources", "notes", "countries"):
            raise ProfileError(f"{path}: unknown key 'list.{key}' (title, edition, sources, notes, countries)")
    raw = _texts(table, "countries", "list", path)
    if not raw:
        raise ProfileError(f"{path}: 'list.countries' must list at least one country")
    try:
        countries = tuple(dict.fromkeys(check_country(c, f"list.countries[{i}]", str(path))
                                        for i, c in enumerate(raw)))
    except VacancyFileError as exc:
        raise ProfileError(str(exc)) from None
    return CountryList(name=name, title=_text(table, "title", "list", path, required=True),
                       edition=_text(table, "edition", "list", path, required=True),
                       sources=_sources(table, "list", path), countries=countries,
                       notes=_texts(table, "notes", "list", path), path=path, own=own)


def load_profile(name: str, path: Path, own: bool = False) -> Profile:
    """Read and check one profile file (its eligibility keys are checked like a vacancy file's)."""
    from jpo_tui.core.vacancy import VacancyFileError, check_eligibility_table

    data = _read(path)
    for key in data:
        if key not in ("profile", "eligibility"):
            raise ProfileError(f"{path}: unknown table '{key}' (expected [profile] and [eligibility])")
    meta = data.get("profile")
    if not isinstance(meta, dict):
        raise ProfileError(f"{path}: missing table [profile] (title, sources)")
    for key in meta:
        if key not in ("title", "extends", "sources", "notes"):
            raise ProfileError(f"{path}: unknown key 'profile.{key}' (title, extends, sources, notes)")
    table = data.get("eligibility", {})
    if not isinstance(table, dict):
        raise ProfileError(f"{path}: 'eligibility' must be a table")
    if "profile" in table:
        raise ProfileError(f"{path}: 'eligibility.profile' belongs in a vacancy file; a profile says "
                           "'profile.extends'")
    try:
        values = check_eligibility_table(table, str(path))
    except VacancyFileError as exc:
        raise ProfileError(str(exc)) from None
    return Profile(name=name, title=_text(meta, "title", "profile", path, required=True),
                   extends=_text(meta, "extends", "profile", path), sources=_sources(meta, "profile", path),
                   notes=_texts(meta, "notes", "profile", path), eligibility=values, path=path, own=own)


@lru_cache(maxsize=8)
def _country_lists(folder: str) -> tuple[dict[str, CountryList], dict[str, str]]:
    lists: dict[str, CountryList] = {}
    broken: dict[str, str] = {}
    for name, (path, own) in _files("lists").items():
        try:
            lists[name] = load_country_list(name, path, own)
        except ProfileError as exc:  # one broken file of the committee's never hides the others
            broken[name] = str(exc)
    return lists, broken


def country_lists() -> dict[str, CountryList]:
    """Every readable country list by name (shipped and the committee's own)."""
    return _country_lists(str(user_dir()))[0]


def broken_country_lists() -> dict[str, str]:
    """Country list files that cannot be read: name -> the reason (with the file and the key)."""
    return _country_lists(str(user_dir()))[1]


def profile_files() -> dict[str, tuple[Path, bool]]:
    """Every profile's file by name, and whether it is the committee's own."""
    return _files("")


def _suggest(name: str, known: list[str]) -> str:
    from jpo_tui.core.vacancy import closest

    near = closest(name, known)
    return f"did you mean {near!r}? " if near else ""


def get_profile(name: str) -> Profile:
    """One profile by name (not merged with what it extends)."""
    files = profile_files()
    if name not in files:
        known = sorted(files)
        raise ProfileError(f"no profile {name!r}: {_suggest(name, known)}(known: {', '.join(known) or 'none'}; "
                           "see 'jpo-tui profiles')")
    path, own = files[name]
    return load_profile(name, path, own)


def resolve_profile(name: str) -> ResolvedProfile:
    """A profile merged over what it extends (base first), with the profile each key comes from."""
    chain: list[Profile] = []
    current = name
    while current:
        if any(p.name == current for p in chain):
            raise ProfileError(f"profile {name!r} extends itself through {' -> '.join(p.name for p in chain)}")
        profile = get_profile(current)
        chain.append(profile)
        current = profile.extends
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for profile in reversed(chain):
        values.update(profile.eligibility)
        origin.update({k: profile.name for k in profile.eligibility})
    return ResolvedProfile(name=name, title=chain[0].title, chain=tuple(chain), values=values, origin=origin)


def clear_caches() -> None:
    """Forget the lists read (after the committee's own files changed)."""
    _country_lists.cache_clear()

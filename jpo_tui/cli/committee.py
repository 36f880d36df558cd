"""The committee's CLI verbs: committee add|list|remove, conflict declare, assign, decide, slot, lock, unlock, rank.

Every verb authenticates the acting member first (``--reviewer NAME`` and the passphrase from
``--passphrase-file``, ``JPO_PASSPHRASE`` or a prompt), in the same transaction as the action; the domain checks
the role, and a refusal exits with status 2 and one line saying why.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from jpo_tui.cli import main as cli
from jpo_tui.committee.members import CommitteeError, Member, authenticate
from jpo_tui.committee.rules import Action
from jpo_tui.core.safetext import printable
from jpo_tui.store.db import session_scope

PASSPHRASE_ENV = "JPO_PASSPHRASE"
NEW_PASSPHRASE_ENV = "JPO_NEW_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]


def _read_secret(file: str | None, env: str, prompt: str) -> str:
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise cli.CliError(f"cannot read the passphrase file {file}: {exc.strerror}") from None
    if os.environ.get(env):
        return os.environ[env]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise cli.CliError(f"no passphrase: use --passphrase-file FILE or set {env}")


def passphrase(args: argparse.Namespace, name: str) -> str:
    """The acting member's passphrase."""
    return _read_secret(getattr(args, "passphrase_file", None), PASSPHRASE_ENV, f"passphrase for {name}: ")


def _guarded(handler: Handler) -> Handler:
    """Domain refusals and bad input become one-line CLI errors (exit status 2)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (CommitteeError, ValueError) as exc:
            raise cli.CliError(str(exc)) from None
        except KeyError as exc:
            raise cli.CliError(str(exc.args[0]) if exc.args else "not found") from None

    return run


def _acting(session, args: argparse.Namespace, vacancy_id: str) -> Member:  # noqa: ANN001 - Session
    name = cli._reviewer(args)
    return authenticate(session, vacancy_id, name, passphrase(args, name))


def _context(args: argparse.Namespace) -> tuple:
    engine = cli._engine(args)
    return engine, cli._pick_vacancy(engine, args.vacancy)


def cmd_committee(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from jpo_tui.committee import members as c
    from jpo_tui.committee.assignments import progress
    from jpo_tui.committee.reviewers import clean_name
    from jpo_tui.store import models as m

    if args.action in ("add", "remove") and not args.name:
        raise cli.CliError(f"committee {args.action} needs the member's NAME")
    engine, vacancy_id = _context(args)
    if args.action == "add":
        with session_scope(engine, write=True) as session:
            if not c.has_committee(session, vacancy_id):
                name = args.reviewer or args.name
                if clean_name(name) != clean_name(args.name):
                    raise cli.CliError(f"vacancy {vacancy_id} has no committee yet: its first member "
                                       f"({args.name}) adds themself and becomes chair")
                chair = c.bootstrap_chair(session, vacancy_id, args.name, passphrase(args, args.name))
                print(f"{chair.name} is the chair of vacancy {vacancy_id}"
                      + (" (the first member chairs)" if args.role != "chair" else ""))
                return 0
            acting = _acting(session, args, vacancy_id)
            c.check(session, vacancy_id, acting, Action.ADD_MEMBER)
            new = None
            row = session.exec(select(m.Reviewer).where(m.Reviewer.name == clean_name(args.name))).first()
            if row is None or not row.passphrase_hash:
                new = _read_secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV,
                                   f"initial passphrase for {args.name}: ")
            added = c.add_member(session, vacancy_id, acting, args.name, args.role, new)
        print(f"{added.name} is a {added.role} on vacancy {vacancy_id}")
        return 0
    if args.action == "remove":
        with session_scope(engine, write=True) as session:
            acting = _acting(session, args, vacancy_id)
            c.remove_member(session, vacancy_id, acting, args.name)
        print(f"{args.name} left the committee of vacancy {vacancy_id}")
        return 0
    with session_scope(engine) as session:
        acting = _acting(session, args, vacancy_id)
        rows = progress(session, vacancy_id)
        seen = c.conflicts(session, vacancy_id, acting)
    print(f"{'member':<24} {'role':<9} {'to review':>9} {'submitted':>9} {'skipped':>7} {'abstained':>9}")
    for p in rows:
        print(f"{printable(p.name):<24} {p.role:<9} {p.to_review:>9} {p.submitted:>9} {p.skipped:>7} "
              f"{p.abstained:>9}")
    for x in seen:
        print(printable(f"conflict: {x.member} with {x.applicant_key} ({x.reason})"))
    return 0


def cmd_conflict(args: argparse.Namespace) -> int:
    from jpo_tui.committee.members import applicant_by_key, declare_conflict

    engine, vacancy_id = _context(args)
    with session_scope(engine, write=True) as session:
        acting = _acting(session, args, vacancy_id)
        applicant = applicant_by_key(session, vacancy_id, args.key)
        declare_conflict(session, vacancy_id, acting, applicant.id, args.reason,  # type: ignore[arg-type]
                         member_name=args.member)
    print(f"conflict of interest recorded: {args.member or acting.name} with {args.key}")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from jpo_tui.committee.assignments import assign

    engine, vacancy_id = _context(args)
    with session_scope(engine, write=True) as session:
        acting = _acting(session, args, vacancy_id)
        report = assign(session, vacancy_id, acting, 0 if args.everyone else args.per_applicant,
                        include_ineligible=args.include_ineligible)
    if report.per_applicant == 0:
        print("every member scores every applicant")
        return 0
    print(f"{report.per_applicant} reviewers per applicant: {report.added} assignments added, "
          f"{report.removed} removed")
    for name, n in sorted(report.load.items()):
        print(f"  {name}: {n}")
    if report.short:
        print(f"too few reviewers without a conflict for: {', '.join(report.short)}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from jpo_tui.committee.decisions import DecisionChange, apply_decisions

    if args.status is None and args.rank is None:
        raise cli.CliError("decide needs --status and/or --rank")
    engine, vacancy_id = _context(args)
    with session_scope(engine, write=True) as session:
        acting = _acting(session, args, vacancy_id)
        done = apply_decisions(session, vacancy_id, acting, [DecisionChange(
            args.key, status=args.status, reason=args.reason or "", rank=args.rank)])
    print("\n".join(done))
    return 0


def cmd_slot(args: argparse.Namespace) -> int:
    from jpo_tui.committee.decisions import set_slot

    engine, vacancy_id = _context(args)
    if not args.clear and not (args.at and args.tz):
        raise cli.CliError("give --at 'YYYY-MM-DD HH:MM' and --tz ZONE (or --clear)")
    with session_scope(engine, write=True) as session:
        acting = _acting(session, args, vacancy_id)
        slot = set_slot(session, vacancy_id, acting, args.key, None if args.clear else args.at, args.tz or "",
                        minutes=args.minutes, url=args.url or "")
    print(f"{args.key}: no interview slot" if slot is None else
          f"{args.key}: interview {slot.start:%Y-%m-%d %H:%M} {slot.tz} ({slot.minutes} min)")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    from jpo_tui.committee.decisions import lock_ranking, unlock_ranking

    engine, vacancy_id = _context(args)
    with session_scope(engine, write=True) as session:
        acting = _acting(session, args, vacancy_id)
        if args.command == "unlock":
            unlock_ranking(session, vacancy_id, acting, args.reason)
        else:
            lock_ranking(session, vacancy_id, acting)
    print(f"ranking of vacancy {vacancy_id} {'re-opened' if args.command == 'unlock' else 'locked'}")
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def cmd_rank(args: argparse.Namespace) -> int:
    from jpo_tui.committee.aggregate import ranking

    engine, vacancy_id = _context(args)
    with session_scope(engine) as session:
        acting = _acting(session, args, vacancy_id)
        table = ranking(session, vacancy_id, acting, method=args.method, by_normalised=args.normalised)
    print(f"vacancy {vacancy_id}: {table.method} of reviewers' weighted totals (0-5), spread flagged above "
          f"{table.threshold:g}{', ranked by normalised score' if table.by_normalised else ''}"
          f"{', LOCKED' if table.locked else ''}")
    print(f"{'rank':>4}  {'key':<14} {'score':>5} {'norm':>5} {'spread':>6} {'n':>2}  {'eligibility':<10} "
          f"{'decision':<12} note")
    for r in table.rows:
        name = "" if args.pseudonymise else r.name
        note = r.override or r.tie_break or r.hidden_reason
        if r.disagreement:
            note = "DISCUSS (reviewers disagree) " + note
        print(printable(f"{r.rank or '-':>4}  {r.key:<14.14} {_num(r.aggregate):>5} {_num(r.normalised):>5} "
                        f"{_num(r.spread):>6} {r.reviews:>2}  {r.eligibility:<10} {r.decision or '-':<12} "
                        f"{name[:30]}{'  ' + note if note else ''}"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``export``: json as before; the committee's formats after authenticating the acting member."""
    if args.format == "json":
        # The JSON export holds every applicant's personal data: once a vacancy has a committee, only its
        # chair may take it (access requests included).
        from jpo_tui.committee.members import check, has_committee

        engine, vacancy_id = _context(args)
        with session_scope(engine) as session:
            if has_committee(session, vacancy_id):
                check(session, vacancy_id, _acting(session, args, vacancy_id), Action.EXPORT_VACANCY)
        return cli.cmd_export(args)
    from jpo_tui.exports.tables import export_committee

    engine, vacancy_id = _context(args)
    with session_scope(engine) as session:
        acting = _acting(session, args, vacancy_id)
    data = export_committee(engine, vacancy_id, args.format, what=args.what, actor=acting,
                            pseudonymise=args.pseudonymise)
    cli._write_output(args.out, data)
    return 0


def register(sub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> dict:
    """Add the committee's sub-commands; returns their handlers (``export`` gains authentication)."""

    def parser(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        add_common(p)
        p.add_argument("--vacancy", metavar="ID", help="vacancy id (default: the only or last used one)")
        p.add_argument("--passphrase-file", metavar="FILE", help=f"your passphrase (default: ${PASSPHRASE_ENV} "
                       "or a prompt)")
        return p

    p = parser("committee", "the vacancy's committee: add, list or remove members (chair only to change it)")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--role", choices=["reviewer", "chair"], default="reviewer")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help=f"initial passphrase of a new member (default: ${NEW_PASSPHRASE_ENV} or a prompt)")
    p = parser("conflict", "declare a conflict of interest with an applicant")
    p.add_argument("action", choices=["declare"])
    p.add_argument("key", metavar="KEY")
    p.add_argument("--reason", required=True, help="worked together, relative, ...")
    p.add_argument("--member", metavar="NAME", help="(chair) declare it for another member")
    p = parser("assign", "assign each applicant to K reviewers, or let everyone score everyone (chair)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--per-applicant", type=int, metavar="K")
    group.add_argument("--everyone", action="store_true")
    p.add_argument("--include-ineligible", action="store_true", help="also assign applicants screened ineligible")
    p = parser("decide", "decide on an applicant: short_list, long_list or not_suitable (chair)")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--status", choices=["short_list", "long_list", "not_suitable"])
    p.add_argument("--rank", type=int, help="place the applicant at this rank by hand (0 clears it)")
    p.add_argument("--reason", help="required when the decision goes against the ranking")
    p = parser("slot", "set a short-listed applicant's online interview slot (chair)")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'")
    p.add_argument("--tz", metavar="ZONE", help="IANA time zone, e.g. Europe/Brussels")
    p.add_argument("--minutes", type=int, default=30)
    p.add_argument("--url", help="the video-call link")
    p.add_argument("--clear", action="store_true")
    parser("lock", "lock the ranking: no score or decision changes afterwards (chair)")
    p = parser("unlock", "re-open a locked ranking (chair)")
    p.add_argument("--reason", required=True)
    p = parser("rank", "print the ranking table (redacted for reviewers: blind scoring)")
    p.add_argument("--method", choices=["mean", "median"], help="default: the chair's choice")
    p.add_argument("--normalised", action="store_true", help="rank by z-score normalised totals")
    p.add_argument("--pseudonymise", action="store_true", help="keys only, no names")
    export = sub.choices.get("export")
    if export is not None:
        export.add_argument("--passphrase-file", metavar="FILE",
                            help=f"your passphrase for committee exports (default: ${PASSPHRASE_ENV} or a prompt)")
    handlers = {"committee": cmd_committee, "conflict": cmd_conflict, "assign": cmd_assign, "decide": cmd_decide,
                "slot": cmd_slot, "lock": cmd_lock, "unlock": cmd_lock, "rank": cmd_rank, "export": cmd_export}
    return {name: _guarded(h) for name, h in handlers.items()}

"""The committee's verbs: committee add|list|remove|passphrase, conflict declare, assign, decide, slot, lock,
unlock, rank.

Each verb names the acting member (``--reviewer NAME``, the passphrase from ``--passphrase-file``,
``$JPO_PASSPHRASE`` or a prompt) and calls one service; the service authenticates, asks the rulebook and runs the
action in one transaction. A refusal exits with status 2 and one line saying why.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from jpo_tui.cli.common import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    CliError,
    add_common,
    add_passphrase,
    add_vacancy,
    engine,
    login,
    pick_vacancy,
    read_secret,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def _context(args: argparse.Namespace) -> tuple[Engine, str]:
    db = engine(args)
    return db, pick_vacancy(db, args.vacancy)


def cmd_committee(args: argparse.Namespace) -> int:
    from jpo_tui.core.safetext import printable
    from jpo_tui.services import committee as service
    from jpo_tui.services.acting import Login, needs_passphrase

    if args.action in ("add", "remove") and not args.name:
        raise CliError(f"committee {args.action} needs the member's NAME")
    db, vacancy_id = _context(args)
    if args.action == "add":
        if not needs_passphrase(db, vacancy_id):  # the first member: adds themself, sets their passphrase
            name = args.reviewer or args.name
            # a new passphrase: $JPO_NEW_PASSPHRASE / --new-passphrase-file, as for every new member ($JPO_PASSPHRASE
            # and --passphrase-file are still read when neither is given)
            new_given = args.new_passphrase_file or os.environ.get(NEW_PASSPHRASE_ENV)
            secret = (read_secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, "") if new_given else
                      read_secret(args.passphrase_file, PASSPHRASE_ENV, f"passphrase for {args.name}: "))
            who = Login(name, secret)
            chair = service.add_member(db, vacancy_id, who, args.name, "chair")
            print(f"{chair.name} is the chair of vacancy {vacancy_id}"
                  + (" (the first member chairs)" if args.role != "chair" else ""))
            return 0
        who = login(args, db, vacancy_id)
        new = None
        if service.needs_passphrase(db, args.name):
            new = read_secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, f"initial passphrase for {args.name}: ")
        added = service.add_member(db, vacancy_id, who, args.name, args.role, new)
        print(f"{added.name} is a {added.role} on vacancy {vacancy_id}")
        return 0
    if args.action == "remove":
        print(service.remove_member(db, vacancy_id, login(args, db, vacancy_id), args.name).message)
        return 0
    if args.action == "passphrase":
        who = login(args, db, vacancy_id)
        new = read_secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, f"new passphrase for {who.name}: ")
        print(service.change_passphrase(db, vacancy_id, who, new).message)
        return 0
    seen = service.committee(db, vacancy_id, login(args, db, vacancy_id))
    print(f"{'member':<24} {'role':<9} {'to review':>9} {'submitted':>9} {'skipped':>7} {'abstained':>9}")
    for p in seen.members:
        print(f"{printable(p.name):<24} {p.role:<9} {p.to_review:>9} {p.submitted:>9} {p.skipped:>7} "
              f"{p.abstained:>9}")
    for x in seen.conflicts:
        print(printable(f"conflict: {x.member} with {x.applicant_key} ({x.reason})"))
    return 0


def cmd_conflict(args: argparse.Namespace) -> int:
    from jpo_tui.services.committee import declare_conflict

    db, vacancy_id = _context(args)
    print(declare_conflict(db, vacancy_id, login(args, db, vacancy_id), args.key, args.reason,
                           args.member).message)
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from jpo_tui.services.committee import assign

    db, vacancy_id = _context(args)
    report = assign(db, vacancy_id, login(args, db, vacancy_id), 0 if args.everyone else args.per_applicant,
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
    from jpo_tui.committee.decisions import DecisionChange
    from jpo_tui.services.committee import decide

    if args.status is None and args.rank is None:
        raise CliError("decide needs --status and/or --rank")
    db, vacancy_id = _context(args)
    done = decide(db, vacancy_id, login(args, db, vacancy_id),
                  [DecisionChange(args.key, status=args.status, reason=args.reason or "", rank=args.rank)])
    print("\n".join(done))
    return 0


def cmd_slot(args: argparse.Namespace) -> int:
    from jpo_tui.services.committee import set_slot

    if not args.clear and not (args.at and args.tz):
        raise CliError("give --at 'YYYY-MM-DD HH:MM' and --tz ZONE (or --clear)")
    db, vacancy_id = _context(args)
    slot = set_slot(db, vacancy_id, login(args, db, vacancy_id), args.key, None if args.clear else args.at,
                    args.tz or "", minutes=args.minutes, url=args.url or "")
    print(f"{args.key}: no interview slot" if slot is None else
          f"{args.key}: interview {slot.start:%Y-%m-%d %H:%M} {slot.tz} ({slot.minutes} min)")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    from jpo_tui.services.committee import lock, unlock

    db, vacancy_id = _context(args)
    who = login(args, db, vacancy_id)
    done = unlock(db, vacancy_id, who, args.reason) if args.command == "unlock" else lock(db, vacancy_id, who)
    print(done.message)
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def cmd_rank(args: argparse.Namespace) -> int:
    from jpo_tui.core.safetext import printable
    from jpo_tui.services.committee import ranking

    db, vacancy_id = _context(args)
    table = ranking(db, vacancy_id, login(args, db, vacancy_id), method=args.method, normalised=args.normalised)
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
                        f"{_num(r.spread):>6} {r.reviews:>2}  {r.eligibility or '-':<10} {r.decision or '-':<12} "
                        f"{name[:30]}{'  ' + note if note else ''}"))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the committee's sub-commands, each with its handler."""

    def parser(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        add_common(p)
        add_vacancy(p)
        add_passphrase(p)
        p.set_defaults(handler=handler)
        return p

    p = parser("committee", "the vacancy's committee: add, list or remove members, change your passphrase",
               cmd_committee)
    p.add_argument("action", choices=["add", "list", "remove", "passphrase"])
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--role", choices=["reviewer", "chair"], default="reviewer")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help=f"initial passphrase of a new member, or your new one (default: ${NEW_PASSPHRASE_ENV} "
                   "or a prompt)")
    p = parser("conflict", "declare a conflict of interest with an applicant", cmd_conflict)
    p.add_argument("action", choices=["declare"])
    p.add_argument("key", metavar="KEY")
    p.add_argument("--reason", required=True, help="worked together, relative, ...")
    p.add_argument("--member", metavar="NAME", help="(chair) declare it for another member")
    p = parser("assign", "assign each applicant to K reviewers, or let everyone score everyone (chair)", cmd_assign)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--per-applicant", type=int, metavar="K")
    group.add_argument("--everyone", action="store_true")
    p.add_argument("--include-ineligible", action="store_true", help="also assign applicants screened ineligible")
    p = parser("decide", "decide on an applicant: short_list, long_list or not_suitable (chair)", cmd_decide)
    p.add_argument("key", metavar="KEY")
    p.add_argument("--status", choices=["short_list", "long_list", "not_suitable"])
    p.add_argument("--rank", type=int, help="place the applicant at this rank by hand (0 clears it)")
    p.add_argument("--reason", help="required when the decision goes against the ranking")
    p = parser("slot", "set a short-listed applicant's online interview slot (chair)", cmd_slot)
    p.add_argument("key", metavar="KEY")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'")
    p.add_argument("--tz", metavar="ZONE", help="IANA time zone, e.g. Europe/Brussels")
    p.add_argument("--minutes", type=int, default=30)
    p.add_argument("--url", help="the video-call link")
    p.add_argument("--clear", action="store_true")
    parser("lock", "lock the ranking: no score or decision changes afterwards (chair)", cmd_lock)
    p = parser("unlock", "re-open a locked ranking (chair)", cmd_lock)
    p.add_argument("--reason", required=True)
    p = parser("rank", "print the ranking table (redacted for reviewers: blind scoring)", cmd_rank)
    p.add_argument("--method", choices=["mean", "median"], help="default: the chair's choice")
    p.add_argument("--normalised", action="store_true", help="rank by z-score normalised totals")
    p.add_argument("--pseudonymise", action="store_true", help="keys only, no names")

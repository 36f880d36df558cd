"""Verbs about an applicant's facts: ``facts``, ``correct``, ``flag`` and ``doubts``."""

from __future__ import annotations

import argparse

from jpo_tui.cli.common import acting_on, add_verb
from jpo_tui.committee.rules import Action


def register(sub: argparse._SubParsersAction) -> None:
    p = add_verb(sub, "facts", "an applicant's facts with their sources", cmd_facts)
    p.add_argument("key", metavar="KEY", help="the applicant's key")

    p = add_verb(sub, "correct", "correct, add or remove a fact, with a reason (the chair)", cmd_correct)
    p.add_argument("key", metavar="KEY")
    p.add_argument("field", metavar="FIELD", help="date_of_birth, nationality, email, highest_degree, "
                   "language.French, employment.N.from, employment.N (remove), employment.add ...")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--reason", required=True, metavar="TEXT")

    p = add_verb(sub, "flag", "flag a fact as doubtful, with a note (the chair sees it in doubts)", cmd_flag)
    p.add_argument("key", metavar="KEY")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("--note", required=True, metavar="TEXT")

    add_verb(sub, "doubts", "the facts members flagged as doubtful (the chair's queue)", cmd_doubts)


def cmd_facts(args: argparse.Namespace) -> int:
    from jpo_tui.core.safetext import printable
    from jpo_tui.services.facts import show_facts

    view = show_facts(*acting_on(args, Action.OPEN_APPLICANT), args.key)
    width = max((len(x.field) for x in view.lines), default=0)
    print(printable(f"{view.key}"))
    for x in view.lines:
        print(printable(f"  {x.field:<{width}}  {x.value or '-'}    [{x.source}]"))
    for d in view.documents:
        print(printable(f"  document  {d}"))
    for w in view.warnings:
        print(printable(f"  note      {w}"))
    for f in view.flags:
        print(printable(f"  doubt     {f}"))
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from jpo_tui.core import corrections
    from jpo_tui.core.safetext import printable
    from jpo_tui.services.facts import correct

    corrections.parse(args.field, args.value)  # a bad field or value is refused before any passphrase
    done = correct(*acting_on(args, Action.CORRECT_FACT), args.key, args.field, args.value, args.reason)
    print(printable(done.message))
    return 0


def cmd_flag(args: argparse.Namespace) -> int:
    from jpo_tui.core.safetext import printable
    from jpo_tui.services.facts import flag

    done = flag(*acting_on(args, Action.FLAG_FACT), args.key, args.field, args.note)
    print(printable(done.message))
    return 0


def cmd_doubts(args: argparse.Namespace) -> int:
    from jpo_tui.core.safetext import printable
    from jpo_tui.services.facts import doubts

    for d in doubts(*acting_on(args, Action.CORRECT_FACT)):
        print(printable(f"{d.applicant_key}  {d.field}: {d.note} (by {d.by})"))
    return 0

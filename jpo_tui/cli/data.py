"""Verbs that move data in and out: ``import``, ``export`` and ``demo``."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from jpo_tui.cli.common import (
    CliError,
    add_common,
    add_passphrase,
    add_vacancy,
    engine,
    login,
    pick_vacancy,
    reviewer,
    url,
    write_output,
)

FORMATS = ["json", "csv", "xlsx", "ics", "md", "html"]
WHAT = ["shortlist", "ranking", "sheets", "report"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="build a demo database from the bundled sample applications and open it")
    add_common(p)
    p.add_argument("--no-app", action="store_true", help="build the demo database only")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("import", help="import a vacancy's applications (one sub-folder per applicant)")
    add_common(p)
    p.add_argument("--vacancy", required=True, metavar="FILE.toml|ID",
                   help="the vacancy file, or the id of a vacancy already imported (late applications)")
    p.add_argument("dirs", nargs="+", metavar="PATH",
                   help="a folder of applications (one sub-folder per applicant), one applicant's folder (files, "
                        "no sub-folder), one applicant's file, or a ZIP archive of applications")
    p.add_argument("--workers", type=int, default=None, help="reader processes (default: all cores)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds allowed to read one file, above 0 (default 60)")
    p.add_argument("--max-pages", type=int, default=200, help="pages allowed in one file (default 200)")
    p.add_argument("--max-mb", type=float, default=50.0, help="size allowed for one file in MB (default 50)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_passphrase(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="export the vacancy (json; csv, xlsx, ics, md, html for the committee)")
    add_common(p)
    p.add_argument("--format", default="json", choices=FORMATS)
    p.add_argument("--out", metavar="FILE", help="output file (default: standard output for text formats)")
    add_vacancy(p)
    p.add_argument("--subject", metavar="KEY", help="only this applicant's data (GDPR access request)")
    p.add_argument("--pseudonymise", action="store_true", help="keys instead of names, no birth dates or e-mails")
    p.add_argument("--what", default="shortlist", choices=WHAT,
                   help="for csv/xlsx/md/html: which table (default shortlist)")
    add_passphrase(p)
    p.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from jpo_tui.core.vacancy import VacancyFileError, load_vacancy
    from jpo_tui.ingest.pipeline import ImportLimits
    from jpo_tui.screening.duplicates import pairs_in
    from jpo_tui.services.imports import (
        SHAPES,
        nothing_to_import,
        run_import,
        stored_vacancy,
        summary,
        survey,
    )

    for option, value in (("--timeout", args.timeout), ("--max-mb", args.max_mb), ("--max-pages", args.max_pages),
                          ("--workers", args.workers if args.workers is not None else 1)):
        if not (math.isfinite(value) and value > 0):
            raise CliError(f"{option} must be above 0 (got {value:g}); there is no 'no limit'")
    limits = ImportLimits(timeout_seconds=args.timeout, max_pages=args.max_pages,
                          max_bytes=max(1, int(args.max_mb * 1_000_000)))
    db = None
    if not Path(args.vacancy).exists() and not args.vacancy.lower().endswith(".toml"):
        db = engine(args)  # an id: the vacancy already imported
        try:
            spec = stored_vacancy(db, args.vacancy)
        except KeyError:
            raise CliError(f"{args.vacancy}: no such vacancy file, nor a vacancy of this database") from None
    else:
        try:
            spec = load_vacancy(args.vacancy)
        except VacancyFileError as exc:
            raise CliError(str(exc)) from None
    try:
        found = survey(args.dirs)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    for path, shape in found.shapes:
        print(f"{path}: {SHAPES[shape]}", file=sys.stderr)
    why = nothing_to_import(found)
    if why:
        raise CliError(why)
    db = db or engine(args)
    who = login(args, db, spec.id)
    options: dict = {"workers": args.workers, "limits": limits}
    if not args.quiet and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}", markup=False), transient=True) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, total: int, file: str, outcome: str) -> None:
                bar.update(task, completed=done, total=total, description=file[-50:])

            report = run_import(db, spec, args.dirs, who, progress=progress, **options)
    else:
        report = run_import(db, spec, args.dirs, who, **options)
    for file, reason in report.refused:
        print(f"refused  {file}: {reason}")
    for file, reason in report.ignored:
        print(f"ignored  {file}: {reason}")
    for key in report.empty:
        print(f"warning  {key}: no application document: no applicant created")
    for key in report.refused_only:
        print(f"warning  {key}: every file refused: stored with no readable document (ask for a PDF)")
    for key, flag in report.flagged:
        print(f"flagged  {key}: {flag}")
    for group in report.duplicates:
        why = "; ".join(f"{a} and {b}: {reason}" for a, b, reason in pairs_in(group, report.duplicate_pairs))
        print(f"possible duplicate applicants: {', '.join(group)} ({why}; not merged: check and decide)")
    print(f"vacancy {spec.id}: {summary(report)}, {len(report.duplicates)} possible duplicates")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Every export through the one export service (the rulebook decides, the service audits)."""
    from jpo_tui.services.exports import export

    db = engine(args)
    vacancy_id = pick_vacancy(db, args.vacancy)
    result = export(db, vacancy_id, login(args, db, vacancy_id), args.format, args.what, subject=args.subject,
                    pseudonymise=args.pseudonymise, destination=args.out or "")
    write_output(args.out, result.data)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    print("jpo-tui demo: preparing the demo vacancy and its sample applications…", file=sys.stderr, flush=True)
    from jpo_tui.cli.main import run_app
    from jpo_tui.ingest.demo import build_demo
    from jpo_tui.services.workspace import remember_vacancy

    live = sys.stderr.isatty()

    def progress(done: int, total: int, file: str, outcome: str) -> None:
        if live or done == total:  # a terminal sees the count move; a log gets one line
            print(f"\r  {done}/{total} files read", end="\n" if done == total else "", file=sys.stderr,
                  flush=True)

    db = engine(args)
    vacancy_id = build_demo(db, actor=reviewer(args), progress=progress)
    remember_vacancy(str(db.url), vacancy_id)
    if args.no_app:
        print(f"demo database ready: {url(args)} (vacancy {vacancy_id})")
        return 0
    return run_app(args, db)

"""The ``jpo-tui`` command: the app by default, and import / export / demo and the committee's other verbs."""

from __future__ import annotations

import argparse
import getpass
import importlib
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from jpo_tui.store.db import default_url, open_database, session_scope


class CliError(Exception):
    """A user error: printed as one line, exit status 2."""


def _add_common(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    p.add_argument("--db", metavar="URL", default=default,
                   help="database URL or SQLite file (default: $JPO_DB or sqlite:///jpo.db)")
    p.add_argument("--reviewer", metavar="NAME", default=default,
                   help="act as this committee member (default: the OS user)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jpo-tui",
        description="Keyboard-first workbench for preselecting JPO candidates. Without a command, opens the app.",
    )
    _add_common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="build a demo database from the bundled sample applications and open it")
    _add_common(p)
    p.add_argument("--no-app", action="store_true", help="build the demo database only")

    p = sub.add_parser("import", help="import a vacancy's applications (one sub-folder per applicant)")
    _add_common(p)
    p.add_argument("--vacancy", required=True, metavar="FILE.toml", help="the vacancy file")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="folders of applications (or ZIP archives of them)")
    p.add_argument("--workers", type=int, default=None, help="reader processes (default: all cores)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds allowed to read one file (default 60)")
    p.add_argument("--max-pages", type=int, default=200, help="pages allowed in one file (default 200)")
    p.add_argument("--max-mb", type=float, default=50.0, help="size allowed for one file in MB (default 50)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="your committee passphrase, once the vacancy has a committee (default: $JPO_PASSPHRASE "
                   "or a prompt)")

    p = sub.add_parser("export", help="export the vacancy (json; csv, xlsx, ics, md, html for the committee)")
    _add_common(p)
    p.add_argument("--format", default="json", choices=["json", "csv", "xlsx", "ics", "md", "html"])
    p.add_argument("--out", metavar="FILE", help="output file (default: standard output for text formats)")
    p.add_argument("--vacancy", metavar="ID", help="vacancy id (default: the only or last used one)")
    p.add_argument("--subject", metavar="KEY", help="only this applicant's data (GDPR access request)")
    p.add_argument("--pseudonymise", action="store_true", help="keys instead of names, no birth dates or e-mails")
    p.add_argument("--what", default="shortlist", choices=["shortlist", "ranking", "sheets", "report"],
                   help="for csv/xlsx/md/html: which table (default shortlist)")
    for module in EXTENSION_MODULES:
        COMMANDS.update(importlib.import_module(module).register(sub, _add_common))
    return parser


def _engine(args: argparse.Namespace) -> Engine:
    return open_database(args.db or default_url())


def _reviewer(args: argparse.Namespace) -> str:
    return args.reviewer or os.environ.get("JPO_REVIEWER") or getpass.getuser()


def _pick_vacancy(engine: Engine, wanted: str | None) -> str:
    from sqlmodel import select

    from jpo_tui.store import models as m

    with session_scope(engine) as session:
        ids = [v for v in session.exec(select(m.Vacancy.id).order_by(m.Vacancy.created_at))]
        if wanted:
            if wanted not in ids:
                raise CliError(f"no vacancy {wanted!r} in this database (it has: {', '.join(ids) or 'none'})")
            return wanted
        if not ids:
            raise CliError("this database holds no vacancy yet: run 'jpo-tui import --vacancy FILE.toml DIR' first")
        if len(ids) == 1:
            return ids[0]
        last = session.get(m.Setting, "last_vacancy")
        if last and last.value in ids:
            return last.value
        raise CliError(f"this database holds several vacancies ({', '.join(ids)}): choose one with --vacancy ID")


def cmd_import(args: argparse.Namespace) -> int:
    from jpo_tui.core.vacancy import VacancyFileError, load_vacancy
    from jpo_tui.ingest.pipeline import ImportLimits, import_applications

    try:
        spec = load_vacancy(args.vacancy)
    except VacancyFileError as exc:
        raise CliError(str(exc)) from None
    from jpo_tui.ingest.archive import looks_like_archive

    for d in args.dirs:
        if not Path(d).is_dir() and not looks_like_archive(Path(d)):
            raise CliError(f"{d}: no such folder or ZIP archive")
    engine = _engine(args)
    actor = _import_actor(engine, spec, args)
    limits = ImportLimits(timeout_seconds=args.timeout, max_pages=args.max_pages,
                          max_bytes=int(args.max_mb * 1_000_000))
    show_bar = not args.quiet and sys.stderr.isatty()
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}", markup=False), transient=True) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, total: int, file: str, outcome: str) -> None:
                bar.update(task, completed=done, total=total, description=file[-50:])

            report = import_applications(engine, spec, args.dirs, workers=args.workers, limits=limits,
                                         progress=progress, actor=actor)
    else:
        report = import_applications(engine, spec, args.dirs, workers=args.workers, limits=limits, actor=actor)
    _remember_vacancy(engine, spec.id)
    out = sys.stdout
    for file, reason in report.refused:
        print(f"refused  {file}: {reason}", file=out)
    for key, flag in report.flagged:
        print(f"flagged  {key}: {flag}", file=out)
    for group in report.duplicates:
        print(f"possible duplicate applicants: {', '.join(group)} (not merged: check and decide)", file=out)
    print(
        f"vacancy {spec.id}: {report.applicants_seen} applicants, {report.documents_added} documents imported, "
        f"{report.documents_unchanged} already present, {len(report.refused)} refused, "
        f"{len(report.duplicates)} possible duplicates",
        file=out,
    )
    return 0


def _import_actor(engine: Engine, spec, args: argparse.Namespace) -> str:  # noqa: ANN001 - VacancySpec
    """Who imports. Once the vacancy has a committee, a member (passphrase checked); changing the vacancy itself
    (criteria, weights, eligibility rules, dates) is the chair's."""
    from jpo_tui.committee.members import authenticate, has_committee
    from jpo_tui.ingest.pipeline import authorise_import
    from jpo_tui.store import models as m

    name = _reviewer(args)
    with session_scope(engine) as session:
        if session.get(m.Vacancy, spec.id) is None or not has_committee(session, spec.id):
            return name
        from jpo_tui.cli.committee import passphrase

        acting = authenticate(session, spec.id, name, passphrase(args, name))
        authorise_import(session, spec, acting)
        return acting.name


def _remember_vacancy(engine: Engine, vacancy_id: str) -> None:
    from jpo_tui.store import models as m

    with session_scope(engine, write=True) as session:
        row = session.get(m.Setting, "last_vacancy") or m.Setting(key="last_vacancy")
        row.value = vacancy_id
        session.add(row)


def cmd_export(args: argparse.Namespace) -> int:
    from jpo_tui.exports.json_export import vacancy_export
    from jpo_tui.privacy import audit

    engine = _engine(args)
    vacancy_id = _pick_vacancy(engine, args.vacancy)
    if args.format != "json":
        from jpo_tui.exports.tables import export_committee  # the committee's formats

        data = export_committee(engine, vacancy_id, args.format, what=args.what, actor=_reviewer(args),
                                pseudonymise=args.pseudonymise)
        _write_output(args.out, data)
        return 0
    with session_scope(engine, write=True) as session:
        keys = None
        if args.subject:
            keys = {args.subject}
        doc = vacancy_export(session, vacancy_id, keys=keys, pseudonymise=args.pseudonymise,
                             include_text=bool(args.subject), include_assessment=bool(args.subject))
        if args.subject and not doc["candidates"]:
            raise CliError(f"no applicant {args.subject!r} in vacancy {vacancy_id}")
        audit.record(session, _reviewer(args), "export", vacancy_id=vacancy_id, applicant_key=args.subject or "",
                     detail=f"json export{' (pseudonymised)' if args.pseudonymise else ''}"
                     f"{' to ' + args.out if args.out else ''}")
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    _write_output(args.out, text.encode("utf-8") + b"\n")
    return 0


def _write_output(out: str | None, data: bytes | str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out:
        tmp = Path(out).with_name(Path(out).name + ".part")
        tmp.write_bytes(payload)
        os.replace(tmp, out)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def cmd_demo(args: argparse.Namespace) -> int:
    from jpo_tui.ingest.demo import build_demo

    engine = _engine(args)
    vacancy_id = build_demo(engine, actor=_reviewer(args))
    _remember_vacancy(engine, vacancy_id)
    if args.no_app:
        print(f"demo database ready: {args.db or default_url()} (vacancy {vacancy_id})")
        return 0
    return run_app(args, engine)


def run_app(args: argparse.Namespace, engine: Engine | None = None) -> int:
    """Open the Textual app (imported here so the domain never needs Textual)."""
    from jpo_tui.screens.app import JpoApp

    engine = engine or _engine(args)
    app = JpoApp(engine=engine, reviewer=args.reviewer or None)
    app.run()
    return app.return_code or 0


COMMANDS = {"import": cmd_import, "export": cmd_export, "demo": cmd_demo}

# Modules adding sub-commands: each has register(subparsers, add_common) -> {name: handler(args) -> int}.
# Handlers raise CliError for user errors; helpers _engine, _reviewer, _pick_vacancy, _write_output are shared.
EXTENSION_MODULES: list[str] = [
    m for m in ("jpo_tui.cli.committee", "jpo_tui.cli.trust") if importlib.util.find_spec(m) is not None
]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jpo-tui`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("db", "reviewer"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        if args.command is None:
            return run_app(args)
        return COMMANDS[args.command](args)
    except (CliError, PermissionError) as exc:  # user errors and refused committee actions
        print(f"jpo-tui: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("jpo-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (``jpo-tui rank | head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141


if __name__ == "__main__":
    sys.exit(main())

"""The committee's exports: shortlist, ranking and score sheets as CSV or XLSX, interview slots as iCalendar,
and the committee report as Markdown or HTML (jinja2 templates in ``jpo_tui/templates``).

Spreadsheet cells are safe to open: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab, CR or LF is
prefixed with a single quote (CSV/formula injection). What a viewer exports is what they may see (blind scoring
applies); the shortlist, the slots and the report are chair-only. Every export writes an audit event.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from jpo_tui.committee.aggregate import Ranking, _load, _total, actor, ranking, visibility
from jpo_tui.committee.decisions import Slot, slots
from jpo_tui.committee.members import (
    Member,
    authenticate,
    check,
    conflicts,
    has_committee,
    member_or_solo,
    members,
)
from jpo_tui.committee.rules import export_action
from jpo_tui.core.errors import NotFound
from jpo_tui.core.safetext import strip_controls
from jpo_tui.exports.json_export import Pseudonymiser, pseudonym
from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope

FORMATS = ("csv", "xlsx", "ics", "md", "html")
TABLES = ("shortlist", "ranking", "sheets", "report")
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """A spreadsheet cell that cannot run as a formula and holds no terminal control sequence: control characters
    (ESC...) are removed, and text whose first visible character is ``= + - @`` (or a full-width ``＝＋－＠``,
    NFKC-folded), or that starts with a tab or line break, gets a leading single quote."""
    if not isinstance(value, str):
        return value
    value = strip_controls(value, keep="\n\t\r")  # line breaks stay inside the quoted cell
    if value.startswith(DANGEROUS_START) or unicodedata.normalize("NFKC", value.lstrip()[:1]).startswith(
            DANGEROUS_START[:4]):
        return "'" + value
    return value


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


Scrub = Callable[[int, Any], Any]  # (applicant id, free text) -> the text as it may be exported


def _keep(_applicant_id: int, value: Any) -> Any:
    return value


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _display(name: str, key: str, pseudonymise: bool) -> str:
    return pseudonym(key) if pseudonymise else name


def _criteria(session: Session, vacancy_id: str) -> list[str]:
    return list(session.exec(select(m.Criterion.name).where(m.Criterion.vacancy_id == vacancy_id)
                             .order_by(col(m.Criterion.position))))


def ranking_table(table: Ranking, pseudonymise: bool, scrub: Scrub = _keep) -> Table:
    header = ("rank", "key", "name", "eligibility", "decision", f"score ({table.method})", "mean", "median",
              "normalised", "spread", "reviews", "discuss", "note")
    rows = tuple((r.rank, r.key, _display(r.name, r.key, pseudonymise), r.eligibility, r.decision,
                  _num(r.aggregate), _num(r.mean), _num(r.median), _num(r.normalised), _num(r.spread), r.reviews,
                  "yes" if r.disagreement else "", scrub(r.applicant_id, r.override or r.tie_break or r.hidden_reason))
                 for r in table.rows)
    return Table("Ranking", header, rows)


def _reason(override: str, decision_reason: str) -> str:
    if decision_reason and decision_reason in override:
        return override
    return "; ".join(x for x in (override, decision_reason) if x)


def shortlist_table(table: Ranking, crit_names: list[str], slot_list: list[Slot], pseudonymise: bool,
                    reasons: Mapping[int, str] | None = None, scrub: Scrub = _keep) -> Table:
    """The short-listed applicants with scores, slot and the chair's reasons (``reasons``: applicant id ->
    the reason recorded with the decision)."""
    by_id = {s.applicant_id: s for s in slot_list}
    reasons = reasons or {}
    header = ("rank", "key", "name", "eligibility", f"score ({table.method})", "normalised", "spread", "reviews",
              *crit_names, "interview (local)", "time zone", "interview (UTC)", "link", "reason")
    rows = []
    for r in table.rows:
        if r.decision != "short_list":
            continue
        s = by_id.get(r.applicant_id)
        rows.append((r.rank, r.key, _display(r.name, r.key, pseudonymise), r.eligibility, _num(r.aggregate),
                     _num(r.normalised), _num(r.spread), r.reviews,
                     *(_num(r.per_criterion.get(c)) for c in crit_names),
                     s.start.strftime("%Y-%m-%d %H:%M") if s else "", s.tz if s else "",
                     s.start.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if s else "", s.url if s else "",
                     scrub(r.applicant_id, _reason(r.override, reasons.get(r.applicant_id, "")))))
    return Table("Shortlist", header, tuple(rows))


def sheet_tables(session: Session, vacancy_id: str, viewer: Member, pseudonymise: bool,
                 scrub: Scrub = _keep) -> list[Table]:
    """One score sheet per reviewer: the chair gets every member's, a reviewer their own."""
    data = _load(session, vacancy_id)
    crit_names = _criteria(session, vacancy_id)
    who = actor(data, viewer)
    people = members(session, vacancy_id) if viewer.is_chair else [viewer]
    out = []
    for person in people:
        rows = []
        for aid, a in sorted(data.applicants.items(), key=lambda x: x[1].key):
            pair = (aid, person.reviewer_id)
            if pair not in data.scores and pair not in data.reviews:
                continue
            if person.reviewer_id != viewer.reviewer_id and not visibility(data, aid, who)[0]:
                continue
            t = _total(data, aid, person.reviewer_id)
            review = data.reviews.get(pair)
            rows.append((a.key, _display(a.name, a.key, pseudonymise), *(t.scores.get(c) for c in crit_names),
                         _num(t.total), t.recommendation, "yes" if t.submitted else "",
                         "abstained" if review and review.abstained else "", scrub(aid, t.comment)))
        out.append(Table(person.name, ("key", "name", *crit_names, "weighted total", "recommendation",
                                       "submitted", "abstained", "comment"), tuple(rows)))
    return out


def to_csv(tables: Sequence[Table], *, reviewer_column: bool = False) -> bytes:
    """CSV (UTF-8 with BOM for spreadsheets); several tables become one with a leading ``reviewer`` column."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if reviewer_column:
        writer.writerow([safe_cell(c) for c in ("reviewer", *tables[0].header)] if tables else ["reviewer"])
        for t in tables:
            for row in t.rows:
                writer.writerow([safe_cell(c) for c in (t.title, *row)])
    else:
        for t in tables:
            writer.writerow([safe_cell(c) for c in t.header])
            writer.writerows([safe_cell(c) for c in row] for row in t.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", title).strip("'") or "Sheet"
    base = base[:28]
    name, n = base, 2
    while name.casefold() in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name.casefold())
    return name


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """One worksheet per table; header in bold, frozen; text cells neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    if wb.active is not None:  # the sheet a new workbook starts with
        wb.remove(wb.active)
    used: set[str] = set()
    for t in tables:
        ws = wb.create_sheet(_sheet_title(t.title, used))
        ws.append([safe_cell(c) for c in t.header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in t.rows:
            ws.append([safe_cell(c) for c in row])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_ics(vacancy: m.Vacancy, slot_list: Sequence[Slot], pseudonymise: bool) -> bytes:
    """An iCalendar file with one event per online interview slot (time zones included)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//jpo-tui//committee interviews//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Interviews {vacancy.id}")
    stamp = datetime.now(UTC)
    for s in slot_list:
        ev = Event()
        ev.add("uid", f"{vacancy.id}-{s.key}@jpo-tui")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", s.start)
        ev.add("dtend", s.start + timedelta(minutes=s.minutes))
        ev.add("summary", f"JPO interview {vacancy.id}: {_display(s.name, s.key, pseudonymise)} ({s.key})")
        ev.add("description", f"{vacancy.title} — {vacancy.organisation}, {vacancy.duty_station}. Online interview."
               + (f" Link: {s.url}" if s.url else ""))
        if s.url:
            ev.add("location", s.url)
            ev.add("url", s.url)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def _decision_reasons(session: Session, vacancy_id: str) -> dict[int, str]:
    """Applicant id -> the reason the chair gave with their decision (chair-only exports)."""
    rows = session.exec(select(m.Decision.applicant_id, m.Decision.reason)
                        .join(m.Applicant, col(m.Applicant.id) == m.Decision.applicant_id)
                        .where(m.Applicant.vacancy_id == vacancy_id, m.Decision.reason != ""))
    return dict(rows.all())


def _viewer(session: Session, vacancy_id: str, actor: Member | str, passphrase: str | None) -> Member:
    if isinstance(actor, Member):
        return member_or_solo(session, vacancy_id, actor)
    if not has_committee(session, vacancy_id):
        return member_or_solo(session, vacancy_id, actor)
    secret = passphrase if passphrase is not None else os.environ.get("JPO_PASSPHRASE", "")
    return authenticate(session, vacancy_id, actor, secret)


def to_markdown(title: str, tables: Sequence[Table]) -> bytes:
    """Tables as Markdown (one ``##`` section each; text escaped so no cell makes a link, table or HTML)."""
    from jpo_tui.exports.report import md_escape

    out = [f"# {md_escape(title)}", ""]
    for t in tables:
        out += [f"## {md_escape(t.title)}", "", "| " + " | ".join(md_escape(h) for h in t.header) + " |",
                "|" + "---|" * len(t.header)]
        out += ["| " + " | ".join(md_escape("" if v is None else v) for v in row) + " |" for row in t.rows]
        out.append("")
    return "\n".join(out).encode("utf-8")


def to_html(title: str, tables: Sequence[Table]) -> bytes:
    """Tables as one self-contained HTML page (every cell escaped)."""
    from html import escape

    def cell(v: Any) -> str:
        return escape("" if v is None else str(v))

    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8">', f"<title>{cell(title)}</title></head><body>",
           f"<h1>{cell(title)}</h1>"]
    for t in tables:
        out.append(f"<h2>{cell(t.title)}</h2><table><thead><tr>"
                   + "".join(f"<th>{cell(h)}</th>" for h in t.header) + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in t.rows]
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")


def render_committee(session: Session, vacancy_id: str, viewer: Member, fmt: str, what: str = "shortlist", *,
                     pseudonymise: bool = False) -> bytes:
    """The committee export ``fmt`` (csv, xlsx, ics, md, html) of ``what`` (shortlist, ranking, sheets, report)
    as ``viewer`` may see it. No permission check and no audit here: the caller (the export service) asks the
    rulebook and records the export in the same transaction."""
    if fmt not in FORMATS:
        raise ValueError(f"a committee export is one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "ics":
        what = "slots"
    elif what not in TABLES:
        raise ValueError(f"what to export is one of {', '.join(TABLES)}, not {what!r}")
    export_action(fmt, what)  # the format exists for this table (ValueError otherwise)
    vacancy = session.get(m.Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFound(f"no vacancy {vacancy_id!r} in this database")
    scrub: Scrub = Pseudonymiser(session, vacancy_id) if pseudonymise else _keep
    if what == "slots":
        return to_ics(vacancy, slots(session, vacancy_id), pseudonymise)
    title = f"{vacancy.title or vacancy.id} ({vacancy.id}): {what}"
    if what == "sheets":
        tables = sheet_tables(session, vacancy_id, viewer, pseudonymise, scrub)
    else:
        table = ranking(session, vacancy_id, viewer)
        crit_names = _criteria(session, vacancy_id)
        reasons = _decision_reasons(session, vacancy_id)
        if what == "ranking":
            tables = [ranking_table(table, pseudonymise, scrub)]
        elif what == "shortlist":
            tables = [shortlist_table(table, crit_names, slots(session, vacancy_id), pseudonymise, reasons, scrub)]
        elif fmt == "xlsx":
            tables = [shortlist_table(table, crit_names, slots(session, vacancy_id), pseudonymise, reasons, scrub),
                      ranking_table(table, pseudonymise, scrub),
                      *sheet_tables(session, vacancy_id, viewer, pseudonymise, scrub)]
        else:
            from jpo_tui.exports.report import render_report

            seen = conflicts(session, vacancy_id, viewer) if not viewer.is_solo else []
            return render_report(session, vacancy, viewer, table, fmt, pseudonymise, seen,
                                 scrub=scrub).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(tables)
    if fmt == "md":
        return to_markdown(title, tables)
    if fmt == "html":
        return to_html(title, tables)
    return to_csv(tables, reviewer_column=what == "sheets")


def export_committee(engine: Engine, vacancy_id: str, fmt: str, *, what: str = "shortlist",
                     actor: Member | str, pseudonymise: bool = False, passphrase: str | None = None) -> bytes:
    """:func:`render_committee` for a script: ``actor`` is a signed-in :class:`Member` or a name checked with
    ``passphrase`` (default ``$JPO_PASSPHRASE``); the rulebook decides and the export is audited.
    The CLI and the app use :func:`jpo_tui.services.exports.export` instead."""
    with session_scope(engine, write=True) as session:
        viewer = _viewer(session, vacancy_id, actor, passphrase)
        check(session, vacancy_id, viewer, export_action(fmt, what))
        data = render_committee(session, vacancy_id, viewer, fmt, what, pseudonymise=pseudonymise)
        audit.record(session, viewer.name, "export", vacancy_id=vacancy_id,
                     detail=f"{'slots' if fmt == 'ics' else what} as {fmt}{' (pseudonymised)' if pseudonymise else ''}")
    return data

"""Committee exports read back with csv, openpyxl and icalendar, with formula-injection attempts in names."""

from __future__ import annotations

import csv
import io
import re

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.decisions import DecisionChange, apply_decisions, set_slot
from jpo_tui.committee.members import AuthenticationError, ChairOnly, member
from jpo_tui.exports.report import md_escape
from jpo_tui.exports.tables import DANGEROUS_START, export_committee, safe_cell
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, make_committee, make_vacancy, score

HOSTILE = {
    "K01": '=HYPERLINK("http://x","y")',
    "K02": "+1",
    "K03": "@SUM(A1)",
    "K04": "-2+3 | <script>alert(1)</script>",
    "K05": "\tTabbed",
    "K06": "Plain Name",
}


@pytest.fixture
def engine(db_url: str):  # noqa: ANN201
    engine = make_vacancy(db_url, HOSTILE, {"K06": "ineligible"})
    make_committee(engine)
    for i, key in enumerate(HOSTILE):
        score(engine, "ana", key, (5 - i % 5, 4, 3))
        if key in ("K01", "K02"):
            score(engine, "ben", key, (2, 2, 2))
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [
            DecisionChange(k, "short_list", reason="committee consensus") for k in ("K01", "K02", "K03", "K04")])
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Europe/Brussels", url="https://meet.example/a")
        set_slot(session, VACANCY, "chair", "K02", "2030-05-06 09:00", "America/New_York")
    return engine


def _chair(engine, fmt: str, what: str = "shortlist", **kw: object) -> bytes:  # noqa: ANN001
    return export_committee(engine, VACANCY, fmt, what=what, actor="chair", passphrase=PASS["chair"], **kw)


def test_safe_cell() -> None:
    for bad in ("=1+1", "+1", "-1", "@x", "\tx", "\rx", "\nx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("Anna") == "Anna" and safe_cell(-1.5) == -1.5 and safe_cell(None) is None


def test_csv_shortlist_is_neutralised(engine) -> None:  # noqa: ANN001
    text = _chair(engine, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["key"] for r in rows} == {"K01", "K02", "K03", "K04"}
    for r in rows:
        assert r["name"] == "'" + HOSTILE[r["key"]]
        assert not any(v.startswith(DANGEROUS_START) for v in r.values())
    k1 = next(r for r in rows if r["key"] == "K01")
    assert (k1["interview (local)"], k1["time zone"], k1["interview (UTC)"]) == (
        "2030-05-06 10:00", "Europe/Brussels", "2030-05-06 08:00")
    assert k1["Evaluation"] and float(k1["reviews"]) == 2


def test_xlsx_exports_hold_no_formula(engine) -> None:  # noqa: ANN001
    for what in ("shortlist", "ranking", "sheets", "report"):
        wb = load_workbook(io.BytesIO(_chair(engine, "xlsx", what)))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (what, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(DANGEROUS_START)
    wb = load_workbook(io.BytesIO(_chair(engine, "xlsx", "ranking")))
    ws = wb["Ranking"]
    header = [c.value for c in ws[1]]
    names = {row[header.index("key")]: row[header.index("name")] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert names["K01"] == "'" + HOSTILE["K01"] and names["K06"] == "Plain Name"
    sheets = load_workbook(io.BytesIO(_chair(engine, "xlsx", "sheets"))).sheetnames
    assert sheets == ["chair", "ana", "ben"]


def test_reviewer_exports_are_their_own_and_redacted(engine) -> None:  # noqa: ANN001
    with pytest.raises(ChairOnly):
        export_committee(engine, VACANCY, "csv", what="shortlist", actor="ana", passphrase=PASS["ana"])
    with pytest.raises(ChairOnly):
        export_committee(engine, VACANCY, "md", what="report", actor="ben", passphrase=PASS["ben"])
    with pytest.raises(AuthenticationError):
        export_committee(engine, VACANCY, "csv", what="ranking", actor="ana", passphrase="wrong-passphrase")
    with session_scope(engine) as session:
        ben = member(session, VACANCY, "ben")
    wb = load_workbook(io.BytesIO(export_committee(engine, VACANCY, "xlsx", what="sheets", actor=ben)))
    assert wb.sheetnames == ["ben"]
    rows = list(csv.DictReader(io.StringIO(export_committee(
        engine, VACANCY, "csv", what="ranking", actor=ben).decode("utf-8-sig"))))
    visible = {r["key"] for r in rows if r["mean"]}
    assert visible == {"K01", "K02"}  # the applicants ben submitted a review for
    assert all(r["rank"] == "" for r in rows if r["key"] not in visible)


def test_ics_slots_read_back(engine) -> None:  # noqa: ANN001
    cal = Calendar.from_ical(_chair(engine, "ics", organizer="chair@example.org"))
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["uid"]) for e in events] == [f"{VACANCY}-K01@jpo-tui", f"{VACANCY}-K02@jpo-tui"]
    start = events[0].decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Brussels" and (start.hour, start.minute) == (10, 0)
    assert (events[0].decoded("dtend") - start).total_seconds() == 30 * 60
    assert str(events[0]["location"]) == "https://meet.example/a"
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/Brussels", "America/New_York"}
    pseudo = Calendar.from_ical(_chair(engine, "ics", pseudonymise=True, organizer="chair@example.org"))
    assert all("HYPERLINK" not in str(e["summary"]) for e in pseudo.walk("VEVENT"))


def test_markdown_report(engine) -> None:  # noqa: ANN001
    text = _chair(engine, "md", "report").decode()
    assert "## Not retained" in text and "K06: degree below master" in text
    for crit in ("Evaluation", "Climate", "French"):
        assert f"### {crit}" in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ") and "K04" in line]
    header = next(line for line in text.splitlines() if line.startswith("| Rank | Key | Name | Eligibility"))
    cells = len(re.findall(r"(?<!\\)\|", header))
    ranking_row = next(line for line in table_rows if "eligible" in line and "short list" in line)
    assert len(re.findall(r"(?<!\\)\|", ranking_row)) == cells  # the name's pipe does not add a column
    assert not re.search(r"(?<!\\)<script", text)  # escaped: Markdown shows "<script>", never runs a tag
    assert md_escape("a|b\n*c*") == r"a\|b \*c\*"


def test_html_report_escapes_and_pseudonymises(engine) -> None:  # noqa: ANN001
    html = _chair(engine, "html", "report").decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Not retained" in html
    pseudo = _chair(engine, "html", "report", pseudonymise=True).decode()
    assert "Plain Name" not in pseudo and "Applicant K06" in pseudo


def test_cli_export_writes_file_and_audits(engine, db_url: str, tmp_path,  # noqa: ANN001
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "shortlist.xlsx"
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(["--db", db_url, "--reviewer", "chair", "export", "--format", "xlsx", "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws.max_row == 5  # header and four short-listed applicants
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "export")).all()
    assert [(e.actor, e.detail) for e in events] == [("chair", "shortlist as xlsx")]

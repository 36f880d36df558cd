"""The chair's side of a cycle (issue 16): the lock checks completeness and asks again, progress per member,
interview slots refused in the past or overlapping and zoned from the duty station, the exports' e-mail,
spreadsheet, calendar and wording, and passphrase change and reset."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.assignments import completeness
from jpo_tui.committee.decisions import (
    DecisionChange,
    LockIncomplete,
    apply_decisions,
    lock_ranking,
    set_slot,
)
from jpo_tui.committee.members import (
    AuthenticationError,
    ChairOnly,
    CommitteeError,
    authenticate,
    bootstrap_chair,
)
from jpo_tui.exports.report import md_escape
from jpo_tui.exports.tables import export_committee
from jpo_tui.screening.places import station_zone
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, make_committee, make_vacancy, score

NAMES = {"K01": "Awa Ndiaye (Awa)", "K02": "Bram de Vries", "K03": "Chris_Doe"}
FUTURE = "2030-05-06 10:00"


def _cli(db_url: str, *args: str) -> list[str]:
    return ["--db", db_url, "--reviewer", "chair", *args]


@pytest.fixture
def engine(db_url: str):  # noqa: ANN201
    """Chair, ana and ben; everyone reviews everyone; ana submitted K01 and K02, ben K01 only."""
    engine = make_vacancy(db_url, NAMES)
    make_committee(engine)
    with session_scope(engine, write=True) as session:
        for key, email in (("K01", "awa@example.org"), ("K02", "bram@example.net")):
            session.exec(select(m.Applicant).where(m.Applicant.key == key)).one().email = email
    score(engine, "ana", "K01", (5, 4, 4))
    score(engine, "ana", "K02", (3, 3, 3))
    score(engine, "ben", "K01", (4, 4, 4))
    return engine


# --- the lock checks completeness ---------------------------------------------------------------------------

def test_completeness_says_what_is_missing_per_member_and_applicant(engine) -> None:  # noqa: ANN001
    with session_scope(engine) as session:
        missing = completeness(session, VACANCY)
    by = {p.name: p for p in missing.members}
    assert (by["ana"].to_review, by["ana"].submitted, by["ana"].missing) == (3, 2, ("K03",))
    assert (by["ben"].submitted, by["ben"].missing) == (1, ("K02", "K03"))
    assert by["chair"].missing == ("K01", "K02", "K03")
    assert [(s.key, s.submitted, s.expected) for s in missing.short] == [("K01", 2, 3), ("K02", 1, 3), ("K03", 0, 3)]
    lines = missing.lines()
    assert "ben: 1 of 3 reviews submitted (missing: K02, K03)" in lines
    assert "K03: 0 of 3 reviews submitted" in lines
    assert not missing.complete and missing.summary() == ("6 reviews not submitted; 3 applicants with fewer reviews "
                                                     "than assigned")


def test_lock_refuses_while_reviews_are_missing_and_locks_when_asked_again(engine) -> None:  # noqa: ANN001
    with session_scope(engine, write=True) as session:
        with pytest.raises(LockIncomplete, match="not complete: 6 reviews not submitted") as refused:
            lock_ranking(session, VACANCY, "chair")
        assert refused.value.completeness.short
        assert not session.get(m.VacancyState, VACANCY).locked
    with session_scope(engine, write=True) as session:
        lock_ranking(session, VACANCY, "chair", incomplete_ok=True)
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "lock")).one()
        assert "locked incomplete: 6 reviews not submitted" in event.detail


def test_a_complete_ranking_locks_without_asking_again(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K01": "One"})
    make_committee(engine, reviewers=("ana",))
    score(engine, "ana", "K01", (4, 4, 4))
    score(engine, "chair", "K01", (3, 3, 3))
    with session_scope(engine, write=True) as session:
        assert completeness(session, VACANCY).complete
        lock_ranking(session, VACANCY, "chair")
        assert session.get(m.VacancyState, VACANCY).locked


def test_cli_lock_lists_what_is_missing_and_needs_incomplete(engine, db_url: str, monkeypatch,  # noqa: ANN001
                                                             capsys) -> None:  # noqa: ANN001
    engine.dispose()
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "lock")) == 2
    err = capsys.readouterr().err
    assert "not complete: 6 reviews not submitted" in err and "ben: 1 of 3 reviews submitted" in err
    assert "K03: 0 of 3 reviews submitted" in err and "--incomplete" in err
    assert main(_cli(db_url, "lock", "--incomplete")) == 0
    assert "locked" in capsys.readouterr().out


def test_cli_progress_per_member_with_the_missing_keys(engine, db_url: str, monkeypatch, capsys) -> None:  # noqa: ANN001
    engine.dispose()
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "committee", "progress", "--keys")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["member", "role", "assigned", "submitted", "skipped", "abstained", "missing"]
    ben = next(i for i, line in enumerate(out) if line.startswith("ben "))
    assert out[ben].split()[1:] == ["reviewer", "3", "1", "0", "0", "2"]
    assert out[ben + 1].strip() == "not submitted: K02, K03"


# --- interview slots ----------------------------------------------------------------------------------------

def _short_list(engine, *keys: str) -> None:  # noqa: ANN001
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange(k, "short_list", reason="panel") for k in keys])


def test_slots_in_the_past_or_overlapping_are_refused(engine) -> None:  # noqa: ANN001
    _short_list(engine, "K01", "K02")
    with session_scope(engine, write=True) as session:
        with pytest.raises(ValueError, match="2026-05-04 10:00 Europe/Brussels is in the past"):
            set_slot(session, VACANCY, "chair", "K01", "2026-05-04 10:00", "Europe/Brussels",
                     now=datetime(2026, 12, 1, tzinfo=UTC))
        set_slot(session, VACANCY, "chair", "K01", FUTURE, "Africa/Dakar")
    with session_scope(engine, write=True) as session:
        with pytest.raises(ValueError, match=r"2030-05-06 10:15–10:45 Africa/Dakar overlaps the interview of K01 "
                                             r"\(2030-05-06 10:00–10:30 Africa/Dakar\)"):
            set_slot(session, VACANCY, "chair", "K02", "2030-05-06 10:15", "Africa/Dakar")
        with pytest.raises(ValueError, match="overlaps the interview of K01"):  # the same instant elsewhere
            set_slot(session, VACANCY, "chair", "K02", "2030-05-06 12:20", "Europe/Brussels")
        set_slot(session, VACANCY, "chair", "K02", "2030-05-06 10:30", "Africa/Dakar")  # back to back
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 09:45", "Africa/Dakar", minutes=45)  # moved: own
    with session_scope(engine) as session:
        rows = {d.applicant_id: d.interview_at for d in session.exec(select(m.Decision))}
    assert sorted(v for v in rows.values() if v) == ["2030-05-06T09:45", "2030-05-06T10:30"]


def test_the_slot_zone_defaults_to_the_duty_station(engine, db_url: str, monkeypatch, capsys) -> None:  # noqa: ANN001
    _short_list(engine, "K01")
    engine.dispose()
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "slot", "K01", "--at", FUTURE)) == 0  # the vacancy's duty station is Dakar
    assert "K01: interview 2030-05-06 10:00 Africa/Dakar (30 min)" in capsys.readouterr().out


@pytest.mark.parametrize(("station", "zone"), [
    ("Dakar", "Africa/Dakar"), ("Kinshasa, Democratic Republic of the Congo", "Africa/Kinshasa"),
    ("Lubumbashi, DRC", "Africa/Lubumbashi"), ("Geneva, Switzerland", "Europe/Zurich"), ("Kenya", "Africa/Nairobi"),
    ("New York", "America/New_York"), ("Nowhere Land", None), ("", None)])
def test_station_zone(station: str, zone: str | None) -> None:
    assert station_zone(station) == zone


# --- exports ------------------------------------------------------------------------------------------------

def _chair(engine, fmt: str, what: str = "shortlist", **kw: object) -> bytes:  # noqa: ANN001
    return export_committee(engine, VACANCY, fmt, what=what, actor="chair", passphrase=PASS["chair"], **kw)


@pytest.fixture
def shortlisted(engine):  # noqa: ANN001, ANN201
    _short_list(engine, "K01", "K02")
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K03", "not_suitable", reason="no M&E")])
        set_slot(session, VACANCY, "chair", "K01", FUTURE, "Europe/Brussels", url="https://meet.example/a")
    return engine


def test_shortlist_has_the_email_and_the_xlsx_widths_filter_and_dates(shortlisted) -> None:  # noqa: ANN001
    rows = list(csv.DictReader(io.StringIO(_chair(shortlisted, "csv").decode("utf-8-sig"))))
    assert {r["key"]: r["e-mail"] for r in rows} == {"K01": "awa@example.org", "K02": "bram@example.net"}
    assert next(r for r in rows if r["key"] == "K01")["interview (local)"] == FUTURE
    pseudo = list(csv.DictReader(io.StringIO(_chair(shortlisted, "csv", pseudonymise=True).decode("utf-8-sig"))))
    assert {r["e-mail"] for r in pseudo} == {""}
    sheet = load_workbook(io.BytesIO(_chair(shortlisted, "xlsx")))["Shortlist"]
    header = [c.value for c in sheet[1]]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}3"
    email_col = sheet.cell(1, header.index("e-mail") + 1).column_letter
    assert sheet.column_dimensions[email_col].width >= len("bram@example.net")
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions[email_col].width
    local = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "K01")[header.index("interview (local)")]
    assert local.value == datetime(2030, 5, 6, 10, 0) and local.is_date and "yyyy" in local.number_format
    utc = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "K01")[header.index("interview (UTC)")]
    assert utc.value == datetime(2030, 5, 6, 8, 0)


def test_ics_has_an_organiser_and_the_candidate_as_attendee(shortlisted) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="organiser's e-mail"):
        _chair(shortlisted, "ics")
    with pytest.raises(ValueError, match="organiser"):
        _chair(shortlisted, "ics", organizer="not an address")
    (event,) = Calendar.from_ical(_chair(shortlisted, "ics", organizer="chair@example.org")).walk("VEVENT")
    assert str(event["organizer"]) == "mailto:chair@example.org" and event["organizer"].params["CN"] == "chair"
    attendee = event["attendee"]
    assert str(attendee) == "mailto:awa@example.org" and attendee.params["CN"] == "Awa Ndiaye (Awa)"
    assert attendee.params["RSVP"] == "TRUE"
    (pseudo,) = Calendar.from_ical(_chair(shortlisted, "ics", organizer="chair@example.org",
                                          pseudonymise=True)).walk("VEVENT")
    assert "attendee" not in pseudo and "awa@" not in pseudo.to_ical().decode()


def test_reports_say_decisions_in_words_and_markdown_keeps_parentheses(shortlisted) -> None:  # noqa: ANN001
    html = _chair(shortlisted, "html", "report").decode()
    md = _chair(shortlisted, "md", "report").decode()
    for text in (html, md):
        assert "short_list" not in text and "not_suitable" not in text
        assert "short list" in text and "not suitable" in text
    assert "Awa Ndiaye (Awa)" in md and r"\(" not in md
    assert "Chris_Doe" in md  # an underscore inside a word is no emphasis
    ranking = _chair(shortlisted, "md", "ranking").decode()
    assert "| short list |" in ranking and "| not suitable |" in ranking
    assert md_escape("[x](y) *b* a|b <i> snake_case _e_") == r"\[x\](y) \*b\* a\|b \<i> snake_case \_e\_"


# --- passphrases --------------------------------------------------------------------------------------------

def test_member_changes_and_chair_resets_a_passphrase_from_the_cli(engine, db_url: str, monkeypatch,  # noqa: ANN001
                                                                   capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["ana"])
    monkeypatch.setenv("JPO_NEW_PASSPHRASE", "ana-new-passphrase")
    assert main(["--db", db_url, "--reviewer", "ana", "committee", "passphrase"]) == 0
    assert "passphrase of ana changed" in capsys.readouterr().out
    monkeypatch.setenv("JPO_PASSPHRASE", "ana-new-passphrase")
    monkeypatch.setenv("JPO_NEW_PASSPHRASE", "ben-reset-passphrase")
    assert main(["--db", db_url, "--reviewer", "ana", "committee", "passphrase", "ben"]) == 2
    assert "only the chair can reset another member's passphrase" in capsys.readouterr().err
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "committee", "passphrase", "ben")) == 0
    assert "passphrase of ben reset by chair" in capsys.readouterr().out
    with session_scope(engine) as session:
        assert authenticate(session, VACANCY, "ana", "ana-new-passphrase").name == "ana"
        assert authenticate(session, VACANCY, "ben", "ben-reset-passphrase").name == "ben"
        with pytest.raises(AuthenticationError):
            authenticate(session, VACANCY, "ben", PASS["ben"])
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "passphrase_reset")).one()
        assert (event.actor, event.detail) == ("chair", "ben")
        assert session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "passphrase_change")).one().actor == "ana"


def test_a_chair_cannot_reset_a_member_who_sits_on_a_committee_they_do_not_chair(engine) -> None:  # noqa: ANN001
    from jpo_tui.committee.members import add_member, reset_passphrase
    from jpo_tui.store.writes import upsert_vacancy
    from tests.unit.committee_setup import spec

    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec("OTHER-2026"))
        session.flush()
        bootstrap_chair(session, "OTHER-2026", "ana", "ana-passphrase")
        add_member(session, "OTHER-2026", "ana", "ben", "reviewer")
    with session_scope(engine, write=True) as session:
        with pytest.raises(CommitteeError, match="ben also sits on the committee of OTHER-2026"):
            reset_passphrase(session, VACANCY, "chair", "ben", "takeover-passphrase")
        with pytest.raises(CommitteeError, match="changes their own passphrase"):
            reset_passphrase(session, VACANCY, "chair", "chair", "another-passphrase")
        with pytest.raises(ChairOnly):
            reset_passphrase(session, VACANCY, "ben", "ana", "takeover-passphrase")

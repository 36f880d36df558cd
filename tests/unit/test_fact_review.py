"""Checking facts: evidence, withdrawing a correction, resolving doubts, manual entry of a scan (and its wait
for reviewers), duplicate decisions that survive re-imports, disagreements between documents, quality notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.committee.assignments import pool
from jpo_tui.core.consistency import disagreements
from jpo_tui.core.errors import Refused
from jpo_tui.core.records import ApplicantFacts, EducationEntry, EmploymentEntry, YearMonth
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.screening.quality import quality_notes
from jpo_tui.services import facts as svc
from jpo_tui.services.acting import Login
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.pdfmake import scanned_pdf, text_pdf
from tests.unit.test_importer import P11_LINES, VACANCY

SAM = Login("sam")
VID = "BE-TEST"


def _import(engine, apps: Path) -> None:  # noqa: ANN001
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)


def _setup(db_url: str, tmp_path: Path):  # noqa: ANN202
    apps = tmp_path / "apps"
    (apps / "K001").mkdir(parents=True)
    text_pdf(apps / "K001" / "p11.pdf", P11_LINES)
    engine = open_database(db_url)
    _import(engine, apps)
    return engine, apps


def _status(engine, key: str = "K001") -> str:  # noqa: ANN001
    with session_scope(engine) as session:
        a = session.exec(select(m.Applicant).where(m.Applicant.key == key)).one()
        return session.get(m.ScreeningResult, a.id).status


def test_evidence_of_each_fact_points_at_its_text(db_url: str, tmp_path: Path) -> None:
    engine, _ = _setup(db_url, tmp_path)
    view = svc.show_facts(engine, VID, SAM, "K001")
    by = {x.field: x for x in view.lines}
    assert "p11.pdf p.1 (text): «" in by["date_of_birth"].evidence and "14/02/1997" in by["date_of_birth"].evidence
    assert "Belgium" in by["nationality"].evidence and "Enabel" in by["employment.1"].evidence
    age = next(r for r in view.rules if r.rule == "age")
    assert age.status == "pass" and age.facts == "date_of_birth = 1997-02-14"
    engine.dispose()


def test_withdraw_a_correction_and_resolve_a_doubt(db_url: str, tmp_path: Path) -> None:
    engine, _ = _setup(db_url, tmp_path)
    done = svc.correct(engine, VID, SAM, "K001", "date_of_birth", "1980-05-01", "passport copy")
    assert "ineligible" in done.message and _status(engine) == "ineligible"
    view = svc.show_facts(engine, VID, SAM, "K001")
    line = next(x for x in view.lines if x.field == "date_of_birth")
    assert line.evidence == "typed by sam"
    (c,) = view.corrections
    assert (c.field, c.value, c.original, c.by, c.active) == ("date_of_birth", "1980-05-01", "1997-02-14", "sam", True)
    with pytest.raises(ValueError, match="say why"):
        svc.withdraw_correction(engine, VID, SAM, "K001", c.id, "  ")
    done = svc.withdraw_correction(engine, VID, SAM, "K001", c.id, "wrong applicant's passport")
    assert "eligibility now eligible" in done.message and _status(engine) == "eligible"
    (c,) = svc.show_facts(engine, VID, SAM, "K001").corrections
    assert not c.active and c.withdrawn.startswith("by sam at ") and c.withdrawn.endswith("wrong applicant's passport")
    with pytest.raises(ValueError, match="already withdrawn"):
        svc.withdraw_correction(engine, VID, SAM, "K001", c.id, "again")
    svc.flag(engine, VID, SAM, "K001", "nationality", "the CV says Senegal")
    (d,) = svc.doubts(engine, VID, SAM)
    svc.resolve_doubt(engine, VID, SAM, "K001", d.id, "checked the passport: Belgian")
    assert svc.doubts(engine, VID, SAM) == []
    (r,) = svc.show_facts(engine, VID, SAM, "K001").doubts
    assert r.resolved and r.resolution == "sam: checked the passport: Belgian"
    with session_scope(engine) as session:
        actions = [e.action for e in session.exec(select(m.AuditEvent).order_by(m.AuditEvent.id))]
    assert {"correct_fact", "withdraw_correction", "flag_fact", "resolve_doubt"} <= set(actions)
    engine.dispose()


def test_reviewer_may_not_withdraw_resolve_enter_or_decide(db_url: str, tmp_path: Path) -> None:
    from jpo_tui.committee.members import add_member, bootstrap_chair

    engine, _ = _setup(db_url, tmp_path)
    with session_scope(engine, write=True) as session:
        bootstrap_chair(session, VID, "chair", "chair-pass")
        add_member(session, VID, "chair", "ana", "reviewer", "ana-pass")
    chair, ana = Login("chair", "chair-pass"), Login("ana", "ana-pass")
    svc.correct(engine, VID, chair, "K001", "date_of_birth", "1980-05-01", "passport")
    (c,) = svc.show_facts(engine, VID, ana, "K001").corrections
    svc.flag(engine, VID, ana, "K001", "date_of_birth", "odd")
    (d,) = svc.doubts(engine, VID, chair)
    for call in (lambda: svc.withdraw_correction(engine, VID, ana, "K001", c.id, "no"),
                 lambda: svc.resolve_doubt(engine, VID, ana, "K001", d.id, "fine"),
                 lambda: svc.enter_facts(engine, VID, ana, "K001", {"nationality": "Belgium"}, "scan"),
                 lambda: svc.duplicates(engine, VID, ana)):
        with pytest.raises(Refused, match="only the chair"):
            call()
    engine.dispose()


def test_manual_entry_of_a_scan_holds_it_from_reviewers_until_complete(db_url: str, tmp_path: Path) -> None:
    engine, apps = _setup(db_url, tmp_path)
    (apps / "K002").mkdir()
    scanned_pdf(apps / "K002" / "p11.pdf")
    _import(engine, apps)
    view = svc.show_facts(engine, VID, SAM, "K002")
    if not view.missing:
        pytest.skip("the scan was read by OCR here")
    assert set(view.missing) == {"name", "date_of_birth", "nationality", "highest_degree", "languages"}
    with session_scope(engine) as session:
        assert "K002" not in pool(session, VID, include_ineligible=True).values()
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        svc.enter_facts(engine, VID, SAM, "K002", {"date_of_birth": "14.3.1994"}, "the scanned P11")
    done = svc.enter_facts(engine, VID, SAM, "K002", {"family_name": "Dupont", "first_name": "Léa",
                                                      "date_of_birth": "1994-03-14"}, "the scanned P11, page 1")
    assert "still to enter: nationality, highest_degree, languages" in done.message
    done = svc.enter_facts(engine, VID, SAM, "K002", {
        "nationality": "Belgium", "education.add": "2016-09..2018-06; master; MSc Economics; KU Leuven",
        "languages": "English fluent, French mother tongue"}, "the scanned P11, page 2")
    assert "complete" in done.message
    view = svc.show_facts(engine, VID, SAM, "K002")
    assert view.missing == () and view.status != "review"
    assert {r.rule: r.status for r in view.rules if r.rule in ("age", "nationality", "degree", "languages")} == {
        "age": "pass", "nationality": "pass", "degree": "pass", "languages": "pass"}
    dob = next(x for x in view.lines if x.field == "date_of_birth")
    assert dob.value == "1994-03-14" and dob.source.startswith("entered by hand by sam")
    assert dob.evidence == "entered by hand by sam"
    with session_scope(engine) as session:
        assert "K002" in pool(session, VID, include_ineligible=True).values()
    _import(engine, apps)  # a re-import keeps what was typed
    assert svc.show_facts(engine, VID, SAM, "K002").lines == view.lines
    engine.dispose()


def test_duplicate_decision_survives_reimport(db_url: str, tmp_path: Path) -> None:
    engine, apps = _setup(db_url, tmp_path)
    (apps / "K001-again").mkdir()
    text_pdf(apps / "K001-again" / "p11.pdf", P11_LINES)
    _import(engine, apps)
    (pair,) = svc.duplicates(engine, VID, SAM)
    assert (pair.key_a, pair.key_b, pair.decision) == ("K001", "K001-again", "")
    assert "birth date" in pair.why
    with pytest.raises(ValueError, match="which application is kept"):
        svc.decide_duplicate(engine, VID, SAM, "K001", "K001-again", "same", "applied twice")
    svc.decide_duplicate(engine, VID, SAM, "K001-again", "K001", "same", "applied twice", kept="K001")
    _import(engine, apps)
    (pair,) = svc.duplicates(engine, VID, SAM)
    assert (pair.decision, pair.kept, pair.by) == ("same", "K001", "sam")
    assert svc.show_facts(engine, VID, SAM, "K001-again").withdrawn == "withdrawn as a duplicate of K001"
    with session_scope(engine) as session:
        from jpo_tui.screening.duplicates import find_duplicates

        assert "K001-again" not in pool(session, VID).values() and find_duplicates(session, VID) == []
    svc.decide_duplicate(engine, VID, SAM, "K001", "K001-again", "different", "twins, other passports")
    (pair,) = svc.duplicates(engine, VID, SAM)
    assert pair.decision == "different" and svc.show_facts(engine, VID, SAM, "K001-again").withdrawn == ""
    engine.dispose()


def test_disagreements_between_documents() -> None:
    p11 = ApplicantFacts(date_of_birth=date(1994, 3, 14), nationality="Belgium",
                         education=[EducationEntry(degree="MSc", level="master", end=YearMonth(2018, 6))],
                         employment=[EmploymentEntry(start=YearMonth(2019, 1), end=YearMonth(2021, 6),
                                                     employer="Enabel")])
    cv = ApplicantFacts(date_of_birth=date(1994, 3, 14), nationality="Belgium",
                        education=[EducationEntry(degree="MSc", level="master", end=YearMonth(2018, 6))],
                        employment=[EmploymentEntry(start=YearMonth(2019, 1), end=YearMonth(2021, 6),
                                                    employer="ENABEL")])
    assert disagreements([("K/p11.pdf", p11), ("K/cv.pdf", cv)]) == []
    cv.date_of_birth = date(1994, 4, 14)
    cv.nationality = "France"
    cv.education[0].end = YearMonth(2019, 6)
    cv.employment[0].start = YearMonth(2018, 1)
    found = {d.fact: d for d in disagreements([("K/p11.pdf", p11), ("K/cv.pdf", cv)])}
    assert set(found) == {"date_of_birth", "nationality", "degree_year", "employment"}
    assert found["date_of_birth"].line() == "date_of_birth: 1994-03-14 (K/p11.pdf) but 1994-04-14 (K/cv.pdf)"
    assert found["employment"].value_a == "Enabel 2019-01..2021-06" and found["employment"].source_b == "K/cv.pdf"
    cv.education[0].level = "bachelor"
    assert "highest_degree" in {d.fact for d in disagreements([("a", p11), ("b", cv)])}


def test_quality_notes() -> None:
    facts = ApplicantFacts(employment=[
        EmploymentEntry(start=YearMonth(2019, 1, approximate=True), end=YearMonth(2020, 1, approximate=True),
                        title="Officer", duties="Supported the team."),
        EmploymentEntry(start=YearMonth(2020, 2), end=YearMonth(2021, 6), title="Analyst",
                        duties="Trained 40 staff on data."),
    ])
    text = "I worked on MEAL systems and for the Office for the Coordination of Humanitarian Affairs (OCHA).\n" \
           "Results-Based Management (RBM) and the Belgian Development Agency (BDA).\nSKILLS"
    notes = quality_notes(facts, [text], ["Gender equality"], {"Gender equality": ["gender equality"]})
    assert notes == ["dates without a month (1): Officer",
                     "no keyword of the criterion “Gender equality” (e.g. gender equality)",
                     "duties with no concrete result (no figure, no outcome) (1): Officer",
                     "acronyms never spelled out (1): MEAL"]


def test_cli_facts_shows_evidence_rules_and_withdraws(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from jpo_tui.cli.main import main as cli_main

    engine, _ = _setup(db_url, tmp_path)
    db = ["--db", db_url, "--reviewer", "sam"]
    assert cli_main([*db, "correct", "K001", "date_of_birth", "1980-05-01", "--reason", "passport"]) == 0
    capsys.readouterr()
    assert cli_main([*db, "facts", "K001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("K001  eligibility ineligible")
    assert "from K001/p11.pdf p.1 (text): «" in out and "1980-05-01    [hand-made by sam: passport]\n  nat" in out
    assert "rule      FAIL age:" in out and "<- date_of_birth = 1980-05-01 (hand-made by sam)" in out
    (c,) = svc.show_facts(engine, VID, SAM, "K001").corrections
    assert f"correction #{c.id} date_of_birth: 1980-05-01 (was 1997-02-14) by sam" in out
    assert cli_main([*db, "withdraw-correction", "K001", str(c.id), "--reason", "wrong passport"]) == 0
    assert "eligibility now eligible" in capsys.readouterr().out
    assert cli_main([*db, "withdraw-correction", "K001", str(c.id), "--reason", "again"]) == 2
    assert "already withdrawn" in capsys.readouterr().err
    engine.dispose()

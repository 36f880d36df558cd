"""Hand-made facts: `jpo-tui correct` / `facts`, refusals, re-screening, and re-imports keeping corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.cli.main import main as cli_main
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.pdfmake import text_pdf
from tests.unit.test_importer import P11_LINES, VACANCY


def _status(engine, key: str = "K001") -> tuple[str, object]:  # noqa: ANN001
    from sqlmodel import select

    with session_scope(engine) as session:
        a = session.exec(select(m.Applicant).where(m.Applicant.key == key)).one()
        return session.get(m.ScreeningResult, a.id).status, a.date_of_birth


def _setup(db_url: str, tmp_path: Path):  # noqa: ANN202
    apps = tmp_path / "apps"
    (apps / "K001").mkdir(parents=True)
    text_pdf(apps / "K001" / "p11.pdf", P11_LINES)
    engine = open_database(db_url)
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)
    return engine, apps


def test_correct_birth_date_rescreens_and_survives_reimport(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    engine, apps = _setup(db_url, tmp_path)
    db = ["--db", db_url, "--reviewer", "sam"]
    assert _status(engine)[0] == "eligible"
    assert cli_main([*db[:2], "correct", *db[2:], "K001", "date_of_birth", "1980-05-01",
                     "--reason", "passport copy"]) == 0
    assert "eligibility now ineligible" in capsys.readouterr().out
    status, dob = _status(engine)
    assert status == "ineligible" and str(dob) == "1980-05-01"
    # a new document re-merges the facts: the hand-made fact stays, the disagreement is said
    text_pdf(apps / "K001" / "cv.pdf", ["CURRICULUM VITAE", "Camille Peeters", "Date of birth: 14/02/1996",
                                        "camille.peeters@example.org"])
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)
    status, dob = _status(engine)
    assert status == "ineligible" and str(dob) == "1980-05-01"
    assert cli_main([*db[:2], "facts", *db[2:], "K001"]) == 0
    out = capsys.readouterr().out
    assert "1980-05-01" in out and "hand-made by sam: passport copy" in out
    with session_scope(engine) as session:
        from sqlmodel import select
        ev = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "correct_fact")).one()
        assert "1997-02-14" in str(ev.before) and "1980-05-01" in str(ev.after) and ev.actor == "sam"
    engine.dispose()


def test_entries_languages_and_refusals(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    engine, _ = _setup(db_url, tmp_path)
    db = ["--db", db_url]
    assert cli_main([*db, "correct", "K001", "colour", "blue", "--reason", "x"]) == 2
    assert capsys.readouterr().err.startswith("jpo-tui: no field 'colour'")
    assert cli_main([*db, "correct", "K001", "date_of_birth", "soon", "--reason", "x"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli_main([*db, "correct", "K001", "employment.1.from", "2019-13", "--reason", "x"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert cli_main([*db, "correct", "K001", "language.English", "none", "--reason", "not in the CV"]) == 0
    assert "ineligible" in capsys.readouterr().out  # English is required
    assert cli_main([*db, "correct", "K001", "employment.add", "2015-01..2016-06; Intern; UNDP; internship",
                     "--reason", "letter"]) == 0
    assert cli_main([*db, "correct", "K001", "employment.1", "remove", "--reason", "duplicate"]) == 0
    capsys.readouterr()
    assert cli_main([*db, "facts", "K001"]) == 0
    facts = "\n".join(x for x in capsys.readouterr().out.splitlines() if not x.startswith("  correction"))
    assert "language.English" not in facts and "Intern, UNDP (internship)" in facts and "Enabel" not in facts
    engine.dispose()


def test_reviewer_is_refused_and_flags_a_doubt(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from jpo_tui.committee.members import add_member, bootstrap_chair

    engine, _ = _setup(db_url, tmp_path)
    with session_scope(engine, write=True) as session:
        bootstrap_chair(session, "BE-TEST", "chair", "chair-pass")
        add_member(session, "BE-TEST", "chair", "ana", "reviewer", "ana-pass")
    ana, chair = tmp_path / "ana", tmp_path / "chair"
    ana.write_text("ana-pass")
    chair.write_text("chair-pass")
    db = ["--db", db_url]
    assert cli_main([*db, "correct", "--reviewer", "ana", "--passphrase-file", str(ana), "K001",
                     "date_of_birth", "1980-05-01", "--reason", "x"]) == 2
    assert "chair" in capsys.readouterr().err
    assert _status(engine)[0] == "eligible"
    assert cli_main([*db, "flag", "--reviewer", "ana", "--passphrase-file", str(ana), "K001", "date_of_birth",
                     "--note", "the letter gives 1996"]) == 0
    assert cli_main([*db, "doubts", "--reviewer", "chair", "--passphrase-file", str(chair)]) == 0
    out = capsys.readouterr().out
    assert "\nK001  #" in out and "date_of_birth: the letter gives 1996 (by ana)" in out
    engine.dispose()


@pytest.mark.parametrize("field", ["employment.9.from", "education.0"])
def test_entry_out_of_range_is_one_line(tmp_path: Path, capsys, field: str) -> None:  # noqa: ANN001
    engine, _ = _setup(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path)
    assert cli_main(["--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "correct", "K001", field, "2019-01",
                     "--reason", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jpo-tui: ") and err.count("\n") == 1
    engine.dispose()

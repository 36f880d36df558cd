"""The importer end to end: files -> database -> JSON export, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main as cli_main
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.exports.json_export import vacancy_export
from jpo_tui.ingest.pipeline import discover_applications, import_applications
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.pdfmake import encrypt, scanned_pdf, text_pdf, truncate

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

VACANCY = """
[vacancy]
id = "BE-TEST"
title = "JPO Monitoring"
call_year = 2026
deadline = 2026-03-31
[eligibility]
max_age = 32
min_degree = "master"
nationalities = ["Belgium"]
dcc_nationalities = ["Senegal"]
required_languages = ["English", "French"]
[[criteria]]
name = "Monitoring and evaluation"
weight = 3
keywords = ["monitoring and evaluation", "M&E"]
[[criteria]]
name = "Gender equality"
weight = 2
keywords = ["gender equality", "égalité de genre"]
"""

P11_LINES = [
    "UNITED NATIONS PERSONAL HISTORY FORM (P.11)",
    "1. Family name: Peeters",
    "First name: Camille",
    "2. Date of birth (dd/mm/yyyy): 14/02/1997",
    "3. Present nationality: Belgium",
    "E-mail address: camille.peeters@example.org",
    "4. Mother tongue: French",
    "5. Languages (read / write / speak / understand)",
    "English: Easily / Easily / Easily / Easily",
    "6. Education",
    "Name, place and country: Ghent University",
    "From: 09/2019   To: 06/2020",
    "Degree and main course of study: Master of Science in Development Economics",
    "7. Employment record (starting with your present post)",
    "From: 01/2021   To: Present",
    "Exact title of your post: M&E Officer",
    "Name of employer: Enabel",
    "Description of your duties: Led monitoring and evaluation of the programme.",
]


def _application_tree(root: Path) -> Path:
    apps = root / "applications"
    (apps / "K001").mkdir(parents=True)
    text_pdf(apps / "K001" / "document1.pdf", P11_LINES)
    text_pdf(apps / "K001" / "scan_final.pdf", [
        "Dear selection committee,", "", "My experience in gender equality prepares me for this post.",
        "Yours sincerely, Camille Peeters",
    ])
    (apps / "K002").mkdir()
    (apps / "K002" / "p11.pdf").write_bytes(b"")
    (apps / "K003").mkdir()
    truncate(apps / "K001" / "document1.pdf", apps / "K003" / "form.pdf")
    (apps / "K004").mkdir()
    encrypt(apps / "K001" / "document1.pdf", apps / "K004" / "form.pdf")
    (apps / "K005").mkdir()
    scanned_pdf(apps / "K005" / "p11.pdf")
    (apps / "K006").mkdir()
    (apps / "K006" / "cv.pdf").write_bytes(b"PK\x03\x04 this is a docx")
    return apps


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return _application_tree(tmp_path)


def test_import_keeps_going_past_bad_files_and_is_idempotent(db_url: str, tree: Path) -> None:
    engine = open_database(db_url)
    spec = parse_vacancy(VACANCY)
    report = import_applications(engine, spec, [tree], workers=2)
    reasons = dict(report.refused)
    assert reasons["K002/p11.pdf"] == "empty file"
    assert reasons["K003/form.pdf"].startswith("truncated or corrupt PDF")
    assert reasons["K004/form.pdf"] == "password-protected PDF"
    assert reasons["K006/cv.pdf"].startswith("not a PDF")
    assert ("K005", "no text layer: needs OCR or manual entry") in report.flagged
    assert report.documents_added == 3

    with session_scope(engine) as session:
        doc = vacancy_export(session, "BE-TEST")
    by_key = {c["key"]: c for c in doc["candidates"]}
    camille = by_key["K001"]
    assert camille["name"] == "Camille Peeters"
    assert camille["date_of_birth"] == "1997-02-14"
    assert camille["nationality"] == "Belgium"
    assert camille["highest_degree"] == "master"
    assert camille["languages"] == {"French": "fluent", "English": "fluent"}
    assert sorted(d["kind"] for d in camille["documents"]) == ["cover_letter", "p11"]
    assert camille["criteria"]["Monitoring and evaluation"]["matched"]
    assert camille["criteria"]["Gender equality"]["matched"]
    hit = camille["criteria"]["Gender equality"]["hits"][0]
    assert hit["text"].lower() == "gender equality" and hit["end"] - hit["start"] == len(hit["text"])
    assert "no text layer: needs OCR or manual entry" in by_key["K005"]["flags"]
    assert {e["file"] for e in doc["errors"]} == {"K002/p11.pdf", "K003/form.pdf", "K004/form.pdf", "K006/cv.pdf"}
    # the applicant with only a broken file is kept, flagged, for the committee to chase
    assert by_key["K002"]["eligibility"]["status"] == "review"

    again = import_applications(engine, spec, [tree], workers=1)
    assert again.documents_added == 0
    assert again.documents_unchanged == 3
    with session_scope(engine) as session:
        assert len(session.exec(select(m.Document)).all()) == 3
        assert len(session.exec(select(m.ImportProblem)).all()) == 4
        assert len(session.exec(select(m.Applicant)).all()) == 6
    engine.dispose()


def test_new_document_for_known_applicant_is_added_and_merged(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    (apps / "K1").mkdir(parents=True)
    text_pdf(apps / "K1" / "a.pdf", P11_LINES)
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    spec = parse_vacancy(VACANCY)
    import_applications(engine, spec, [apps], workers=1)
    text_pdf(apps / "K1" / "b.pdf", ["Dear committee,", "I worked on égalité de genre.", "Yours sincerely, Camille Peeters"])
    report = import_applications(engine, spec, [apps], workers=1)
    assert report.documents_added == 1 and report.documents_unchanged == 1
    with session_scope(engine) as session:
        doc = vacancy_export(session, "BE-TEST")
    assert doc["candidates"][0]["name"] == "Camille Peeters"
    assert doc["candidates"][0]["criteria"]["Gender equality"]["matched"]


def test_discovery_loose_files_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "A1").mkdir()
    (tmp_path / "A1" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "A1" / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "loose.pdf").write_bytes(b"%PDF-1.4")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.pdf"
    outside.write_bytes(b"%PDF-1.4")
    (tmp_path / "A1" / "link.pdf").symlink_to(outside)
    folders = {f.key: f for f in discover_applications([tmp_path])}
    assert set(folders) == {"A1", "loose"}
    assert [p.name for p in folders["A1"].files] == ["x.pdf"]
    assert folders["A1"].refusals[0][1].startswith("symbolic link pointing outside")
    assert folders["loose"].loose


def test_cli_import_and_export(tmp_path: Path, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vacancy = tmp_path / "vacancy.toml"
    vacancy.write_text(VACANCY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli_main(["import", "--vacancy", str(vacancy), "--db", db, "--workers", "1", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "refused  K002/p11.pdf: empty file" in out
    assert "flagged  K005: no text layer" in out
    assert "files: 3 read" in out and "4 refused" in out
    out_file = tmp_path / "export.json"
    assert cli_main(["export", "--db", db, "--out", str(out_file)]) == 0
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert set(doc) == {"vacancy", "candidates", "errors", "duplicates", "duplicate_pairs", "duplicate_decisions"}
    assert doc["vacancy"]["id"] == "BE-TEST"


def test_cli_bad_vacancy_file_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vacancy = tmp_path / "v.toml"
    vacancy.write_text(VACANCY.replace("max_age = 32", 'max_age = "32"'), encoding="utf-8")
    assert cli_main(["import", "--vacancy", str(vacancy), "--db", f"sqlite:///{tmp_path / 'x.db'}", str(tmp_path)]) == 2
    assert "'eligibility.max_age' must be a whole number" in capsys.readouterr().err


@pytest.mark.skipif(not (CORPUS / "dev" / "truth.json").is_file(), reason="../shared/corpus is absent")
def test_dev_corpus_accuracy(tmp_path: Path) -> None:
    """The corpus accuracy check: fields >= 0.97, eligibility >= 0.98, criteria F1 >= 0.95, every flag found."""
    db = f"sqlite:///{tmp_path / 'dev.db'}"
    dev = CORPUS / "dev"
    assert cli_main(["import", "--vacancy", str(dev / "vacancy.toml"), "--db", db, "--quiet", str(dev / "applications")]) == 0
    export = tmp_path / "dev.json"
    assert cli_main(["export", "--db", db, "--out", str(export)]) == 0
    result = subprocess.run(
        [sys.executable, str(CORPUS / "evaluate.py"), str(dev / "truth.json"), str(export),
         "--min-fields", "0.97", "--min-elig", "0.98", "--min-f1", "0.95", "--all-flags"],
        capture_output=True, text=True,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout


def test_keyword_edit_in_the_vacancy_file_rematches_that_criterion(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    (apps / "K1").mkdir(parents=True)
    text_pdf(apps / "K1" / "a.pdf", P11_LINES + ["Also: results-based management of grants."])
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)
    with session_scope(engine) as session:
        before = vacancy_export(session, "BE-TEST")["candidates"][0]["criteria"]["Monitoring and evaluation"]["hits"]
    assert all(h["keyword"] != "results-based management" for h in before)
    edited = VACANCY.replace('keywords = ["monitoring and evaluation", "M&E"]',
                             'keywords = ["monitoring and evaluation", "M&E", "results-based management"]')
    report = import_applications(engine, parse_vacancy(edited), [apps], workers=1)
    assert report.documents_added == 0
    with session_scope(engine) as session:
        after = vacancy_export(session, "BE-TEST")["candidates"][0]["criteria"]["Monitoring and evaluation"]["hits"]
    assert any(h["keyword"] == "results-based management" for h in after)
    assert len(after) == len(before) + 1

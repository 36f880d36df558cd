"""``jpo-tui import`` takes each path for what its shape says, and says what it found and what it did not:
an empty folder or one of notes only imports nothing (exit 2, nothing written); one applicant's folder is one
applicant; a file is one applicant; late applications go to a vacancy already imported by its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.cli.main import main as cli_main
from jpo_tui.ingest.discover import discover_applications
from jpo_tui.services import queries
from jpo_tui.store.db import open_database
from tests.pdfmake import text_pdf
from tests.unit.test_importer import P11_LINES, VACANCY


@pytest.fixture
def vacancy(tmp_path: Path) -> Path:
    path = tmp_path / "vacancy.toml"
    path.write_text(VACANCY, encoding="utf-8")
    return path


def _import(db: str, vacancy: Path | str, *paths: Path) -> int:
    return cli_main(["import", "--vacancy", str(vacancy), "--db", db, "--workers", "1", "--quiet",
                     *map(str, paths)])


def _keys(db: str) -> list[str]:
    engine = open_database(db)
    try:
        vacancies = queries.list_vacancies(engine)
        return [r.key for v in vacancies for r in queries.applicant_rows(engine, v.id, None)]
    finally:
        engine.dispose()


@pytest.mark.parametrize("notes", [False, True])
def test_an_empty_folder_or_notes_only_imports_nothing(tmp_path: Path, vacancy: Path, notes: bool,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "apps"
    folder.mkdir()
    if notes:
        (folder / "notes.txt").write_text("Ask for the missing diploma.\n", encoding="utf-8")
        (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _import(db, vacancy, folder) == 2
    err = capsys.readouterr().err
    assert f"nothing to import in {folder}" in err and "no applicant was created" in err
    if notes:
        assert "2 file(s) ignored (.DS_Store, notes.txt" in err
    else:
        assert ": no files;" in err
    assert _keys(db) == []  # not even the vacancy


def test_one_applicants_folder_is_one_applicant_keyed_by_the_folder(tmp_path: Path, vacancy: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    applicant = tmp_path / "apps" / "A420001"
    applicant.mkdir(parents=True)
    text_pdf(applicant / "p11.pdf", P11_LINES)
    text_pdf(applicant / "cover_letter.pdf", ["Dear committee,", "Yours sincerely, Camille Peeters"])
    (applicant / "notes.txt").write_text("seen at the fair\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _import(db, vacancy, applicant) == 0
    captured = capsys.readouterr()
    assert "one applicant's folder" in captured.err
    assert "1 applicant (1 new or changed); files: 2 read, 0 already present, 0 refused, 1 ignored" in captured.out
    assert "ignored  A420001/notes.txt: plain text" in captured.out
    assert _keys(db) == ["A420001"]


def test_a_file_is_one_applicant(tmp_path: Path, vacancy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text_pdf(tmp_path / "K9.pdf", P11_LINES)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _import(db, vacancy, tmp_path / "K9.pdf") == 0
    assert "files: 1 read" in capsys.readouterr().out
    assert _keys(db) == ["K9"]
    assert _import(db, vacancy, tmp_path / "missing.pdf") == 2
    assert "missing.pdf: no such file or folder" in capsys.readouterr().err


def test_a_folder_of_notes_is_reported_and_is_no_applicant(tmp_path: Path, vacancy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    apps = tmp_path / "apps"
    for key in ("K1", "K2", "K3"):
        (apps / key).mkdir(parents=True)
    text_pdf(apps / "K1" / "a.pdf", P11_LINES)
    (apps / "K2" / "notes.txt").write_text("no documents yet\n", encoding="utf-8")
    (apps / "K3" / "cv.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # refused: kept
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _import(db, vacancy, apps) == 0
    out = capsys.readouterr().out
    assert "warning  K2: no application document: no applicant created" in out
    assert "warning  K3: every file refused: stored with no readable document" in out
    assert "refused  K3/cv.doc: legacy Word" in out and "ignored  K2/notes.txt" in out
    assert "2 applicants (2 new or changed); files: 1 read, 0 already present, 1 refused, 1 ignored" in out
    assert sorted(_keys(db)) == ["K1", "K3"]


def test_late_applications_into_a_vacancy_already_imported_by_its_id(tmp_path: Path, vacancy: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "apps" / "K1").mkdir(parents=True)
    text_pdf(tmp_path / "apps" / "K1" / "a.pdf", P11_LINES)
    (tmp_path / "late" / "K7").mkdir(parents=True)
    text_pdf(tmp_path / "late" / "K7" / "a.pdf", P11_LINES)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _import(db, vacancy, tmp_path / "apps") == 0
    assert _import(db, "BE-TEST", tmp_path / "late") == 0
    assert "vacancy BE-TEST: 1 applicant" in capsys.readouterr().out
    assert sorted(_keys(db)) == ["K1", "K7"]
    assert _import(db, "NO-SUCH", tmp_path / "late") == 2
    assert "NO-SUCH: no such vacancy file, nor a vacancy of this database" in capsys.readouterr().err


def test_a_folder_of_zip_archives_holds_applications(tmp_path: Path) -> None:
    """Only ZIPs and no sub-folder: each archive an applicant (not one applicant's folder)."""
    import zipfile

    apps = tmp_path / "apps"
    apps.mkdir()
    for key in ("Z1", "Z2"):
        text_pdf(tmp_path / "cv.pdf", P11_LINES)
        with zipfile.ZipFile(apps / f"{key}.zip", "w") as archive:
            archive.write(tmp_path / "cv.pdf", "cv.pdf")
    assert sorted(f.key for f in discover_applications([apps])) == ["Z1", "Z2"]

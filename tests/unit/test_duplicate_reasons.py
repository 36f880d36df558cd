"""Each reported duplicate pair says why, in the import report and in the JSON export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jpo_tui.cli.main import main as cli_main
from jpo_tui.screening.duplicates import Person, duplicate_pairs, pairs_in
from tests.pdfmake import text_pdf
from tests.unit.test_importer import VACANCY


def _cv(path: Path, name: str, email: str, born: str) -> None:
    text_pdf(path, [name, email, f"Date of birth: {born}", "Nationality: Belgian", "EXPERIENCE",
                    "Programme Officer, Red Cross, Brussels", "January 2020 - March 2023", "EDUCATION",
                    "Master of Science, KU Leuven, 2019", "LANGUAGES", "English: fluent"])


def test_pairs_in_keeps_the_pairs_of_one_group() -> None:
    people = [Person("A", "Lotte Peeters", None, "lotte@example.org"),
              Person("B", "Lotte Peeters", None, "lotte@example.org"),
              Person("C", "Jan Smet", None, "jan@example.org")]
    pairs = duplicate_pairs(people)
    assert pairs_in(["A", "B"], pairs) == [("A", "B", "same e-mail and a close name")]
    assert pairs_in(["C"], pairs) == []


def test_import_report_and_export_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apps = tmp_path / "apps"
    for key, name, email, born in (("K1", "Lotte Peeters", "lotte.peeters@example.org", "07/09/1994"),
                                   ("K2", "PEETERS, Lotte", "l.peeters@other.example", "07/09/1994"),
                                   ("K3", "Jan Smet", "jan.smet@example.org", "01/02/1993"),
                                   ("K4", "Jan Smet", "jan.smet@example.org", "01/02/1993"),
                                   ("K5", "Arne Jacobs", "arne@example.org", "04/12/1999"),
                                   ("K6", "Arne Jacobs", "arne.j@example.org", "25/12/1999")):
        (apps / key).mkdir(parents=True)
        _cv(apps / key / "cv.pdf", name, email, born)
    vacancy = tmp_path / "vacancy.toml"
    vacancy.write_text(VACANCY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'd.db'}"
    assert cli_main(["import", "--vacancy", str(vacancy), "--db", db, "--workers", "1", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "possible duplicate applicants: K1, K2 (K1 and K2: same name and birth date;" in out
    assert "possible duplicate applicants: K3, K4 (K3 and K4: same name and birth date;" in out
    assert "K5" not in out.split("possible duplicate")[-1].split("\n")[0]
    export = tmp_path / "x.json"
    assert cli_main(["export", "--db", db, "--out", str(export)]) == 0
    doc = json.loads(export.read_text(encoding="utf-8"))
    assert doc["duplicates"] == [["K1", "K2"], ["K3", "K4"]]
    assert doc["duplicate_pairs"] == [{"keys": ["K1", "K2"], "why": "same name and birth date"},
                                      {"keys": ["K3", "K4"], "why": "same name and birth date"}]

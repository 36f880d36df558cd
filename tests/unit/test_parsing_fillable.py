"""Fillable P.11 laid out like the real grid form (opaque field names): split date of birth, tick-box language
grid, table-style education rows, label-above employment blocks, other people's names; English and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.parsing import read_pdf
from jpo_tui.parsing.records import ParsedDocument
from tests.pdfmake import ENGLISH_P11, FRENCH_P11, fillable_grid_p11

EASY_ALL = (True, True, True, True)
SPEAKS = (True, False, True, True)  # reads, speaks and understands easily; writes not easily
POOR = (False, False, True, False)


def _person(**over: object) -> dict:
    person = {
        "family": "Nyirahabimana", "first": "Claudine", "dob": ("03", "11", "1995"), "nat_birth": "Rwanda",
        "nat": "Belgium", "email": "claudine.n@example.org", "mother": "Kinyarwanda",
        "languages": [("English", EASY_ALL), ("French", SPEAKS), ("Spanish", POOR)],
        "education": [("Ghent University", "09/2018", "06/2020", "Master of Science", "Economics"),
                      ("University of Rwanda", "09/2014", "06/2018", "Bachelor of Arts", "Sociology")],
        "employment": [("05/2021", "Present", "Programme Officer", "Enabel", "Ms. Jane Referee",
                        "Led monitoring and evaluation of gender equality projects."),
                       ("01/2020", "04/2021", "Intern", "UNDP Rwanda", "Mr. Paul Boss", "Supported data analysis.")],
        "references": [("Jean-Pierre Habimana", "jp.habimana@referee.test, Kigali", "Professor")],
    }
    person.update(over)
    return person


def _levels(doc: ParsedDocument) -> dict[str, str]:
    assert doc.facts is not None
    return {s.language: s.level for s in doc.facts.languages}


def _check_common(doc: ParsedDocument) -> None:
    facts = doc.facts
    assert facts is not None
    assert (doc.kind, doc.layout) == ("p11", "form")
    assert facts.name == "Claudine Nyirahabimana"
    assert facts.date_of_birth == date(1995, 11, 3)
    assert facts.nationality == "Belgium"  # present nationality, not the one at birth
    assert facts.email == "claudine.n@example.org"  # not the referee's
    levels = _levels(doc)
    assert levels["Kinyarwanda"] == "fluent"  # mother tongue
    assert levels["English"] == "fluent"
    assert levels["French"] == "working"
    assert levels["Spanish"] == "basic"
    french = next(s for s in facts.languages if s.language == "French")
    assert (french.read, french.write, french.speak, french.understand) == (True, False, True, True)
    assert [(e.institution, e.level) for e in facts.education] == [("Ghent University", "master"),
                                                                   ("University of Rwanda", "bachelor")]
    assert facts.education[0].start is not None and facts.education[0].start.iso() == "2018-09"
    assert facts.education[0].end is not None and facts.education[0].end.iso() == "2020-06"
    jobs = facts.employment
    assert [(j.title, j.employer, j.present, j.internship) for j in jobs] == [
        ("Programme Officer", "Enabel", True, False), ("Intern", "UNDP Rwanda", False, True)]
    assert jobs[1].start is not None and jobs[1].start.iso() == "2020-01"
    assert jobs[1].end is not None and jobs[1].end.iso() == "2021-04"
    assert "gender equality" in jobs[0].duties
    assert not facts.warnings


@pytest.mark.parametrize("labels", [ENGLISH_P11, FRENCH_P11], ids=["english", "french"])
@pytest.mark.parametrize("ticks", ["checkbox", "text"])
def test_fillable_grid_p11(tmp_path: Path, labels: dict, ticks: str) -> None:
    doc = read_pdf(fillable_grid_p11(tmp_path / "p11.pdf", labels, _person(), ticks=ticks))
    _check_common(doc)


@pytest.mark.parametrize("labels", [ENGLISH_P11, FRENCH_P11], ids=["english", "french"])
def test_printed_language_names_and_centred_skill_headings(tmp_path: Path, labels: dict) -> None:
    path = fillable_grid_p11(tmp_path / "p11.pdf", labels, _person(), language_printed=True, centred_skills=True)
    _check_common(read_pdf(path))


@pytest.mark.parametrize("labels", [ENGLISH_P11, FRENCH_P11], ids=["english", "french"])
def test_one_date_label_over_three_boxes_with_month_name(tmp_path: Path, labels: dict) -> None:
    month = "novembre" if labels is FRENCH_P11 else "November"
    path = fillable_grid_p11(tmp_path / "p11.pdf", labels, _person(dob=("3", month, "1995")), dob_labels=False)
    _check_common(read_pdf(path))


def test_languages_in_another_order_and_french_spoken_only(tmp_path: Path) -> None:
    person = _person(languages=[("Français", (False, False, True, True)), ("Anglais", EASY_ALL)])
    doc = read_pdf(fillable_grid_p11(tmp_path / "p11.pdf", FRENCH_P11, person, ticks="text"))
    assert _levels(doc) == {"Kinyarwanda": "fluent", "French": "working", "English": "fluent"}


def test_unticked_grid_row_gives_no_skills(tmp_path: Path) -> None:
    path = fillable_grid_p11(tmp_path / "p11.pdf", ENGLISH_P11, _person(languages=[("English", EASY_ALL)]))
    doc = read_pdf(path)
    english = next(s for s in doc.facts.languages if s.language == "English")
    assert (english.read, english.write, english.speak, english.understand) == (True, True, True, True)
    assert "Spanish" not in _levels(doc)


def test_full_employment_blocks_and_yes_no_question(tmp_path: Path) -> None:
    path = fillable_grid_p11(tmp_path / "p11.pdf", ENGLISH_P11, _person(), extras=True)
    doc = read_pdf(path)
    _check_common(doc)
    assert "Reason for leaving: End of contract" in doc.text  # every answer stays in the reviewer text


@pytest.mark.parametrize("labels", [ENGLISH_P11, FRENCH_P11], ids=["english", "french"])
def test_education_column_labels_over_two_lines(tmp_path: Path, labels: dict) -> None:
    doc = read_pdf(fillable_grid_p11(tmp_path / "p11.pdf", labels, _person(), wrap_columns=True))
    _check_common(doc)
    assert "Main course of study: Economics" in doc.text or "Principale matière étudiée: Economics" in doc.text

"""Fillable P.11 laid out like the real grid form (opaque field names): split date of birth, tick-box language
grid, table-style education rows, label-above employment blocks, other people's names; English and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.core.records import ParsedDocument
from jpo_tui.ingest.document import read_pdf
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


def test_dependants_after_a_ticked_yes_are_other_people(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "p11.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    form = c.acroForm
    c.setFont("Helvetica", 7)
    fields = [("1. Family name", 39, 760, "Mukamana"), ("First name", 196, 760, "Alice"),
              ("2. Date of birth Day", 39, 730, "14"), ("Month", 105, 730, "02"), ("Year", 170, 730, "1996"),
              ("5. Present nationality(ies)", 240, 730, "Belgium")]
    n = 0
    for label, x, y, value in fields:
        n += 1
        c.drawString(x, y, label)
        form.textfield(name=f"Text{n}", x=x, y=y - 16, width=60 if len(value) < 5 else 140, height=13, value=value,
                       borderWidth=0, fontSize=8)
    c.drawString(39, 690, "13. Have you any dependants?")
    for x, word, ticked in ((200, "Yes", True), (250, "No", False)):
        n += 1
        form.checkbox(name=f"Check{n}", x=x, y=688, size=9, checked=ticked, buttonStyle="cross", borderWidth=0)
        c.drawString(x + 12, 690, word)
    for label, x, value in (("Name", 39, "Eric Mukamana"), ("Date of birth", 196, "01/03/2019"),
                            ("E-mail", 300, "guardian@family.test")):
        n += 1
        c.drawString(x, 670, label)
        form.textfield(name=f"Text{n}", x=x, y=654, width=140, height=13, value=value, borderWidth=0, fontSize=8)
    c.drawString(39, 620, "20. KNOWLEDGE OF LANGUAGES. What is your mother tongue?")
    n += 1
    form.textfield(name=f"Text{n}", x=39, y=602, width=140, height=13, value="French", borderWidth=0, fontSize=8)
    c.save()
    facts = read_pdf(path).facts
    assert facts.name == "Alice Mukamana"
    assert facts.date_of_birth == date(1996, 2, 14)
    assert facts.email == ""  # the dependant's e-mail is not the applicant's
    assert _levels_of(facts) == {"French": "fluent"}


def _levels_of(facts) -> dict[str, str]:
    return {s.language: s.level for s in facts.languages}


@pytest.mark.parametrize(("skills", "easy", "hard", "names"), [
    (("Read", "Write", "Speak", "Understand"), "Easily", "Not easily", ("English", "French", "Spanish")),
    (("Lire", "Écrire", "Parler", "Comprendre"), "Facilement", "Difficilement", ("Anglais", "Français", "Espagnol")),
], ids=["english", "french"])
def test_grid_of_text_fields_with_printed_language_names(tmp_path: Path, skills: tuple, easy: str, hard: str,
                                                         names: tuple) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "p11.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    form = c.acroForm
    c.setFont("Helvetica", 7)
    for n, (label, x, value) in enumerate((("1. Family name", 39, "Dupont"), ("First name", 196, "Marie"),
                                           ("E-mail", 353, "m.dupont@mail.test"))):
        c.drawString(x, 760, label)
        form.textfield(name=f"Text{n}", x=x, y=744, width=140, height=13, value=value, borderWidth=0, fontSize=8)
    c.drawString(39, 690, "LANGUAGES")
    xs = (150, 230, 310, 390)
    for x, skill in zip(xs, skills, strict=True):
        c.drawString(x + 3, 675, skill)
    rows = ((easy,) * 4, (easy, hard, easy, easy), (hard, hard, easy, hard))
    for i, (name, values) in enumerate(zip(names, rows, strict=True)):
        c.drawString(41, 660 - i * 16, name)
        for j, (x, value) in enumerate(zip(xs, values, strict=True)):
            form.textfield(name=f"Text{10 + 4 * i + j}", x=x, y=656 - i * 16, width=75, height=12, value=value,
                           borderWidth=0, fontSize=8)
    c.save()
    assert _levels_of(read_pdf(path).facts) == {"English": "fluent", "French": "working", "Spanish": "basic"}

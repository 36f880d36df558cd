"""Regression tests for CV layouts the first parser misread: names on two lines, ranges wrapped or on a line of their
own before or after the entry, ongoing degrees with an expected end, French headings, level vocabularies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.ingest.cv import parse_cv, parse_letter
from jpo_tui.ingest.dates import parse_date
from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.languages import easily, stated_level
from tests.pdfmake import text_pdf

FRENCH_CV = [
    "Jonas", "KABILA", "jonas.kabila@exemple.cd", "Rue du Lac 12, Bukavu, République démocratique du", "Congo",
    "Date de naissance : 1er novembre", "1995", "Nationalité : République démocratique du", "Congo",
    "LANGUES", "Swahili - langue maternelle", "Anglais - bon niveau", "Français - bonne maîtrise",
    "Néerlandais - notions",
    "Expériences professionnelles",
    "Coordinateur terrain, Caritas (janvier 2025 - présent)", "- Suivi des partenaires.",
    "Stagiaire programme, Ministère du Plan (octobre 2024 –", "décembre 2024)", "- Prise de notes.",
    "juillet 2023 à juin 2024", "Assistant de recherche - Université de Goma, Goma",
    "- Recherches documentaires et formation des enquêteurs.",
    "DIPLÔMES",
    "Master en économie du développement, Université catholique de Louvain (septembre 2025 - en cours juin 2027)",
    "Licence en sociologie, Université Officielle de", "Bukavu (sept. 2018 - juin 2021)",
]


def test_french_cv_layout(tmp_path: Path) -> None:
    doc = read_pdf(text_pdf(tmp_path / "cv.pdf", FRENCH_CV))
    facts = doc.facts
    assert doc.kind == "cv"
    assert facts.name == "Jonas Kabila"
    assert facts.date_of_birth == date(1995, 11, 1)
    assert facts.nationality == "Democratic Republic of the Congo"
    levels = {s.language: s.level for s in facts.languages}
    assert levels == {"Swahili": "fluent", "English": "working", "French": "working", "Dutch": "basic"}
    jobs = [(j.start.iso(), j.end.iso() if j.end else None, j.present, j.internship) for j in facts.employment]
    assert jobs == [("2025-01", None, True, False), ("2024-10", "2024-12", False, True),
                    ("2023-07", "2024-06", False, False)]
    assert facts.employment[2].title == "Assistant de recherche"
    degrees = [(e.level, e.ongoing, e.end.iso() if e.end else None) for e in facts.education]
    assert degrees == [("master", True, "2027-06"), ("bachelor", False, "2021-06")]
    assert facts.education[1].institution.endswith("Bukavu")


def test_english_cv_heading_then_dates_and_single_date_degree(tmp_path: Path) -> None:
    lines = ["Jean-Paul Habimana", "jp.habimana@mail.test · Born 1996-04-02 · Nationality: Rwandan",
             "WORK EXPERIENCE", "Project Officer - UNICEF, Kigali", "03/2022 to Present",
             "- Coordinated the projects portfolio.", "Trainee, IOM", "(09/2021 - 02/2022)",
             "Internships", "Assistant, Enabel (06/2020 - 08/2020)",
             "EDUCATION", "MA Conflict and Development, Ghent University", "(September 2019 - August 2020)",
             "Bachelor of Science in Economics, State University, Anywhere, May 2019",
             "LANGUAGES", "English: full professional proficiency", "French: professional working proficiency",
             "Kinyarwanda: native speaker"]
    facts = read_pdf(text_pdf(tmp_path / "cv.pdf", lines)).facts
    assert facts.name == "Jean-Paul Habimana" and facts.nationality == "Rwanda"
    jobs = [(j.title, j.start.iso(), j.present, j.internship) for j in facts.employment]
    assert jobs == [("Project Officer", "2022-03", True, False), ("Trainee", "2021-09", False, True),
                    ("Assistant", "2020-06", False, True)]
    assert [(e.level, e.end.iso()) for e in facts.education] == [("master", "2020-08"), ("bachelor", "2019-05")]
    assert {s.language: s.level for s in facts.languages} == {
        "Kinyarwanda": "fluent", "English": "fluent", "French": "working"}


def test_cv_ranges_in_many_spellings() -> None:
    text = "\n".join(["Ana Silva", "Experience", "Officer, WFP (2025-07 - to date)", "Clerk, ING (10-2021 à 04-2022)",
                      "Analyst, KPMG (févr. 2019 - août 2020)", "Education",
                      "LL.M. in Human Rights, Leiden University (2025-09 - expected 2027-06)",
                      "Bachelor in Law, University of Porto (2014-2018)"])
    facts = parse_cv(text)
    assert [(j.start.iso(), j.present) for j in facts.employment] == [
        ("2025-07", True), ("2021-10", False), ("2019-02", False)]
    assert facts.employment[2].end.iso() == "2020-08"
    assert [(e.level, e.ongoing) for e in facts.education] == [("master", True), ("bachelor", False)]


def test_letter_header_names_no_committee() -> None:
    text = "\n".join(["Jean-Paul Mugisha", "Kigali, 2 March 2026", "UNICEF - JPO Service Centre", "Selection Committee",
                      "Dear Sir or Madam,", "I apply.", "Yours sincerely,", "Jean-Paul Mugisha"])
    assert parse_letter(text).name == "Jean-Paul Mugisha"


@pytest.mark.parametrize(("text", "level"), [
    ("full professional proficiency", "fluent"), ("professional working proficiency", "working"),
    ("good working knowledge", "working"), ("bonne maîtrise", "working"), ("très bonne maîtrise", "fluent"),
    ("bon niveau", "working"), ("notions", "basic"), ("elementary (A2)", "basic"), ("fluent (C1)", "fluent"),
    ("native speaker", "fluent"), ("niveau scolaire", "basic"), ("langue maternelle", "fluent"),
    ("zeer goed", "fluent"), ("redelijk", "working"), ("básico", "basic"), ("B2", "working"), ("", None),
])
def test_stated_levels(text: str, level: str | None) -> None:
    assert stated_level(text) == level


@pytest.mark.parametrize(("text", "easy"), [
    ("Easily", True), ("Not easily", False), ("Facilement", True), ("Difficilement", False), ("X", True),
    ("Fluent", True), ("Confident", True), ("Intermediate", False), ("Beginner", False), ("", None),
])
def test_skill_cells(text: str, easy: bool | None) -> None:
    assert easily(text) is easy


def test_dates_with_dashes_and_month_abbreviations() -> None:
    assert parse_date("21-JUN-1981") == date(1981, 6, 21)
    assert parse_date("5.mrt.1990") == date(1990, 3, 5)
    assert parse_date("1er novembre\n1996") == date(1996, 11, 1)

"""A P11 whose Languages field lists several languages with their levels in one line."""

from __future__ import annotations

from pathlib import Path

from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.interpret import Item, interpret
from tests.pdfmake import text_pdf


def test_languages_listed_in_one_field(tmp_path: Path) -> None:
    lines = ["NOTICE PERSONNELLE", "Nom : MBEKI", "Prénom(s) : Grâce", "Né(e) le : 12 août 1996",
             "Nationalité actuelle : congolaise (RDC)", "Courriel : grace.mbeki@example.cd",
             "Langue maternelle : lingala", "Autres langues : français (courant), anglais (bon niveau)",
             "FORMATION", "Établissement : Université de Kinshasa", "Période : 2014 – 2019",
             "Diplôme : Licence en économie (Bac+5)"]
    facts = read_pdf(text_pdf(tmp_path / "p11.pdf", lines)).facts
    assert {s.language: s.level for s in facts.languages} == {"Lingala": "fluent", "French": "fluent",
                                                              "English": "working"}


def test_single_language_field_still_opens_a_grid_row() -> None:
    facts = interpret([Item("Language", "English"), Item("Read", "Easily"), Item("Write", "Easily"),
                       Item("Speak", "Easily"), Item("Understand", "Easily"),
                       Item("Language", "Spanish - basic")])
    assert {s.language: s.level for s in facts.languages} == {"English": "fluent", "Spanish": "basic"}


def test_year_only_period_of_a_study_ends_in_june() -> None:
    facts = interpret([Item("EDUCATION", None), Item("Institution", "ULB"), Item("Period", "2014 - 2019"),
                       Item("Degree", "Master en droit"), Item("EMPLOYMENT", None), Item("Period", "2019 - 2021"),
                       Item("Job title", "Officer"), Item("Employer", "Enabel")])
    assert [(e.start.iso(), e.end.iso()) for e in facts.education] == [("2014-01", "2019-06")]
    assert [(j.start.iso(), j.end.iso()) for j in facts.employment] == [("2019-01", "2021-12")]

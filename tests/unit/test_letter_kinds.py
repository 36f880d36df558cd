"""Cover letters without "Dear" or "Yours sincerely": a short closing on its line, or first-person prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.ingest.cv import is_first_person_prose, is_letter
from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.kind import classify
from tests.pdfmake import text_pdf

PROSE = {
    "en": "I found your call for Junior Professional Officers and I would like to apply. My work at the Red Cross "
          "taught me how field programmes are run, and I have led a team of six people in Goma for two years.",
    "fr": "Je souhaite vous présenter ma candidature au poste de chargée de programme. Mon expérience au sein de "
          "la Croix-Rouge m'a appris à gérer des projets, et je suis convaincue de pouvoir contribuer à votre équipe.",
    "nl": "Ik wil graag solliciteren voor de functie van programmamedewerker. Mijn ervaring bij het Rode Kruis heeft "
          "mij geleerd hoe projecten in het veld lopen, en ik werk graag in een internationaal team met collega's.",
    "de": "Ich bewerbe mich hiermit um die Stelle als Programmreferentin. Meine Erfahrung beim Roten Kreuz hat mir "
          "gezeigt, wie Projekte vor Ort laufen, und ich arbeite gern in einem internationalen Team mit Kollegen.",
}


@pytest.mark.parametrize("language", sorted(PROSE))
def test_first_person_prose_is_a_letter(language: str) -> None:
    text = "Lotte Peeters\nlotte@example.org\n" + "\n".join([PROSE[language]] * 3).replace(". ", ".\n")
    assert is_first_person_prose(text)
    assert classify(text) == "cover_letter"


def test_a_cv_is_no_prose_letter() -> None:
    cv = ("Lotte Peeters\nEXPERIENCE\nProgramme Officer, Enabel\n2021 - 2024\nEDUCATION\nMaster of Science, KU Leuven"
          "\n2017 - 2019\nLANGUAGES\nEnglish: fluent")
    assert not is_first_person_prose(cv)
    assert classify(cv) == "cv"


def test_a_short_closing_on_its_line(tmp_path: Path) -> None:
    assert is_letter("Thank you.\nBest,\nAlex Mayle")
    assert not is_letter("The best candidate, regards aside")
    lines = ["Alex Mayle", "alex.mayle@example.org", "September 8, 2024", "Revel,",
             *PROSE["en"].replace(". ", ".\n").splitlines(), "Best,", "Alex Mayle"]
    doc = read_pdf(text_pdf(tmp_path / "letter.pdf", lines))
    assert doc.kind == "cover_letter" and doc.facts is not None
    assert (doc.facts.name, doc.facts.email) == ("Alex Mayle", "alex.mayle@example.org")


def test_the_referees_e_mails_are_not_the_applicants() -> None:
    from jpo_tui.ingest.cv import parse_cv

    facts = parse_cv("Axel Dupont\nEXPERIENCE\nAnalyst, Enabel\n2021 - 2024\nREFERENCES\nPhilippe Martin\n"
                     "philippe.martin@univ.example\nCONTACT\naxel.dupont@example.org")
    assert facts.email == "axel.dupont@example.org"

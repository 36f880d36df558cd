"""Cover letters told by other openings and closings: "Chère Madame", "To the Selection Committee", "Bonjour",
an "Objet : candidature" line; "Bien à vous", "Respectfully", "Salutations distinguées", "Thank you for your
consideration"."""

from __future__ import annotations

import pytest

from jpo_tui.ingest.cv import parse_letter
from jpo_tui.ingest.kind import classify

BODY = ("I am applying for the JPO position in Kinshasa. I have five years of experience in child protection and "
        "humanitarian response with UNICEF and NGOs. I would welcome the opportunity to contribute.")


@pytest.mark.parametrize(("opening", "closing"), [
    ("Chère Madame, cher Monsieur,", "Bien à vous,"), ("To the Selection Committee,", "Respectfully,"),
    ("Bonjour,", "Salutations distinguées,"), ("Objet : candidature au poste de JPO", "Sincères salutations,"),
    ("Re: Application for the JPO programme", "Thank you for your consideration."),
])
def test_letter_with_other_formulas(opening: str, closing: str) -> None:
    text = "\n".join([opening, BODY, closing, "Jane Roe"])
    assert classify(text) == "cover_letter"
    assert parse_letter(text).name == "Jane Roe"

"""Section headings CVs use beyond the usual ones (EN / FR): each opens the right section."""

from __future__ import annotations

import pytest

from jpo_tui.ingest.cv import parse_cv, sections


@pytest.mark.parametrize(("heading", "section"), [
    ("Career", "employment"), ("Career history", "employment"), ("Professional background", "employment"),
    ("Positions held", "employment"), ("Expériences", "employment"), ("Postes occupés", "employment"),
    ("Parcours académique", "education"), ("Cursus universitaire", "education"),
    ("Compétences linguistiques", "languages"), ("Linguistic skills", "languages"),
    ("Career objective", "other"),
])
def test_heading_opens_its_section(heading: str, section: str) -> None:
    assert [name for name, _ in sections(f"Jane Roe\n{heading}\nsomething")][1:] == [section]


def test_cv_with_french_headings() -> None:
    facts = parse_cv("\n".join(["Sophie Lambert", "sophie.lambert@example.be", "Expériences",
                                "Chargée de projet, Oxfam (mars 2019 - aujourd'hui)", "Parcours académique",
                                "Master en économie, Université de Namur (2016 - 2018)", "Compétences linguistiques",
                                "Français : langue maternelle", "Anglais : courant"]))
    assert [(j.start.iso(), j.present) for j in facts.employment] == [("2019-03", True)]
    assert [e.level for e in facts.education] == ["master"]
    assert {s.language: s.level for s in facts.languages} == {"French": "fluent", "English": "fluent"}

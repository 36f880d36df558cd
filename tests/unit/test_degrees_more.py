"""Degree titles of the French-speaking systems the first table missed: M2 / L3, Bac+N, engineering degrees
(master-level), the graduat (a first cycle)."""

from __future__ import annotations

import pytest

from jpo_tui.ingest.degrees import degree_level


@pytest.mark.parametrize(("title", "level"), [
    ("M2 Relations internationales", "master"), ("L3 Sociologie", "bachelor"), ("Bac+5 en gestion", "master"),
    ("Bac +3 en droit", "bachelor"), ("Bac+8", "doctorate"), ("Diplôme d'ingénieur", "master"),
    ("Ingénieur commercial", "master"), ("Bio-ingénieur", "master"), ("Graduat en informatique", "bachelor"),
    ("Licence en droit (Bac+5)", "master"), ("Baccalauréat", "secondary"), ("Diplôme d'État", "secondary"),
])
def test_levels(title: str, level: str) -> None:
    assert degree_level(title) == level

"""Degree levels from titles in English, French and Dutch."""

from __future__ import annotations

import pytest

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.degrees import degree_level


@pytest.mark.parametrize(("title", "level"), [
    ("PhD in Economics", "doctorate"), ("Doctorat en sciences politiques", "doctorate"),
    ("Doctor of Philosophy", "doctorate"), ("Master of Science in Development Economics", "master"),
    ("MA International Relations", "master"), ("MSc Public Health", "master"), ("M.Sc. Statistics", "master"),
    ("MBA", "master"), ("Master of Laws (LLM)", "master"), ("LL.M. International Law", "master"),
    ("Master en sciences politiques", "master"), ("DEA en sociologie", "master"),
    ("DESS en gestion de projets", "master"), ("Licentiaat Politieke Wetenschappen", "master"),
    ("Bachelor of Arts", "bachelor"), ("BSc Economics", "bachelor"), ("B.A. History", "bachelor"),
    ("Bachelier en droit", "bachelor"), ("Secondary school diploma", "secondary"),
    ("Certificate in project management", "other"), ("", "unknown"), ("-", "unknown"),
])
def test_levels(title: str, level: str) -> None:
    assert degree_level(title) == level


def test_licence_depends_on_its_length() -> None:
    assert degree_level("Licence en droit", start=YearMonth(2010, 9), end=YearMonth(2013, 6)) == "bachelor"
    # An LMD licence is bachelor-level even when it took four years; a pre-Bologna licence of four years or one
    # of five years is master-level, as is a licence saying it is a second cycle.
    assert degree_level("Licence en droit", start=YearMonth(2010, 9), end=YearMonth(2014, 6)) == "bachelor"
    assert degree_level("Licence en droit", start=YearMonth(1999, 9), end=YearMonth(2003, 6)) == "master"
    assert degree_level("Licence en droit", start=YearMonth(2010, 9), end=YearMonth(2015, 6)) == "master"
    assert degree_level("Licence en sciences politiques (2e cycle)") == "master"
    assert degree_level("Licence (Bac+3) en géographie", start=YearMonth(2010, 9), end=YearMonth(2014, 6)) == "bachelor"
    assert degree_level("Licence en économie", start=YearMonth(2016, 9), end=YearMonth(2018, 6)) == "master"

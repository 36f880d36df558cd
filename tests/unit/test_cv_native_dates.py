"""Dates as Spanish, Portuguese and Italian CVs write them ("enero de 2021"), and degree headings wrapped in two."""

from __future__ import annotations

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.cv import parse_cv
from jpo_tui.ingest.dates import parse_year_month


def test_a_word_between_month_and_year() -> None:
    assert parse_year_month("enero de 2021") == YearMonth(2021, 1)
    assert parse_year_month("fevereiro de 2021") == YearMonth(2021, 2)
    assert parse_year_month("gennaio del 2020") == YearMonth(2020, 1)


def test_spanish_ranges_with_de_and_native_present() -> None:
    facts = parse_cv("María José GARCÍA LÓPEZ\nmj@example.es\nExperiencia profesional\nTécnica de proyectos – Cruz Roja"
                     "\nenero de 2021 – actualidad\nPrácticas – FAO, Roma\nmarzo de 2019 – agosto de 2019")
    assert facts.name == "María José García López"
    assert [(e.start, e.end, e.present, e.internship) for e in facts.employment] == [
        (YearMonth(2021, 1), None, True, False), (YearMonth(2019, 3), YearMonth(2019, 8), False, True)]


def test_a_degree_heading_wrapped_before_its_dates() -> None:
    facts = parse_cv("Yasmina EL AMRANI\nFormation\nMaster en sciences de la population – Université libre\n"
                     "de Bruxelles\n2018 – 2020")
    assert facts.name == "Yasmina El Amrani"
    assert [(e.level, e.end) for e in facts.education] == [("master", YearMonth(2020, 6, approximate=True))]


def test_a_cefr_code_decides_over_the_words_beside_it() -> None:
    from jpo_tui.ingest.languages import stated_level

    assert stated_level("gevorderd (B2)") == "working"
    assert stated_level("zeer goed (C2)") == "fluent"
    assert stated_level("beginner (A1)") == "basic"


def test_a_family_name_first_over_two_lines_and_native_present_words() -> None:
    facts = parse_cv("MONDLANE,\nAmérico\nEXPERIÊNCIA PROFISSIONAL\n[ 09/2022 – Atual ]\nOficial de programa\nEnabel\n"
                     "PRAXISERFAHRUNG\n08.2019 – 08.2022 Projektreferent/in — Misereor, Aachen")
    assert facts.name == "Américo Mondlane"
    assert [(e.start, e.present) for e in facts.employment] == [(YearMonth(2022, 9), True), (YearMonth(2019, 8), False)]

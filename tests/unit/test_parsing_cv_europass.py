"""European-style CVs: the name after its label, "Mother tongue(s)", a nationality followed on its line by the
next label, and the CEFR self-assessment grid (a level per skill on the line after the language)."""

from __future__ import annotations

from datetime import date

from jpo_tui.ingest.cv import parse_cv


def test_labelled_personal_lines() -> None:
    facts = parse_cv("\n".join([
        "Europass", "Curriculum Vitae", "Personal information", "First name(s) / Surname(s)  Claire Dupont",
        "E-mail  claire.dupont@example.org", "Nationality: Belgian  Date of birth: 07/09/1994",
        "Mother tongue(s)  French"]))
    assert (facts.name, facts.nationality, facts.date_of_birth) == ("Claire Dupont", "Belgium", date(1994, 9, 7))
    assert [(s.language, s.level) for s in facts.languages] == [("French", "fluent")]


def test_family_name_in_capitals_goes_last() -> None:
    assert parse_cv("Curriculum vitae\nNom et prénom : DUPONT Claire\nclaire@example.org").name == "Claire Dupont"


def test_nationality_followed_by_another_label_on_one_space() -> None:
    assert parse_cv("Jane Roe\nNationality: Belgian Date of birth: 07/09/1994").nationality == "Belgium"


def test_cefr_grid_on_the_line_after_the_language() -> None:
    facts = parse_cv("\n".join([
        "Claire Dupont", "claire@example.org", "LANGUAGE SKILLS", "Mother tongue(s): FRENCH", "Other language(s):",
        "ENGLISH", "Listening C1 Reading C1 Spoken production C1 Spoken interaction C1 Writing C1",
        "DUTCH", "Listening B2 Reading B2 Spoken production B1 Spoken interaction B1 Writing A2"]))
    levels = {s.language: s.level for s in facts.languages}
    assert levels == {"French": "fluent", "English": "fluent", "Dutch": "basic"}

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.core.vacancy import VacancyFileError, load_vacancy, parse_vacancy

GOOD = """
[vacancy]
id = "BE-2026-X"
title = "JPO Monitoring"
organisation = "UNDP"
duty_station = "Dakar"
grade = "P2"
donor = "Belgium"
call_year = 2026
deadline = 2026-03-31

[eligibility]
max_age = 32
min_degree = "master"
bachelor_extra_experience_years = 2
min_experience_years = 2
internship_weight = 0.5
nationalities = ["Belgique"]
dcc_nationalities = ["RD Congo", "Senegal"]
required_languages = ["English", "French"]

[[criteria]]
name = "Monitoring and evaluation"
weight = 3
keywords = ["monitoring and evaluation", "M&E", "suivi et évaluation"]
"""


def test_good_file_is_read_and_country_names_normalised() -> None:
    spec = parse_vacancy(GOOD)
    assert spec.id == "BE-2026-X"
    assert spec.deadline == date(2026, 3, 31)
    assert spec.eligibility.nationalities == ("Belgium",)
    assert spec.eligibility.dcc_nationalities == ("Democratic Republic of the Congo", "Senegal")
    assert spec.criteria[0].keywords == ("monitoring and evaluation", "M&E", "suivi et évaluation")
    assert spec.criteria[0].weight == 3.0


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('call_year = 2026', 'call_year = "2026"', "'vacancy.call_year' must be a whole number"),
        ('deadline = 2026-03-31', 'deadline = "31/03/2026"', "'vacancy.deadline' must be a date"),
        ('max_age = 32', 'max_age = 32\nmax_agee = 3', "unknown key 'eligibility.max_agee'"),
        ('min_degree = "master"', 'min_degree = "masters"', "'eligibility.min_degree' must be one of"),
        ('internship_weight = 0.5', 'internship_weight = 2', "'eligibility.internship_weight' must be between 0 and 1"),
        ('weight = 3', 'weight = 0', "'criteria[0].weight' must be above 0"),
        ('keywords = ["monitoring and evaluation", "M&E", "suivi et évaluation"]', 'keywords = []',
         "'criteria[0].keywords' must list at least one keyword"),
        ('keywords = ["monitoring and evaluation", "M&E", "suivi et évaluation"]', 'keywords = ["ok", 3]',
         "'criteria[0].keywords[1]' must be non-empty text"),
        ('id = "BE-2026-X"\n', '', "missing key 'vacancy.id'"),
    ],
)
def test_bad_key_is_named(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(VacancyFileError) as err:
        parse_vacancy(GOOD.replace(old, new, 1), "v.toml")
    assert message in str(err.value)
    assert str(err.value).startswith("v.toml: ")


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VacancyFileError, match="not valid TOML"):
        parse_vacancy("[vacancy\nid=1")
    with pytest.raises(VacancyFileError, match="no such vacancy file"):
        load_vacancy(tmp_path / "nope.toml")


def test_any_languages_option() -> None:
    spec = parse_vacancy(GOOD.replace('required_languages = ["English", "French"]',
                                      'required_languages = []\nany_languages = ["English", "French"]'))
    assert spec.eligibility.any_languages == ("English", "French")
    assert spec.eligibility.required_languages == ()

"""Country names in many spellings and languages resolve to one canonical name."""

import pytest

from jpo_tui.core.countries import (
    ambiguous_country,
    canonical_country,
    country_code,
    normalise_country,
    split_countries,
)


@pytest.mark.parametrize(("written", "canonical"), [
    ("Belgium", "Belgium"), ("Belgique", "Belgium"), ("België", "Belgium"), ("Belgian", "Belgium"),
    ("belge", "Belgium"), ("Belgische", "Belgium"), ("Royaume de Belgique", "Belgium"),
    ("Koninkrijk België", "Belgium"), ("Belgian national", "Belgium"),
    ("DRC", "Democratic Republic of the Congo"), ("RD Congo", "Democratic Republic of the Congo"),
    ("R.D. Congo", "Democratic Republic of the Congo"), ("RDC", "Democratic Republic of the Congo"),
    ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
    ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
    ("Congo (Kinshasa)", "Democratic Republic of the Congo"), ("Congo (Brazzaville)", "Republic of the Congo"),
    ("Sénégalaise", "Senegal"), ("Burkinabè", "Burkina Faso"), ("Nigérienne", "Niger"), ("Nigeria", "Nigeria"),
    ("Tanzania, United Republic of", "Tanzania"), ("State of Palestine", "Palestine"),
    ("Côte d’Ivoire", "Côte d'Ivoire"), ("U.S.A.", "United States"), ("Nederlandse", "Netherlands"),
    ("Marokkaans", "Morocco"), ("Mozambicaine", "Mozambique"), ("Guinée", "Guinea"),
])
def test_canonical_country(written: str, canonical: str) -> None:
    assert canonical_country(written) == canonical


def test_unknown_and_empty() -> None:
    assert canonical_country("Wakanda") is None
    assert country_code("") is None
    assert normalise_country("  Wakanda   Kingdom ") == "Wakanda Kingdom"
    assert country_code("België") == "BE"


def test_ambiguous_names_are_reported() -> None:
    assert "Democratic Republic of the Congo" in ambiguous_country("Congo")
    assert "Republic of the Congo" in ambiguous_country("Congolese")
    assert ambiguous_country("Congo (Kinshasa)") == ()
    assert ambiguous_country("Belgium") == ()


def test_split_countries_keeps_names_with_and() -> None:
    assert split_countries("Belgian / Moroccan") == ["Belgian", "Moroccan"]
    assert split_countries("Belgique et Maroc") == ["Belgique", "Maroc"]
    assert split_countries("Trinidad and Tobago") == ["Trinidad and Tobago"]

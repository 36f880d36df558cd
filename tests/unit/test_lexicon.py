"""The lexicon: every language fills every key, phrases compile once, and the readers find them."""

from __future__ import annotations

import pytest

from jpo_tui.ingest import lexicon
from jpo_tui.ingest.lexicon import GROUPS, LANGUAGES, lexicons


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_fills_every_key(language: str) -> None:
    lex = lexicons()[language]
    missing = [f"{group}.{key}" for group in GROUPS for key in sorted(lexicon.keys(group))
               if not [w for w in lex.get(group, {}).get(key, []) if str(w).strip()]]
    assert not missing, f"{language} lacks {missing}"
    assert lex.get("nationalities"), f"{language} has no nationality adjectives"
    assert lex["language"] == language


def test_phrases_compile_for_folded_and_raw_text() -> None:
    for group in GROUPS:
        for key in lexicon.keys(group):
            lexicon.pattern(group, key)
            lexicon.raw_pattern(group, key)


def test_marks_shape_the_match() -> None:
    assert lexicon.has("labels", "family_name", "nom")  # "=nom": the whole label
    assert not lexicon.has("labels", "family_name", "nom du projet")
    assert lexicon.has("labels", "nationality", "nationalite actuelle")  # "nationalit*": a word prefix
    assert lexicon.raw_pattern("words", "present").search("jusqu’à aujourd’hui")


def test_nationality_adjectives_name_countries() -> None:
    table = lexicon.nationalities()
    for adjective in ("belg", "belge", "belga", "belgische", "belgier"):
        assert table[adjective] == "BE"

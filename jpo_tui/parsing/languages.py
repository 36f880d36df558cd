"""Language names (canonical English via Babel) and the words applicants use for proficiency."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from jpo_tui.parsing.dates import fold
from jpo_tui.parsing.records import LanguageLevel

NAME_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")
_ALIASES = {"flemish": "Dutch", "vlaams": "Dutch", "flamand": "Dutch", "nederlands": "Dutch", "farsi": "Persian",
            "kinyarwanda": "Kinyarwanda", "kirundi": "Rundi", "wolof": "Wolof", "lingala": "Lingala"}

_FLUENT = ("fluent", "fluently", "native", "mother tongue", "first language", "bilingual", "excellent", "proficient",
           "advanced", "very good", "courant", "couramment", "langue maternelle", "maternelle", "bilingue",
           "tres bien", "tres bon", "moedertaal", "vloeiend", "uitstekend", "muttersprache", "fliessend", "c1", "c2")
_WORKING = ("good", "working", "professional", "intermediate", "upper intermediate", "conversational", "bon", "bonne",
            "bien", "intermediaire", "professionnel", "goed", "gut", "b1", "b2")
_BASIC = ("basic", "notions", "elementary", "beginner", "limited", "some", "notion", "debutant", "elementaire",
          "de base", "basis", "grundkenntnisse", "a1", "a2")
_EASY_TRUE = ("easily", "facilement", "yes", "oui", "x", "fluent", "excellent", "proficient", "advanced",
              "very good", "good", "confident", "native", "c1", "c2", "b2", "courant", "bien", "goed", "makkelijk")
_EASY_FALSE = ("not easily", "difficilement", "pas facilement", "no", "non", "basic", "limited", "elementary",
               "beginner", "intermediate", "a1", "a2", "b1", "notions", "moeilijk", "niet makkelijk")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    english = Locale("en").languages
    table: dict[str, str] = {}
    for loc in NAME_LOCALES:
        for code, name in Locale(loc).languages.items():
            if "_" in code or code not in english:
                continue
            table.setdefault(fold(name), english[code])
    for alias, name in _ALIASES.items():
        table[alias] = name
    return table


def canonical_language(text: str) -> str | None:
    """English name of a language written in English, French, Dutch, German, Spanish, ... or None."""
    key = fold(re.sub(r"\(.*?\)", " ", text or "")).strip(" :-")
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    first = key.split(" ")[0]
    return names.get(first) if len(first) > 3 else None


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", text) for w in words)


def stated_level(text: str) -> LanguageLevel | None:
    """A CV's level word: "fluent"/"courant"/"native" -> fluent, "good"/"working" -> working, "basic" -> basic."""
    folded = fold(text)
    if not folded:
        return None
    if _has(folded, _BASIC):
        return "basic"
    if _has(folded, _WORKING) and not _has(folded, ("very good", "tres bien", "tres bon")):
        return "working"
    if _has(folded, _FLUENT):
        return "fluent"
    return None


def easily(text: str) -> bool | None:
    """A P11 skill cell: "Easily" / "X" -> True, "Not easily" -> False, blank -> None."""
    folded = fold(text)
    if not folded:
        return None
    if _has(folded, _EASY_FALSE) or folded.startswith("not ") or folded.startswith("pas "):
        return False
    if _has(folded, _EASY_TRUE):
        return True
    return None

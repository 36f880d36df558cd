"""The words of applications as data: one TOML file per language (en, fr, nl, es, de, it, pt).

Each file holds the same groups and keys (section headings, field labels, "present" words, internship words, level
words, degree names, nationality adjectives, salutations and closings, the markers of a P11 and of a CV). The
readers ask this module for a key's words, merged over every language, and never spell a language's words
themselves. Month names come from Babel (``dates``), countries from pycountry and CLDR (``core.countries``).

Phrases are written as people write them and folded on loading (lower case, accents removed, dots and apostrophes
read as spaces). Three marks shape how a phrase matches a folded label: ``=x`` the whole label, ``^x`` its start,
``x*`` a word that starts with x; a plain phrase matches whole words anywhere.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from jpo_tui.core.text import fold

LANGUAGES = ("en", "fr", "nl", "es", "de", "it", "pt")
# Groups whose keys every language must fill (``nationalities`` is a table of adjective -> ISO code).
GROUPS = ("headings", "labels", "words", "levels", "degrees", "letter", "markers")



@lru_cache(maxsize=1)
def lexicons() -> dict[str, dict]:
    """Every language's lexicon as loaded from its TOML file."""
    out: dict[str, dict] = {}
    folder = resources.files(__name__)
    for code in LANGUAGES:
        out[code] = tomllib.loads((folder / f"{code}.toml").read_text(encoding="utf-8"))
    return out


def keys(group: str) -> frozenset[str]:
    """Every key of a group over all languages."""
    return frozenset(k for lex in lexicons().values() for k in lex.get(group, {}))


@lru_cache(maxsize=512)
def words(group: str, key: str, languages: tuple[str, ...] = LANGUAGES) -> tuple[str, ...]:
    """A key's phrases over the given languages, folded (marks kept), without repeats, longest first."""
    seen: dict[str, None] = {}
    for code in languages:
        for phrase in lexicons()[code].get(group, {}).get(key, ()):
            mark = phrase[:1] if phrase[:1] in "=^" else ""
            star = "*" if phrase.endswith("*") else ""
            body = fold(phrase.strip("=^*").replace("-", " "))
            if body:
                seen.setdefault(f"{mark}{body}{star}", None)
    return tuple(sorted(seen, key=lambda p: (-len(p), p)))


def _phrase_regex(phrase: str, *, raw: bool) -> str:
    mark = phrase[:1] if phrase[:1] in "=^" else ""
    star = phrase.endswith("*")
    body = phrase.strip("=^*")
    if raw:  # searched in text folded to the same length (see RawRegex): accents are gone, case is ignored
        source = re.escape(body).replace(r"\ ", r"[\s'.,\-()/\u00b7]{1,4}")  # "Né·e le": a middle dot too
    else:
        source = re.escape(body).replace(r"\ ", " ")
    if mark == "=":
        return f"^{source}$"
    if mark == "^":
        return f"^{source}\\b"
    return f"\\b{source}" + ("" if star else r"(?!\w)")


@lru_cache(maxsize=512)
def alternation(group: str, key: str, *, raw: bool = False) -> str:
    """Regex source matching any of a key's phrases (folded text; ``raw`` for text as written, accents and
    apostrophes as they come, to be compiled with re.IGNORECASE)."""
    phrases = words(group, key)
    if not phrases:
        raise KeyError(f"lexicon has no words for {group}.{key}")
    return "(?:" + "|".join(_phrase_regex(p, raw=raw) for p in phrases) + ")"


@lru_cache(maxsize=512)
def pattern(group: str, key: str) -> re.Pattern[str]:
    """A key's phrases compiled once, for searching folded text."""
    return re.compile(alternation(group, key))


@lru_cache(maxsize=1)
def _same_length_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): "'" for c in "\u2019\u2018`"}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


@lru_cache(maxsize=2048)
def fold_same_length(text: str) -> str:
    """The text with accents removed letter for letter ("Expérience" -> "Experience"), of the same length, so that a
    match found in it is at the same place in the text as written."""
    return text.translate(_same_length_table())


class RawRegex:
    """A pattern made of lexicon phrases (``alternation(raw=True)``) and other regex parts, searched in text as
    written: the text is folded to the same length first, so positions hold and groups read folded text. Much
    cheaper to compile than classes of accented letters."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.regex = re.compile(source, flags | re.IGNORECASE)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(fold_same_length(text), pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(fold_same_length(text), pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(fold_same_length(text))

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self.regex.finditer(fold_same_length(text), pos)

    def findall(self, text: str) -> list[Any]:
        return self.regex.findall(fold_same_length(text))

    def sub(self, repl: str, text: str) -> str:
        """Substitution in the folded text (for values that are parsed next, never shown)."""
        return self.regex.sub(repl, fold_same_length(text))

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        """Split the text as written at the places the pattern matches in its folded form."""
        out, last = [], 0
        for n, m in enumerate(self.regex.finditer(fold_same_length(text))):
            if maxsplit and n >= maxsplit:
                break
            out.append(text[last:m.start()])
            last = m.end()
        out.append(text[last:])
        return out


@lru_cache(maxsize=512)
def raw_pattern(group: str, key: str) -> RawRegex:
    """A key's phrases compiled once, for searching text as written (case and accents ignored)."""
    return RawRegex(alternation(group, key, raw=True))


def has(group: str, key: str, folded_text: str) -> bool:
    """True when a folded text holds one of the key's phrases."""
    return pattern(group, key).search(folded_text) is not None


def plain_words(group: str, key: str) -> frozenset[str]:
    """A key's phrases without marks (for exact lookups of a folded value)."""
    return frozenset(p.strip("=^*") for p in words(group, key))


@lru_cache(maxsize=1)
def nationalities() -> dict[str, str]:
    """Nationality adjectives of every language (folded) -> ISO 3166 alpha-2 code."""
    table: dict[str, str] = {}
    for lex in lexicons().values():
        for adjective, code in lex.get("nationalities", {}).items():
            table[fold(adjective)] = str(code).upper()
    return table


def vocabulary() -> frozenset[str]:
    """Every single word the labels and headings use (to tell a run of label words from a value)."""
    out: set[str] = set()
    for group in ("labels", "headings"):
        for key in keys(group):
            for phrase in words(group, key):
                out.update(phrase.strip("=^*").split())
    return frozenset(out)


__all__ = ["GROUPS", "LANGUAGES", "RawRegex", "alternation", "fold_same_length", "fold", "has", "keys", "lexicons", "nationalities", "pattern",
           "plain_words", "raw_pattern", "vocabulary", "words"]

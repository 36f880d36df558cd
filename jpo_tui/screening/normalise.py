"""Text normaliser for keyword matching.

``fold`` maps every character to exactly one character (lower case, accents removed, hyphens unified, other
punctuation to a space), so positions in the folded text are positions in the original: a hit found in the
folded text can be highlighted in the document as written. ``tokenise`` turns folded text into light-stemmed
words with their original spans, dropping small function words ("and", "de", "of") and keeping sentence
breaks as barriers a phrase may not cross.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"
BARRIERS = ".;:!?•·|\u2022\u25aa\u25cf"
BARRIER = "."
# Function words in the languages vacancies are written in; a phrase matches with or without them.
STOPWORDS = frozenset({
    "and", "&", "of", "the", "for", "in", "on", "a", "an", "to",
    "et", "de", "des", "du", "la", "le", "les", "d", "l", "en", "pour", "au", "aux", "un", "une",
    "van", "het", "een", "voor", "und", "der", "die", "das", "y", "e", "del", "los", "las", "el",
})


class _FoldTable(dict):
    """str.translate table built lazily, one entry per distinct character met."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        if ch in HYPHENS:
            out = "-"
        elif ch in BARRIERS:
            out = BARRIER
        elif ch == "&":
            out = "&"
        elif ch.isalnum():
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out = (base.casefold() or ch.casefold() or ch)[:1]
            if not out.isalnum():
                out = ch.lower()[:1]
        else:
            out = " "
        self[code] = ord(out)
        return ord(out)


_TABLE = _FoldTable()
_TOKEN_RE = re.compile(r"[^\W_]+|[&.\-]")


def fold(text: str) -> str:
    """Same length as ``text``: lower case, no accents, hyphens as '-', sentence marks as '.', rest spaces."""
    return text.translate(_TABLE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stemmer shared by keywords and texts: plurals and British/American spellings meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("mme"):  # programme -> program
        word = word[:-2]
    if word.endswith("yses"):  # analyses -> analysis
        return word[:-2] + "is"
    if word.endswith("ies") and len(word) > 4:  # activities -> activity
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Tokens:
    """Content words of one text: stems, original spans, whether a hyphen glues each to the previous one,
    and whether function words were skipped just before it ("gestion *de* projet")."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    glued: list[bool]
    gap: list[bool]

    def __len__(self) -> int:
        return len(self.words)


def tokenise(text: str, *, folded: str | None = None) -> Tokens:
    """Stemmed content words of ``text`` with spans into ``text``; barriers kept as '.'."""
    folded = fold(text) if folded is None else folded
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    glued: list[bool] = []
    gap: list[bool] = []
    skipped = False
    hyphen_at = -2  # index in ``words`` after which the last hyphen came
    for m in _TOKEN_RE.finditer(folded):
        tok = m.group()
        if tok == "-":
            hyphen_at = len(words)
            continue
        if tok == BARRIER:
            if words and words[-1] != BARRIER:
                words.append(BARRIER)
                starts.append(m.start())
                ends.append(m.end())
                glued.append(False)
                gap.append(False)
            skipped = False
            continue
        if tok in STOPWORDS:
            hyphen_at = -2
            skipped = True
            continue
        gap.append(skipped)
        skipped = False
        glued.append(hyphen_at == len(words) and bool(words) and words[-1] != BARRIER)
        hyphen_at = -2
        words.append(stem(tok))
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(words, starts, ends, glued, gap)


def keyword_tokens(keyword: str) -> tuple[list[str], list[bool]]:
    """Content stems of a keyword and, per word, whether a function word may precede it.

    A short prefix glued by a hyphen is joined to its word ("co-ordination" -> "coordination").
    """
    toks = tokenise(keyword)
    out: list[str] = []
    gaps: list[bool] = []
    for word, glue, gap in zip(toks.words, toks.glued, toks.gap, strict=True):
        if word == BARRIER:
            continue
        if glue and out and len(out[-1]) <= 3:
            out[-1] = stem(out[-1] + word)
        else:
            out.append(word)
            gaps.append(gap)
    return out, gaps


def is_acronym(keyword: str) -> bool:
    """A keyword written without lower-case letters ("M&E", "RBM") is matched as written, not fuzzily."""
    return any(c.isupper() for c in keyword) and not any(c.islower() for c in keyword)


def acronym_pattern(keyword: str) -> re.Pattern[str]:
    """Regex for an acronym as written: letters case-sensitive, symbols with optional spaces, plural 's'."""
    parts = []
    for ch in keyword.strip():
        if ch.isalnum():
            parts.append(re.escape(ch))
        elif ch.isspace():
            parts.append(r"\s+")
        elif ch in "&/+":
            parts.append(r"\s?" + re.escape(ch) + r"\s?")
        elif ch == ".":
            parts.append(r"\.?")
        elif ch in HYPHENS:
            parts.append(r"[-\s]?")
        else:
            parts.append(re.escape(ch) + "?")
    tail = r"(?:s|'s|’s)?" if keyword.strip()[-1:].isalpha() else ""
    flags = re.IGNORECASE if any(c in keyword for c in "&/+") else 0
    return re.compile(r"(?<![^\W_])" + "".join(parts) + tail + r"(?![^\W_])", flags)

"""Small wording helpers shared by the renderers: dates in English and French, bilingual strings."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date

from jpo_tui.core.records import YearMonth

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
PRESENT_EN = ("Present", "present", "Present", "to date", "Current")
PRESENT_FR = ("à ce jour", "aujourd'hui", "présent", "en cours", "à ce jour")


@dataclass(frozen=True)
class Bi:
    """The same fact worded in English and in French."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def ascii_fold(text: str) -> str:
    """Accents removed, for e-mail addresses and file names."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def ym_add(ym: YearMonth, months: int) -> YearMonth:
    """``ym`` shifted by ``months`` (may be negative)."""
    i = ym.index() + months
    return YearMonth(i // 12, i % 12 + 1)


def ym_of(d: date) -> YearMonth:
    return YearMonth(d.year, d.month)


def fmt_ym(ym: YearMonth, style: str) -> str:
    """One month in a given style: num (03/2019), dash (03-2019), iso (2019-03), long (March 2019),
    short (Mar 2019), fr (mars 2019), frshort (mars 2019 abbreviated as mars/déc.), year (2019)."""
    m = ym.month
    if style == "num":
        return f"{m:02d}/{ym.year}"
    if style == "dash":
        return f"{m:02d}-{ym.year}"
    if style == "iso":
        return f"{ym.year}-{m:02d}"
    if style == "long":
        return f"{MONTHS_EN[m - 1]} {ym.year}"
    if style == "short":
        return f"{MONTHS_EN[m - 1][:3]} {ym.year}"
    if style == "fr":
        return f"{MONTHS_FR[m - 1]} {ym.year}"
    if style == "frshort":
        name = MONTHS_FR[m - 1]
        return f"{name if len(name) <= 4 else name[:4].rstrip('é') + '.'} {ym.year}"
    if style == "year":
        return str(ym.year)
    raise ValueError(style)


def fmt_dob(d: date, style: str) -> str:
    """A birth date: dmy (19/07/1993), dmy-dot (19.07.1993), iso, long (19 July 1993), fr (19 juillet 1993)."""
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy-dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "long":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "fr":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"
    raise ValueError(style)


def month_styles(lang: str, rng: random.Random) -> str:
    """A month style a CV in ``lang`` would plausibly use throughout."""
    if lang == "fr":
        return rng.choice(("num", "num", "fr", "fr", "frshort", "dash"))
    return rng.choice(("num", "num", "long", "short", "iso", "dash"))


def present_word(lang: str, rng: random.Random) -> str:
    return rng.choice(PRESENT_FR if lang == "fr" else PRESENT_EN)


def de(word: str) -> str:
    """French "de X" with elision before a vowel or mute h."""
    return ("d'" if word[:1].lower() in "aeiouhéèêâîôû" else "de ") + word

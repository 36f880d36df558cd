"""The level of a degree from its title, in English, French, Dutch and common abbreviations."""

from __future__ import annotations

import re

from jpo_tui.core.records import DegreeLevel, EducationEntry, YearMonth
from jpo_tui.ingest.dates import fold

_DOCTORATE = re.compile(
    r"\b(ph ?d|d ?phil|doctorat\w*|doctor\w*|doctora\w*|doktor\w*|promotion|dr sc|edd|dba|md)\b|\bbac ?\+ ?8\b"
)
_MASTER = re.compile(
    r"\b(master\w*|masters|ma|m a|msc|m sc|ms|m s|mba|mpa|mph|mphil|m phil|llm|ll m|mres|meng|m eng|mpp|med|"
    r"dea|dess|diplome d etudes (approfondies|superieures specialisees)|ingenieur civil|burgerlijk ingenieur|"
    r"maitrise|magister|licenciatura|laurea magistrale|diplom|m2|diplome d ingenieur|bio[ -]?ingenieur|"
    r"ingenieur (commercial|de gestion|industriel|agronome)|industrieel ingenieur|handelsingenieur)\b|\bbac ?\+ ?[45]\b"
)
_BACHELOR = re.compile(
    r"\b(bachelor\w*|bachelier|bachelors|ba|b a|bsc|b sc|bs|b s|beng|b eng|btech|b tech|bba|llb|ll b|bcom|"
    r"baccalaureat universitaire|licence|license|laurea|grado|associate|l3|graduat)\b|\bbac ?\+ ?3\b"
)
_LICENCE = re.compile(r"\b(licence|licentiaat|licenciado|licenciatura|license)\b")
_SECONDARY = re.compile(
    r"\b(secondary|high school|baccalaureat|bac|cess|a levels?|abitur|matura|diplome d etat|"
    r"secondaire|humaniores|middelbaar|secundair|school diploma|gcse|lycee|athenee)\b"
)


def degree_level(title: str, *, start: YearMonth | None = None, end: YearMonth | None = None) -> DegreeLevel:
    """doctorate / master / bachelor / secondary / other / unknown from a degree title.

    A "Licence" is bachelor-level (the LMD licence, Bac+3) unless it says it is a second cycle ("2e cycle",
    "Bac+4/5"), lasted five years, or is a pre-Bologna licence of four years or more (ended before 2009); the
    Belgian and Dutch "licentiaat" is master-level; so is a licence of one or two years (a second cycle).
    """
    text = fold(title)
    if not text or text in {"-", "n a", "none"}:
        return "unknown"
    if _DOCTORATE.search(text) and not re.search(r"\b(pre|post) ?doc", text):
        return "doctorate"
    if _LICENCE.search(text) and not _MASTER.search(text):
        if re.search(r"licentiaat|licenciado|licenciatura", text):
            return "master"
        if re.search(r"\b(2e|2eme|deuxieme|second) cycle\b|\bbac ?\+ ?[45]\b", text):
            return "master"
        if re.search(r"\b(1er|premier|first) cycle\b|\bbac ?\+ ?3\b|professionnelle", text):
            return "bachelor"
        years = _years(start, end)
        pre_bologna = end is not None and end.year <= 2008
        if years is None:
            return "bachelor"
        # A licence of one or two years is the second cycle after a first degree (the Congolese graduat-licence).
        return "master" if years >= 4.6 or years <= 2.1 or (years >= 3.6 and pre_bologna) else "bachelor"
    if _MASTER.search(text):
        return "master"
    if _BACHELOR.search(text):
        return "bachelor"
    if _SECONDARY.search(text):
        return "secondary"
    return "other"


def _years(start: YearMonth | None, end: YearMonth | None) -> float | None:
    if start is None or end is None:
        return None
    return (end.index() - start.index() + 1) / 12


def education_entry(
    degree: str, institution: str = "", start: YearMonth | None = None, end: YearMonth | None = None,
    *, ongoing: bool = False,
) -> EducationEntry:
    """An EducationEntry with its level filled from the title."""
    return EducationEntry(
        institution=institution.strip(),
        degree=degree.strip(),
        start=start,
        end=end,
        level=degree_level(degree, start=start, end=end),
        ongoing=ongoing,
    )

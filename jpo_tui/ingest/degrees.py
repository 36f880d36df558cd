"""The level of a degree from its title, in every lexicon language and common abbreviations."""

from __future__ import annotations

import re

from jpo_tui.core.records import DegreeLevel, EducationEntry, YearMonth
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.dates import fold

# Degree names per level come from the lexicon's [degrees]; "Bac+N" counts years after the baccalauréat.
_DOCTORATE = re.compile(lexicon.alternation("degrees", "doctorate") + r"|\bdoctor\w{0,12}|\bdoktor\w{0,12}|\bbac ?\+ ?8\b")
_MASTER = re.compile(lexicon.alternation("degrees", "master") + r"|\bbac ?\+ ?[45]\b")
_BACHELOR = re.compile(lexicon.alternation("degrees", "bachelor") + r"|\bbac ?\+ ?3\b")
_LICENCE = re.compile(lexicon.alternation("degrees", "licence") + r"|\blicenciado\b")
_LICENCE_MASTER = re.compile(r"\b(licentiaat|licenciado|licenciatura)\b")  # Belgian, Dutch, Spanish: master-level
_SECONDARY = lexicon.pattern("degrees", "secondary")


def degree_level(title: str, *, start: YearMonth | None = None, end: YearMonth | None = None) -> DegreeLevel:
    """doctorate / master / bachelor / secondary / other / unknown from a degree title.

    A "Licence" is bachelor-level (the LMD licence, Bac+3) unless it says it is a second cycle ("2e cycle",
    "Bac+4/5"), lasted five years, or is a pre-Bologna licence of four years or more (ended before 2009); the
    Belgian and Dutch "licentiaat" is master-level; so is a licence of one or two years (a second cycle).
    """
    text = fold(title[:300]).replace("-", " ").strip()
    if not text or text in {"-", "n a", "none"}:
        return "unknown"
    if _DOCTORATE.search(text) and not re.search(r"\b(pre|post) ?doc", text):
        return "doctorate"
    if _LICENCE.search(text) and not _MASTER.search(text):
        if re.search(r"\b(1er|premier|first|1 ?o|1|primeiro|primer) (cycle|ciclo)\b|\bbac ?\+ ?3\b|professionnelle", text):
            return "bachelor"
        if _LICENCE_MASTER.search(text):
            return "master"
        if re.search(r"\b(2e|2eme|deuxieme|second|2 ?o|2|segundo) (cycle|ciclo)\b|\bbac ?\+ ?[45]\b", text):
            return "master"
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

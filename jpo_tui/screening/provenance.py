"""Where each fact was read: the document, the page, the character span of the text that holds the value, and
how it was read (a form field, the text layer, OCR), or who typed it.

The readers give facts, not positions; here each fact's value is looked up in the text of the documents it can
have come from, in the order the merge takes them (P11, CV, letter). A value is found when its words appear in
that order, whatever the case and spacing; a birth date in any of the ways it is written
(:func:`jpo_tui.privacy.identifiers.birth_date_forms`). A value that is in no document (an empty one, a value the
reader composed) gets evidence without a span, and says so. Pure: no database, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from jpo_tui.core.records import OCR_MARK, ApplicantFacts

CONTEXT = 40  # characters shown either side of the span
_PRIORITY = {"p11": 0, "cv": 1, "cover_letter": 2, "other": 3}
# Page breaks are not kept in a document's text: its page is known only when it has one page.


@dataclass(frozen=True)
class Source:
    """One stored document, as provenance needs it."""

    file: str
    kind: str
    layout: str
    pages: int
    text: str
    read_by_ocr: bool = False


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read. ``start``/``end`` index the document's stored text (None: not found in it)."""

    document: str
    kind: str
    page: int | None
    start: int | None
    end: int | None
    text: str  # the document's text at [start:end] ("" when not found)
    context: str  # the text around it
    how: str  # form field | text | OCR | typed by NAME | entered by hand by NAME
    read_by_ocr: bool

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One line for a screen: ``p11.pdf p.1 (form field): «… 14/03/1994 …»``."""
        page = f" p.{self.page}" if self.page else ""
        if not self.document:
            return self.how
        if self.start is None:
            return f"{self.document}{page} ({self.how}): not found in the document's text"
        return f"{self.document}{page} ({self.how}): «{' '.join(self.context.split())}»"


def source_of(file: str, kind: str, layout: str, pages: int, text: str, flags: Sequence[str]) -> Source:
    """A :class:`Source` from a stored document's columns."""
    return Source(file, kind, layout, pages, text, any(str(f).startswith(OCR_MARK) for f in flags))


def _how(doc: Source) -> str:
    if doc.read_by_ocr:
        return "OCR"
    return "form field" if doc.layout == "form" else "text"


def _pattern(value: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+|[^\w\s]", value)
    if not words:
        return None
    source = re.escape(words[0])
    for before, word in zip(words, words[1:], strict=False):
        source += (r"\s+" if before[-1].isalnum() and word[0].isalnum() else r"\s*") + re.escape(word)
    return re.compile(rf"(?<!\w){source}(?!\w)" if words[0][0].isalnum() and words[-1][-1].isalnum() else source,
                      re.IGNORECASE)


def _find(doc: Source, values: Sequence[str], patterns: Sequence[re.Pattern[str]] = ()) -> tuple[int, int] | None:
    compiled = [_pattern(v) for v in sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True)]
    for pattern in [*(p for p in compiled if p is not None), *patterns]:
        found = pattern.search(doc.text)
        if found:
            return found.start(), found.end()
    return None


def locate(docs: Sequence[Source], values: Sequence[str], kinds: Sequence[str] = ("p11", "cv", "cover_letter",
                                                                                   "other"),
           patterns: Sequence[re.Pattern[str]] = ()) -> Evidence | None:
    """Evidence for the first of ``docs`` (P11 first) of one of ``kinds`` whose text holds one of ``values``
    (or matches one of ``patterns``); None when no document holds any."""
    for doc in sorted(docs, key=lambda d: _PRIORITY.get(d.kind, 3)):
        if doc.kind not in kinds:
            continue
        span = _find(doc, values, patterns)
        if span is not None:
            start, end = span
            context = doc.text[max(0, start - CONTEXT):end + CONTEXT]
            return Evidence(doc.file, doc.kind, 1 if doc.pages == 1 else None, start, end, doc.text[start:end],
                            context, _how(doc), doc.read_by_ocr)
    return None


def typed(by: str, *, manual: bool = False) -> Evidence:
    """Evidence of a fact a member typed (a correction, or data entered by hand)."""
    how = f"entered by hand by {by}" if manual else f"typed by {by}"
    return Evidence("", "", None, None, None, "", "", how, False)


def not_found(docs: Sequence[Source]) -> Evidence:
    """Evidence of a fact the documents gave but whose words are in none of their texts."""
    doc = min(docs, key=lambda d: _PRIORITY.get(d.kind, 3)) if docs else Source("", "", "", 0, "")
    return Evidence(doc.file, doc.kind, None, None, None, "", "", _how(doc) if docs else "", doc.read_by_ocr)


def _date_values(born: date | None) -> list[str]:
    if born is None:
        return []
    from jpo_tui.privacy.identifiers import birth_date_forms

    return sorted(birth_date_forms(born))


def _split_date(born: date | None) -> list[re.Pattern[str]]:
    """A date written in a form's separate boxes: day, month, year (or year, month, day) with labels between."""
    if born is None:
        return []
    from jpo_tui.privacy.identifiers import _month_words

    d, mo, y = born.day, born.month, born.year
    month = "|".join([f"0?{mo}", *(re.escape(w) for w in sorted(_month_words()[mo], key=len, reverse=True))])
    between = r"\b[^\d]{1,30}?\b"
    return [re.compile(rf"\b0?{d}{between}(?:{month})\b[^\d]{{1,30}}?\b{y}\b", re.IGNORECASE),
            re.compile(rf"\b{y}{between}(?:{month}){between}0?{d}\b", re.IGNORECASE)]


def _split_name(first: str, family: str) -> list[re.Pattern[str]]:
    """A name written in a form's two boxes (family name, first name, with their labels between)."""
    a, b = _pattern(first), _pattern(family)
    if a is None or b is None:
        return []
    between = r"[\s\S]{1,40}?"
    return [re.compile(rf"{b.pattern}{between}{a.pattern}", re.IGNORECASE),
            re.compile(rf"{a.pattern}{between}{b.pattern}", re.IGNORECASE)]


def evidence_for(facts: ApplicantFacts, docs: Sequence[Source]) -> dict:
    """Evidence (or None for an empty fact) of every fact of ``facts``: {"name": Evidence, ..., "languages":
    {name: Evidence}, "education": [Evidence], "employment": [Evidence]}."""

    def find(values: Sequence[str], kinds: Sequence[str] = ("p11", "cv", "cover_letter", "other"),
             patterns: Sequence[re.Pattern[str]] = ()) -> Evidence | None:
        if not any(v for v in values):
            return None
        return locate(docs, values, kinds, patterns) or not_found(docs)

    full = [facts.name, f"{facts.first_name} {facts.family_name}", f"{facts.family_name} {facts.first_name}"]
    name = None
    if facts.name:
        name = (locate(docs, full, patterns=_split_name(facts.first_name, facts.family_name))
                or find([facts.family_name, facts.first_name]) or not_found(docs))
    out: dict = {
        "name": name,
        "date_of_birth": find(_date_values(facts.date_of_birth), patterns=_split_date(facts.date_of_birth)),
        "nationality": find([facts.nationality_raw, facts.nationality]),
        "email": find([facts.email]),
        "languages": {x.language: find([x.language], ("p11", "cv")) for x in facts.languages},
        "education": [find([e.degree, e.institution], ("p11", "cv")) for e in facts.education],
        "employment": [find([e.title, e.employer], ("p11", "cv")) for e in facts.employment],
    }
    return out

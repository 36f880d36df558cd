"""Dates as applicants write them: month names in five languages, numeric forms, ranges and "present".

Month names come from Babel's CLDR data (English, French, Dutch, German, Spanish, Italian, Portuguese), wide and
abbreviated, plus every unambiguous prefix of at least three letters ("Sept", "janv", "Mrt"); the words for
"present", "since" and "to" come from the lexicon. Values are capped before they are parsed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel.dates import get_month_names

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.lexicon import fold

MONTH_LOCALES = ("en", "fr", "nl", "de", "es", "it", "pt")
MAX_DATE_CHARS = 300  # a date or a range is short: longer values are cut before parsing

_PRESENT_RE = re.compile(lexicon.alternation("words", "present") + r"|\bdate\b")
# A range separator: dash of any kind (incl. soft hyphen that some LaTeX CVs emit), or a "to" word of a language
_RANGE_SPLIT = lexicon.RawRegex(r"[ \t]{0,3}(?:[-\u2010-\u2015\u2212\u00ad]{1,3}|(?<=[ \t])/(?=[ \t])|\s(?:"
                          + lexicon.alternation("words", "range_to", raw=True) + r")\s)[ \t]{0,3}", re.IGNORECASE)
# An open range: "since March 2020", "depuis mars 2020", "sinds 2019", "seit 2019", "desde 2019".
_SINCE = lexicon.RawRegex(r"^\s{0,3}" + lexicon.alternation("words", "since", raw=True), re.IGNORECASE)


@lru_cache(maxsize=1)
def month_table() -> dict[str, int]:
    """Every recognised month word (folded) -> month number."""
    names: dict[str, set[int]] = {}
    for loc in MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=loc).items():
                    word = fold(name).replace(" ", "")
                    names.setdefault(word, set()).add(number)
    prefixes: dict[str, set[int]] = {}
    for word, numbers in names.items():
        for n in range(3, len(word)):
            prefixes.setdefault(word[:n], set()).update(numbers)
    table = {p: next(iter(ns)) for p, ns in prefixes.items() if len(ns) == 1}
    table.update({w: next(iter(ns)) for w, ns in names.items() if len(ns) == 1})
    return table


def month_number(word: str) -> int | None:
    """1-12 for a month word in any supported language ("October", "oct.", "mrt", "août"), else None."""
    return month_table().get(fold(word).replace(" ", ""))


def is_present(text: str) -> bool:
    """True when the text means "until now" ("Present", "à ce jour", "en cours", "heden"...)."""
    folded = fold(text[:MAX_DATE_CHARS])
    return bool(folded) and bool(_PRESENT_RE.search(folded)) and not re.search(r"\d{4}", folded)


def _year(text: str) -> int | None:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 50 else 1900
    return value if 1900 <= value <= 2100 else None


_WORD = r"(?<![^\W\d_])([^\W\d_]{3,12}\.?)"
_JOINER = "|".join(re.escape(w) for w in lexicon.plain_words("words", "month_joiner"))  # "enero de 2021"
_YM_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b"), "dmy"),
    (re.compile(r"\b(\d{1,2})[-/.](\d{4})\b"), "my"),
    (re.compile(r"\b(\d{1,2})[-/.](\d{2})\b"), "my2"),
    (re.compile(_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b"), "wdy"),  # "June 19, 2019"
    (re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th|er|e)?\s+(?:of\s+)?)?" + _WORD + r"\s*(?:,|[-/]|\s(?:" + _JOINER
                + r")\s)?\s*(\d{4})\b", re.UNICODE | re.IGNORECASE), "wy"),
    (re.compile(r"\b(\d{4})\b"), "y"),
)


def parse_year_month(text: str) -> YearMonth | None:
    """The month a date string names: "03/2019", "March 2019", "Mar. 2019", "mars 2019", "2019-03", "2019"."""
    text = (text or "")[:MAX_DATE_CHARS].strip()
    if not text:
        return None
    for pattern, kind in _YM_PATTERNS:
        for m in pattern.finditer(text):
            ym = _ym_from_match(m, kind)
            if ym is not None:
                return ym
    return None


def _ym_from_match(m: re.Match[str], kind: str) -> YearMonth | None:
    g = m.groups()
    if kind == "ymd":
        year, month = _year(g[0]), int(g[1])
    elif kind == "dmy":
        year, month = _year(g[2]), int(g[1])
    elif kind in ("my", "my2"):
        year, month = _year(g[1]), int(g[0])
        if kind == "my2" and month > 12:
            return None
    elif kind == "wy":
        year, month = _year(g[1]), month_number(g[0]) or 0
    elif kind == "wdy":
        year, month = _year(g[2]), month_number(g[0]) or 0
    else:
        year = _year(g[0])
        return YearMonth(year, 1, approximate=True) if year else None
    if year is None or not 1 <= month <= 12:
        return None
    return YearMonth(year, month)


def parse_range(text: str) -> tuple[YearMonth | None, YearMonth | None, bool]:
    """(start, end, present) from "06/2018 - 09/2020", "(March 2019 - Present)", "2015-2016", "Mar. 2010–Aug. 2017",
    "de mars 2019 à juin 2020", "Mar-2019 - Jun-2020", "since March 2020" (open: present).

    A year-only end is read as December (approximate), a year-only start as January.
    """
    text = (text or "")[:MAX_DATE_CHARS].strip().strip("()[]")
    if not text:
        return None, None, False
    parts = _split_range(text)
    if len(parts) < 2:
        start = parse_year_month(text)
        return start, None, start is not None and bool(_SINCE.match(text))
    start = parse_year_month(parts[0])
    end_text = parts[1]
    if is_present(end_text):
        return start, None, True
    end = parse_year_month(end_text)
    if end is not None and end.approximate:
        end = YearMonth(end.year, 12, approximate=True)
    return start, end, False


def _split_range(text: str) -> list[str]:
    # Numeric dates with dashes ("2019-03") must not be split: protect them first.
    protected = re.sub(r"\b(\d{4})-(\d{1,2})\b(?!\d)", r"\1/\2", text)
    protected = re.sub(r"\b(\d{1,2})-(\d{4})\b", r"\1/\2", protected)
    protected = re.sub(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b", r"\1/\2/\3", protected)
    protected = re.sub(r"\b([^\W\d_]{3,}\.?)-(\d{4})\b", r"\1 \2", protected)  # "Mar-2019"
    parts = [p for p in _RANGE_SPLIT.split(protected, maxsplit=1) if p.strip()]
    return parts


_DATE_NUMERIC = re.compile(r"\b(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\b")
_DATE_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|e|\.)?(?:\s+|\s*[-/.]\s*)(?:of\s+|de\s+)?" + _WORD
                         + r"(?:\s*(?:de\s+)?,?\s*|\s*[-/.]\s*)(\d{4})\b")
_DATE_WORDS_US = re.compile(_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})\b")


def parse_date(text: str, *, day_first: bool = True) -> date | None:
    """A full date: "04/12/1999" (day first unless told), "1999-12-04", "19 July 1993", "le 7 octobre 1996"."""
    text = (text or "")[:MAX_DATE_CHARS].strip()
    if not text:
        return None
    m = _DATE_NUMERIC.search(text)
    if m:
        a, b, c = m.groups()
        if len(a) == 4:
            return _safe_date(int(a), int(b), int(c))
        if len(c) in (2, 4):
            year = _year(c)
            first, second = int(a), int(b)
            day, month = (first, second) if day_first else (second, first)
            if month > 12 >= day:
                day, month = month, day
            return _safe_date(year, month, day) if year else None
    m = _DATE_WORDS.search(text)
    if m and month_number(m.group(2)):
        return _safe_date(_year(m.group(3)), month_number(m.group(2)), int(m.group(1)))
    m = _DATE_WORDS_US.search(text)
    if m and month_number(m.group(1)):
        return _safe_date(_year(m.group(3)), month_number(m.group(1)), int(m.group(2)))
    return None


def date_from_parts(day: str, month: str, year: str) -> date | None:
    """A date from separate Day / Month / Year boxes; the month may be a number or a name."""
    day, year = day[:20], year[:20]
    try:
        d = int(re.sub(r"\D", "", day) or 0)
        y_digits = re.sub(r"\D", "", year)
        y = _year(y_digits) if y_digits else None
    except ValueError:
        return None
    month = month[:20]
    m_digits = re.sub(r"\D", "", month)
    m = int(m_digits) if m_digits else (month_number(month.strip()) or 0)
    return _safe_date(y, m, d)


def _safe_date(year: int | None, month: int | None, day: int) -> date | None:
    if not year or not month:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None

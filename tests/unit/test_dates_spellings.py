"""Date spellings beyond the common ones: a month word joined to its year by a dash, a US date, a French range
with "à" / "jusqu'à", and an open range ("since March 2020") meaning until now."""

from __future__ import annotations

import pytest

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.dates import parse_range, parse_year_month


@pytest.mark.parametrize(("text", "expected"), [
    ("Mar-2019", YearMonth(2019, 3)),
    ("Sept-2019", YearMonth(2019, 9)),
    ("janv.-2020", YearMonth(2020, 1)),
    ("June 19, 2019", YearMonth(2019, 6)),
])
def test_month_words_joined_or_dated(text: str, expected: YearMonth) -> None:
    assert parse_year_month(text) == expected


@pytest.mark.parametrize(("text", "start", "end", "present"), [
    ("de mars 2019 à juin 2020", "2019-03", "2020-06", False),
    ("mars 2019 jusqu'à juin 2020", "2019-03", "2020-06", False),
    ("Mar-2019 - Jun-2020", "2019-03", "2020-06", False),
    ("since March 2020", "2020-03", None, True),
    ("depuis mars 2020", "2020-03", None, True),
    ("March 2020", "2020-03", None, False),
])
def test_ranges(text: str, start: str, end: str | None, present: bool) -> None:
    s, e, p = parse_range(text)
    assert (s.iso() if s else None, e.iso() if e else None, p) == (start, end, present)

"""Date spellings in five languages, ranges and "present"."""

from __future__ import annotations

from datetime import date

import pytest

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.dates import (
    date_from_parts,
    is_present,
    month_number,
    parse_date,
    parse_range,
    parse_year_month,
)


@pytest.mark.parametrize(("word", "month"), [
    ("March", 3), ("Mar.", 3), ("mars", 3), ("maart", 3), ("Mrt", 3), ("März", 3), ("marzo", 3),
    ("Sept", 9), ("sept.", 9), ("août", 8), ("Dezember", 12), ("dic", 12), ("juillet", 7), ("juin", 6),
    ("mei", 5), ("octobre", 10), ("Okt", 10), ("février", 2), ("febrero", 2),
])
def test_month_names(word: str, month: int) -> None:
    assert month_number(word) == month


def test_ambiguous_prefix_is_not_a_month() -> None:
    assert month_number("ju") is None and month_number("jui") is None  # juin / juillet


@pytest.mark.parametrize(("text", "expected"), [
    ("03/2019", YearMonth(2019, 3)), ("March 2019", YearMonth(2019, 3)), ("Mar 2019", YearMonth(2019, 3)),
    ("mars 2019", YearMonth(2019, 3)), ("2019-03", YearMonth(2019, 3)), ("2019", YearMonth(2019, 1, True)),
    ("1 septembre 2020", YearMonth(2020, 9)),
])
def test_year_month(text: str, expected: YearMonth) -> None:
    assert parse_year_month(text) == expected


@pytest.mark.parametrize(("text", "start", "end", "present"), [
    ("06/2018 - 09/2020", "2018-06", "2020-09", False),
    ("(March 2019 - Present)", "2019-03", None, True),
    ("(2015-2016)", "2015-01", "2016-12", False),
    ("mars 2019 – à ce jour", "2019-03", None, True),
    ("janv. 2020 - aujourd'hui", "2020-01", None, True),
    ("sept. 2018 au juin 2019", "2018-09", "2019-06", False),
    ("2019-03 - 2020-04", "2019-03", "2020-04", False),
    ("Mar. 2010\u00adAug. 2017", "2010-03", "2017-08", False),
    ("Jan 2021 to now", "2021-01", None, True),
    ("september 2020 - heden", "2020-09", None, True),
])
def test_ranges(text: str, start: str, end: str | None, present: bool) -> None:
    s, e, p = parse_range(text)
    assert s is not None and s.iso() == start
    assert (e.iso() if e else None) == end
    assert p is present


@pytest.mark.parametrize(("text", "expected"), [
    ("04/12/1999", date(1999, 12, 4)), ("1999-12-04", date(1999, 12, 4)), ("19 July 1993", date(1993, 7, 19)),
    ("le 7 octobre 1996", date(1996, 10, 7)), ("October 7, 1996", date(1996, 10, 7)),
    ("1er mars 1990", date(1990, 3, 1)), ("7. Oktober 1996", date(1996, 10, 7)), ("25.12.1990", date(1990, 12, 25)),
    ("13/25/1990", None),
])
def test_full_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_month_first_when_the_label_says_so() -> None:
    assert parse_date("04/12/1999", day_first=False) == date(1999, 4, 12)
    assert parse_date("25/12/1999", day_first=False) == date(1999, 12, 25)  # 25 cannot be a month


def test_date_from_boxes() -> None:
    assert date_from_parts("20", "October", "1994") == date(1994, 10, 20)
    assert date_from_parts("05", "03", "1999") == date(1999, 3, 5)
    assert date_from_parts("31", "02", "1999") is None


def test_present_words() -> None:
    assert all(is_present(w) for w in ("Present", "à ce jour", "en cours", "aujourd’hui", "Current", "heden"))
    assert not any(is_present(w) for w in ("06/2020", "", "Presently 2020"))

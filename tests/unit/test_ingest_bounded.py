"""Every text parser of the importer reads a hostile 100,000-character value within a fixed time (no regex that
backtracks quadratically, values capped before they are parsed)."""

from __future__ import annotations

import time

import pytest

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.languages import canonical_language
from jpo_tui.ingest.cv import parse_cv, parse_letter
from jpo_tui.ingest.cv_entries import dated_entries, find_ranges
from jpo_tui.ingest.dates import parse_date, parse_range, parse_year_month
from jpo_tui.ingest.degrees import degree_level
from jpo_tui.ingest.interpret import Item, interpret
from jpo_tui.ingest.kind import classify
from jpo_tui.ingest.labels import clean_label, field_key, section_of
from jpo_tui.ingest.languages import easily, stated_level
from jpo_tui.ingest.layouts.flat import bare_pairs, count_labelled_lines, flat_items
from jpo_tui.ingest.names import person_name

N = 100_000
LIMIT_SECONDS = 5.0  # quadratic patterns took minutes here; linear ones well under a second

HOSTILE = {
    "letters": "a" * N,
    "capitals": "Ab" * (N // 2),
    "spaces": "a" + " " * N + "b",
    "digits": "1" * N,
    "letters-digits": "ab1" * (N // 3),
    "dashes": "-" * N,
    "brackets": "(" * N,
    "dates": "Jan 2019 - " * (N // 11),
    "months-no-year": "March " * (N // 6),
    "at-signs": "a@" * (N // 2),
    "word-chars-no-at": "a.b-c" * (N // 5),
    "colons": "Name: " * (N // 6),
    "label-words": "Date of birth " * (N // 14),
    "pipes": "a | " * (N // 4),
    "newlines": "\n" * N,
    "dots": "a." * (N // 2),
}

PARSERS = {
    "parse_cv": parse_cv,
    "parse_letter": parse_letter,
    "classify": classify,
    "flat_items": flat_items,
    "bare_pairs": bare_pairs,
    "person_name": person_name,
    "count_labelled_lines": count_labelled_lines,
    "interpret": lambda text: interpret([Item("Family name", text), Item("Period", text), Item("Languages", text),
                                         Item(text[:5000], text)]),
    "find_ranges": find_ranges,
    "dated_entries": lambda text: dated_entries([text, text[:1000]], singles=True),
    "parse_range": parse_range,
    "parse_date": parse_date,
    "parse_year_month": parse_year_month,
    "degree_level": degree_level,
    "stated_level": stated_level,
    "easily": easily,
    "canonical_language": canonical_language,
    "canonical_country": canonical_country,
    "field_key": field_key,
    "section_of": section_of,
    "clean_label": clean_label,
}


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_parser_reads_hostile_values_in_bounded_time(parser: str) -> None:
    fn = PARSERS[parser]
    slow = []
    for name, text in HOSTILE.items():
        started = time.perf_counter()
        fn(text)
        elapsed = time.perf_counter() - started
        if elapsed > LIMIT_SECONDS:
            slow.append(f"{name}: {elapsed:.1f} s")
    assert not slow, f"{parser} too slow on: {', '.join(slow)}"

"""Property-based tests (hypothesis) of the text handling that meets arbitrary applicant input: dates, names,
countries, the matching normaliser and terminal-safe text. Bounded: ~200 examples each, no deadline."""

from __future__ import annotations

from datetime import date

import pycountry
from babel.dates import get_month_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpo_tui.committee.reviewers import clean_name
from jpo_tui.core.countries import canonical_country, country_code, normalise_country, split_countries
from jpo_tui.core.records import YearMonth
from jpo_tui.core.safetext import printable
from jpo_tui.ingest.dates import (
    MONTH_LOCALES,
    date_from_parts,
    is_present,
    month_number,
    parse_date,
    parse_range,
    parse_year_month,
)
from jpo_tui.screening.duplicates import Person, duplicate_groups
from jpo_tui.screening.normalise import fold, tokenise

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = st.text(max_size=200)
DATES = st.dates(min_value=date(1951, 1, 1), max_value=date(2049, 12, 31))
LATIN = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçñ -'"), min_size=1, max_size=40)
COUNTRY_NAMES = sorted({c.name for c in pycountry.countries if canonical_country(c.name)})


def _month_name(locale: str, month: int) -> str:
    return get_month_names("wide", locale=locale)[month]


# ---- dates ----

@BOUNDED
@given(ANY_TEXT)
def test_date_functions_never_raise_on_arbitrary_text(text: str) -> None:
    ym = parse_year_month(text)
    assert ym is None or (1900 <= ym.year <= 2100 and 1 <= ym.month <= 12)
    start, end, present = parse_range(text)
    assert not (present and end is not None)
    assert parse_date(text) is None or isinstance(parse_date(text), date)
    assert isinstance(is_present(text), bool)
    assert month_number(text) in (None, *range(1, 13))
    date_from_parts(text, text, text)


@BOUNDED
@given(DATES, st.sampled_from(MONTH_LOCALES))
def test_formatted_months_round_trip(d: date, locale: str) -> None:
    expected = YearMonth(d.year, d.month)
    for text in (f"{d.month:02d}/{d.year}", f"{d.year}-{d.month:02d}", f"{d.month}.{d.year}",
                 f"{_month_name(locale, d.month)} {d.year}", f"{_month_name(locale, d.month).upper()} {d.year}"):
        assert parse_year_month(text) == expected, text


@BOUNDED
@given(DATES)
def test_formatted_dates_round_trip(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.strftime("%d/%m/%Y")) == d
    assert parse_date(d.strftime("%d.%m.%Y")) == d
    assert parse_date(f"{d.day} {_month_name('en', d.month)} {d.year}") == d
    assert parse_date(f"le {d.day} {_month_name('fr', d.month)} {d.year}") == d
    assert parse_date(f"{_month_name('en', d.month)} {d.day}, {d.year}") == d
    assert date_from_parts(str(d.day), str(d.month), str(d.year)) == d
    assert date_from_parts(str(d.day), _month_name("fr", d.month), str(d.year)) == d


@BOUNDED
@given(DATES, DATES, st.sampled_from([" - ", "–", " to ", " au ", " – "]))
def test_ranges_round_trip(a: date, b: date, sep: str) -> None:
    a, b = min(a, b), max(a, b)
    start, end, present = parse_range(f"{a.month:02d}/{a.year}{sep}{b.month:02d}/{b.year}")
    assert (start, end, present) == (YearMonth(a.year, a.month), YearMonth(b.year, b.month), False)
    start, end, present = parse_range(f"{_month_name('en', a.month)} {a.year}{sep}present")
    assert (start, end, present) == (YearMonth(a.year, a.month), None, True)


# ---- names ----

@BOUNDED
@given(ANY_TEXT)
def test_clean_name_is_idempotent_printable_and_bounded(text: str) -> None:
    name = clean_name(text)
    assert clean_name(name) == name
    assert name.isprintable() and len(name) <= 120 and name == name.strip()


@BOUNDED
@given(LATIN, LATIN, st.dates(min_value=date(1960, 1, 1), max_value=date(2005, 12, 31)))
def test_duplicates_ignore_case_and_accents_of_names(first: str, family: str, born: date) -> None:
    name = f"{first} {family}"
    if sum(ch.isalpha() for ch in name) < 4:
        return
    shouted = name.upper()
    plain = name.translate(str.maketrans("éèêëàâäîïôöùûüçñ", "eeeeaaaiioouuucn"))
    people = [Person("a", name, born, ""), Person("b", shouted, born, ""), Person("c", plain, born, "")]
    assert duplicate_groups(people) == [["a", "b", "c"]]


@BOUNDED
@given(ANY_TEXT)
def test_printable_is_idempotent_and_safe(text: str) -> None:
    shown = printable(text)
    assert shown.isprintable() and printable(shown) == shown
    assert "\x1b" not in shown and "\n" not in shown
    if text.isprintable():
        assert shown == text


# ---- countries ----

@BOUNDED
@given(ANY_TEXT)
def test_country_functions_never_raise_and_are_idempotent(text: str) -> None:
    name = canonical_country(text)
    if name is not None:
        assert canonical_country(name) == name
        assert country_code(name) == country_code(text)
    assert normalise_country(normalise_country(text)) == normalise_country(text)
    assert all(part.strip() for part in split_countries(text))


@BOUNDED
@given(st.sampled_from(COUNTRY_NAMES), st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s} "]))
def test_country_names_are_case_and_space_invariant(name: str, variant) -> None:  # noqa: ANN001
    assert canonical_country(variant(name)) == canonical_country(name)


@BOUNDED
@given(st.sampled_from(["Belgium", "Belgique", "België", "Sénégal", "Senegal", "Maroc", "Morocco", "Côte d'Ivoire",
                        "Bénin", "Benin"]))
def test_country_names_are_accent_invariant(name: str) -> None:
    plain = name.translate(str.maketrans("éëô", "eeo"))
    assert canonical_country(plain) == canonical_country(name) is not None


# ---- matching normaliser ----

@BOUNDED
@given(ANY_TEXT)
def test_fold_preserves_length_and_is_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@BOUNDED
@given(LATIN)
def test_fold_ignores_case_and_accents(text: str) -> None:
    plain = text.translate(str.maketrans("éèêëàâäîïôöùûüçñ", "eeeeaaaiioouuucn"))
    assert fold(text.upper()) == fold(text) == fold(plain)


@BOUNDED
@given(ANY_TEXT)
def test_tokens_point_into_the_original_text(text: str) -> None:
    tokens = tokenise(text)
    assert len(tokens.words) == len(tokens.starts) == len(tokens.ends) == len(tokens.glued) == len(tokens.gap)
    for start, end in zip(tokens.starts, tokens.ends, strict=True):
        assert 0 <= start < end <= len(text)

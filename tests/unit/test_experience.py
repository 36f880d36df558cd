"""Weighted experience months: inclusive months, merged overlaps, internships, present, not-relevant entries."""

from datetime import date

import pytest

from jpo_tui.core.records import EmploymentEntry, YearMonth
from jpo_tui.screening.experience import entry_months, experience_breakdown, weighted_experience_months

DEADLINE = date(2026, 3, 31)


def job(start: tuple[int, int], end: tuple[int, int] | None = None, *, present: bool = False,
        internship: bool = False, relevant: bool = True, approx: bool = False) -> EmploymentEntry:
    return EmploymentEntry(
        start=YearMonth(*start, approximate=approx),
        end=YearMonth(*end, approximate=approx) if end else None,
        present=present, internship=internship, relevant=relevant,
    )


def test_months_are_counted_inclusively() -> None:
    assert weighted_experience_months([job((2024, 1), (2025, 12))], DEADLINE, 0.5) == 24
    assert weighted_experience_months([job((2025, 3), (2025, 3))], DEADLINE, 0.5) == 1


def test_present_means_the_deadline_month() -> None:
    assert weighted_experience_months([job((2025, 4), present=True)], DEADLINE, 0.5) == 12


def test_an_end_after_the_deadline_is_clipped_and_a_later_start_counts_nothing() -> None:
    assert weighted_experience_months([job((2025, 4), (2026, 12))], DEADLINE, 0.5) == 12
    assert weighted_experience_months([job((2026, 4), (2026, 12))], DEADLINE, 0.5) == 0


def test_overlapping_jobs_count_each_month_once() -> None:
    entries = [job((2020, 1), (2020, 12)), job((2020, 7), (2021, 6))]
    assert weighted_experience_months(entries, DEADLINE, 0.5) == 18


def test_internship_overlapping_a_job_adds_only_its_months_outside_the_job() -> None:
    entries = [job((2020, 1), (2020, 12)), job((2020, 10), (2021, 3), internship=True)]
    # 12 paid months + Jan-Mar 2021 held only by the internship, at half weight
    assert weighted_experience_months(entries, DEADLINE, 0.5) == 13.5
    b = experience_breakdown(entries, DEADLINE, 0.5)
    assert (b.paid_months, b.internship_only_months) == (12, 3)


def test_internship_weight_is_taken_from_the_vacancy() -> None:
    entries = [job((2020, 1), (2020, 12), internship=True)]
    assert weighted_experience_months(entries, DEADLINE, 0.5) == 6
    assert weighted_experience_months(entries, DEADLINE, 1.0) == 12
    assert weighted_experience_months(entries, DEADLINE, 0.0) == 0


def test_matches_the_corpus_convention_example() -> None:
    # 07/2019-02/2021 job, 04/2021-08/2021 internship, 09/2021-present job; deadline March 2026
    entries = [job((2021, 9), present=True), job((2021, 4), (2021, 8), internship=True),
               job((2019, 7), (2021, 2))]
    assert weighted_experience_months(entries, DEADLINE, 0.5) == 55 + 2.5 + 20


def test_entries_marked_not_relevant_are_left_out() -> None:
    entries = [job((2020, 1), (2020, 12)), job((2021, 1), (2021, 12), relevant=False)]
    assert weighted_experience_months(entries, DEADLINE, 0.5) == 12
    assert weighted_experience_months(entries, DEADLINE, 0.5, excluded={0}) == 0
    assert experience_breakdown(entries, DEADLINE, 0.5).excluded == (1,)


def test_undated_entries_count_nothing_and_are_reported() -> None:
    entries = [job((2020, 1), (2020, 12)), EmploymentEntry(start=None, end=None, title="Officer"),
               EmploymentEntry(start=YearMonth(2021, 1), end=None)]
    b = experience_breakdown(entries, DEADLINE, 0.5)
    assert b.months == 12
    assert b.undated == (1, 2)
    assert not b.exact


def test_year_only_dates_give_a_range() -> None:
    b = experience_breakdown([job((2020, 1), (2021, 12), approx=True)], DEADLINE, 0.5)
    assert b.months == 24
    assert b.low == 2  # "2020 - 2021" could be as little as Dec 2020 - Jan 2021
    assert b.high == 24


@pytest.mark.parametrize(("start", "end", "count"), [((2024, 12), (2025, 1), 2), ((2025, 2), (2025, 1), 0)])
def test_entry_months(start: tuple[int, int], end: tuple[int, int], count: int) -> None:
    assert len(entry_months(job(start, end), DEADLINE)) == count

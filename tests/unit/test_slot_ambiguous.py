"""An interview slot in the hour the clocks go back (it happens twice) is refused, like one in the hour they skip:
the calendar invitation would otherwise say an hour the candidate may read differently."""

from __future__ import annotations

import pytest

from jpo_tui.committee.decisions import parse_slot


@pytest.mark.parametrize(("at", "tz"), [("2026-10-25 02:30", "Europe/Brussels"), ("2026-11-01 01:15", "America/New_York")])
def test_ambiguous_local_times_are_refused(at: str, tz: str) -> None:
    with pytest.raises(ValueError, match="happens twice"):
        parse_slot(at, tz)


def test_neighbouring_times_are_accepted() -> None:
    assert parse_slot("2026-10-25 01:59", "Europe/Brussels").utcoffset().total_seconds() == 7200
    assert parse_slot("2026-10-25 03:00", "Europe/Brussels").utcoffset().total_seconds() == 3600
    assert parse_slot("2026-07-01 02:30", "Africa/Kinshasa").utcoffset().total_seconds() == 3600

"""A small committee end to end on one database: three reviewers score and submit from their own app, the chair
ranks, decides (pending, then applied), sets an interview slot, locks the ranking and exports."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import openpyxl
from sqlmodel import select
from textual.widgets import Input, OptionList

from jpo_tui.committee.aggregate import weighted_total
from jpo_tui.committee.assignments import reviewer_pool, submitted_counts
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.forms import ChoiceDialog, ConfirmDialog, FormDialog
from jpo_tui.screens.ranking import RankingScreen
from jpo_tui.screens.widgets.table_view import TableView
from jpo_tui.services import queries
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.committee import PASSPHRASES, REVIEWERS, key_ids, make_committee, sign_in
from tests.ui.conftest import screen_text, settle, wait_for_text

# what each reviewer types: their first applicant (the list's first row), then the one "save and next" gives
TYPED = {"ana": ("54432", "32244"), "ben": ("44332", "43321"), "cy": ("32211", "22133")}


def _scores(engine, reviewer: str) -> dict[int, dict[int, int]]:  # noqa: ANN001
    """applicant id -> criterion id -> value, as stored for ``reviewer``."""
    out: dict[int, dict[int, int]] = {}
    with session_scope(engine) as session:
        for aid, cid, value in session.exec(
            select(m.Score.applicant_id, m.Score.criterion_id, m.Score.value).join(m.Reviewer)
            .where(m.Reviewer.name == reviewer)
        ):
            out.setdefault(aid, {})[cid] = value
    return out


def _fewest_reviews(engine, vacancy_id: str, reviewer: str, submitted: set[int]) -> set[int]:  # noqa: ANN001
    """The applicants of the reviewer's pool, not yet submitted by them, with the fewest submitted reviews."""
    with session_scope(engine) as session:
        pool = reviewer_pool(session, vacancy_id, reviewer)
        counts = submitted_counts(session, vacancy_id)
    left = {aid: counts[aid] for aid in pool if aid not in submitted}
    low = min(left.values())
    return {aid for aid, n in left.items() if n == low}


async def _review(make_app, engine, vacancy_id: str, name: str) -> list[int]:  # noqa: ANN001
    """``name`` signs in, scores the first applicant and submits, then the next one the app offers."""
    app = make_app(name)
    done: list[int] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, PASSPHRASES[name])
        assert isinstance(app.screen, ApplicantsScreen) and app.member is not None and app.member.name == name
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ApplicantScreen)
        for digits in TYPED[name]:
            current = screen.applicant_id
            await pilot.press(*digits, "S")
            await settle(app, pilot)
            done.append(current)
            expected = _fewest_reviews(engine, vacancy_id, name, set(done))
            assert screen.applicant_id in expected  # save and next: fewest reviews first
        await pilot.press("escape")
        await settle(app, pilot)
        assert "my assigned: 2/8 submitted" in screen_text(app)
    return done


async def test_committee_end_to_end(make_app, sample_db, tmp_path) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    criteria = queries.vacancy_criteria(engine, vacancy_id)
    weights = {c.id: c.weight for c in criteria}
    reviewed = {name: await _review(make_app, engine, vacancy_id, name) for name in REVIEWERS}

    # what was typed is what is stored, per reviewer
    totals: dict[int, list[float]] = {}
    for name in REVIEWERS:
        stored = _scores(engine, name)
        for aid, digits in zip(reviewed[name], TYPED[name], strict=True):
            assert [stored[aid][c.id] for c in criteria] == [int(d) for d in digits]
            totals.setdefault(aid, []).append(weighted_total(stored[aid], weights))
    means = {aid: sum(ts) / len(ts) for aid, ts in totals.items()}
    best = max(means, key=lambda aid: (means[aid], len(totals[aid])))
    keys = {v: k for k, v in key_ids(engine, vacancy_id).items()}
    best_key = keys[best]

    app = make_app("chair")
    xlsx, ics = tmp_path / "shortlist.xlsx", tmp_path / "interviews.ics"
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RankingScreen)
        first = screen.rows[0]
        assert first.applicant_id == best and first.reviews == len(totals[best])
        assert abs(first.aggregate - means[best]) < 1e-9
        text = screen_text(app)
        assert f"{means[best]:.2f}" in text and "Mean" in text

        # a short-list decision is pending, then applied in one batch
        table = screen.query_one(TableView)
        table.cursor = 0
        await pilot.press("s")
        await settle(app, pilot)
        assert "→short list*" in screen_text(app) and "1 pending change" in screen_text(app)
        with session_scope(engine) as session:
            assert session.get(m.Decision, best) is None
        await pilot.press("A")
        await settle(app, pilot)
        with session_scope(engine) as session:
            assert session.get(m.Decision, best).status == "short_list"
        assert not screen.pending and "1 short-listed" in screen_text(app)

        # an interview slot for the short-listed applicant
        table.cursor = 0
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"2030-05-06 10:00", "enter")
        app.screen.query_one("#field-tz", Input).value = "Europe/Brussels"
        await pilot.press("enter", "enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RankingScreen)
        assert "2030-05-06 10:00 Europe/Brussels" in await wait_for_text(app, pilot, "2030-05-06 10:00 Europe/Brussels")

        # lock (confirmed), then decisions are refused
        await pilot.press("L")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert "locked" in await wait_for_text(app, pilot, "locked")  # the lock's reload may follow the settle
        await pilot.press("x")
        assert not screen.pending

        # exports: the shortlist as a spreadsheet and the interviews as a calendar
        for choice, path in (("shortlist:xlsx", xlsx), ("slots:ics", ics)):
            await pilot.press("E")
            await settle(app, pilot)
            assert isinstance(app.screen, ChoiceDialog)
            options = app.screen.query_one(OptionList)
            options.highlighted = next(i for i in range(options.option_count)
                                       if options.get_option_at_index(i).id == choice)
            await pilot.press("enter")
            await settle(app, pilot)
            app.screen.query_one("#field-path", Input).value = str(path)
            if choice == "slots:ics":  # the calendar's organiser: the address candidates reply to
                await pilot.press("enter")
                app.screen.query_one("#field-organizer", Input).value = "chair@example.org"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, RankingScreen)

    with session_scope(engine) as session:
        state = session.get(m.VacancyState, vacancy_id)
        assert state.locked and state.locked_by == "chair"
    sheet = openpyxl.load_workbook(xlsx)["Shortlist"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["key"] for r in rows] == [best_key]
    assert rows[0]["rank"] == 1 and rows[0]["reviews"] == len(totals[best])
    assert abs(rows[0]["score (mean)"] - round(means[best], 2)) < 1e-9
    assert (rows[0]["interview (local)"], rows[0]["time zone"]) == (datetime(2030, 5, 6, 10, 0), "Europe/Brussels")
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    (event,) = [c for c in calendar.walk("VEVENT")]
    assert event.decoded("dtstart") == datetime(2030, 5, 6, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert best_key in str(event.get("summary"))

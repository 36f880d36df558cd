"""A committee member's keys on the applicant screen: ] submits a fully scored review (the footer says so),
Backspace clears a score, digits 6-9 say the scale, u undoes the member's own last change (audited)."""

from __future__ import annotations

from sqlmodel import select

from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.widgets.score_panel import ScorePanel
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.committee import PASSPHRASES, make_committee, sign_in
from tests.ui.conftest import screen_text, settle


def _stored(engine, reviewer: str, applicant_id: int) -> tuple[list[int | None], bool]:  # noqa: ANN001
    with session_scope(engine) as session:
        values = list(session.exec(
            select(m.Score.value).join(m.Reviewer).where(m.Reviewer.name == reviewer,
                                                       m.Score.applicant_id == applicant_id)
            .order_by(m.Score.criterion_id)))
        rows = session.exec(select(m.Review).join(m.Reviewer).where(
            m.Reviewer.name == reviewer, m.Review.applicant_id == applicant_id)).all()
    return values, any(getattr(r, "submitted_at", None) for r in rows)


def _audit(engine, action: str) -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        return len(session.exec(select(m.AuditEvent).where(m.AuditEvent.action == action)).all())


async def test_clear_undo_scale_and_submit_on_next(make_app, sample_db) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    app = make_app("ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["ana"])
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ApplicantScreen)
        first = screen.applicant_id
        n = len(screen.criteria)
        panel = screen.query_one(ScorePanel)

        await pilot.press("7")
        await settle(app, pilot)
        assert "Scores run from 0 to 5." in [str(x.message) for x in app._notifications]
        assert panel.state.scores == {}

        await pilot.press("3", "up", "backspace")
        await settle(app, pilot)
        assert panel.state.scores == {}
        assert _stored(engine, "ana", first)[0] in ([], [None])
        await pilot.press("u")  # undo the clear: the 3 comes back
        await settle(app, pilot)
        assert list(panel.state.scores.values()) == [3]
        assert _stored(engine, "ana", first)[0] == [3]
        assert _audit(engine, "score") >= 3  # set, cleared, undone: each audited

        assert "Next" in screen_text(app) and "Submit & next" not in screen_text(app)
        await pilot.press(*("4" * n))  # the cursor is back on the first criterion
        await settle(app, pilot)
        assert "Submit & next" in screen_text(app)  # the footer says ] will submit
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.applicant_id != first
        assert panel.state.submitted is False  # the new applicant's review
        with session_scope(engine) as session:
            reviewer = session.exec(select(m.Reviewer).where(m.Reviewer.name == "ana")).one()
            from jpo_tui.committee.assignments import submitted_counts
            assert submitted_counts(session, vacancy_id)[first] == 1, reviewer

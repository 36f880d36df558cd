"""A worker that fails in a screen is shown to the user (and logged), never a screen stuck on "loading…"."""

from __future__ import annotations

import logging

import pytest

from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.services import queries
from tests.ui.conftest import settle


async def test_a_failed_load_is_notified_and_logged(make_app, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                                    caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(queries, "applicant_rows", broken)
    app = make_app()
    with caplog.at_level(logging.ERROR, logger="jpo_tui.screens"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, ApplicantsScreen)
            messages = [str(n.message) for n in app._notifications]
            assert app.return_code is None  # the app goes on
    assert "Could not load the applicants: the database went away" in messages, messages
    logged = [r for r in caplog.records if r.name == "jpo_tui.screens"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert "load the applicants" in logged[0].getMessage()
    assert isinstance(logged[0].exc_info[1], RuntimeError)


async def test_a_refusal_in_a_worker_is_its_one_line(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from jpo_tui.core.errors import Refused

    def refused(*args: object, **kwargs: object) -> list[object]:
        raise Refused("a reviewer cannot see this")

    monkeypatch.setattr(queries, "applicant_rows", refused)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
    assert "Could not load the applicants: a reviewer cannot see this" in messages, messages

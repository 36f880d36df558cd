"""A committee on the sample vacancy (chair and three reviewers with passphrases), and signing in with Pilot."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from jpo_tui.committee.members import add_member, bootstrap_chair
from jpo_tui.store.db import session_scope
from tests.ui.conftest import settle

PASSPHRASES = {"chair": "chair passphrase", "ana": "ana-passphrase", "ben": "ben-passphrase",
               "cy": "cy-passphrase"}
REVIEWERS = ("ana", "ben", "cy")


def make_committee(engine: Engine, vacancy_id: str, reviewers: tuple[str, ...] = REVIEWERS) -> None:
    """``chair`` chairs the vacancy; ``reviewers`` review it (passphrases in PASSPHRASES)."""
    with session_scope(engine, write=True) as session:
        bootstrap_chair(session, vacancy_id, "chair", PASSPHRASES["chair"])
        for name in reviewers:
            add_member(session, vacancy_id, "chair", name, "reviewer", PASSPHRASES[name])


async def sign_in(app, pilot, passphrase: str) -> None:  # noqa: ANN001 - JpoApp, Pilot
    """Type ``passphrase`` in the sign-in dialog shown at start-up."""
    from jpo_tui.screens.signin import PassphraseDialog

    await settle(app, pilot)
    assert isinstance(app.screen, PassphraseDialog), type(app.screen).__name__
    await pilot.press(*passphrase, "enter")
    await settle(app, pilot)


async def open_ranking_as_chair(app, pilot):  # noqa: ANN001, ANN201 - JpoApp, Pilot; returns the RankingScreen
    """The chair signs in (passphrase at start-up) and opens the ranking with R."""
    from jpo_tui.screens.ranking import RankingScreen

    await sign_in(app, pilot, PASSPHRASES["chair"])
    await pilot.press("R")
    await settle(app, pilot)
    assert isinstance(app.screen, RankingScreen), type(app.screen).__name__
    return app.screen


def reviewer(engine: Engine, name: str):  # noqa: ANN201 - ReviewerInfo
    from jpo_tui.committee.reviewers import get_or_create_reviewer

    return get_or_create_reviewer(engine, name)


def score_and_submit(engine: Engine, vacancy_id: str, name: str, applicant_id: int, values: tuple[int, ...],
                     submit: bool = True) -> None:
    """``name`` scores the applicant on the criteria in order (through the domain's checked write path)."""
    from jpo_tui.committee import scoring
    from jpo_tui.services import queries

    who = reviewer(engine, name)
    for crit, value in zip(queries.vacancy_criteria(engine, vacancy_id), values, strict=False):
        scoring.set_score(engine, applicant_id, who, crit.id, value)
    if submit:
        scoring.submit_review(engine, applicant_id, who)


def key_ids(engine: Engine, vacancy_id: str) -> dict[str, int]:
    """Applicant key -> id."""
    from jpo_tui.services import queries

    return {r.key: r.id for r in queries.applicant_rows(engine, vacancy_id, None)}


def build_reviews(engine: Engine, vacancy_id: str) -> None:
    """Fixed reviews for the chair's screen: three reviewers, a disagreement, a conflict, a decision, a slot."""
    from jpo_tui.committee.assignments import abstain
    from jpo_tui.committee.decisions import DecisionChange, apply_decisions, set_slot

    make_committee(engine, vacancy_id)
    ids = key_ids(engine, vacancy_id)
    plan = {
        "A1000": {"ana": (5, 4, 4, 3, 2), "ben": (4, 4, 3, 3, 2), "cy": (4, 3, 4, 2, 2)},
        "A1005": {"ana": (5, 5, 5, 4, 4), "ben": (1, 1, 2, 1, 0), "cy": (4, 5, 4, 4, 3)},
        "A1001": {"ana": (3, 2, 2, 4, 4), "ben": (3, 3, 2, 3, 3)},
        "A1008": {"cy": (4, 3, 4, 1, 1)},
        "A1006": {"ana": (2, 1, 1, 3, 3), "cy": (1, 1, 1, 2, 3)},
    }
    for key, by in plan.items():
        for name, values in by.items():
            score_and_submit(engine, vacancy_id, name, ids[key], values)
    with session_scope(engine, write=True) as session:
        abstain(session, vacancy_id, "ben", ids["A1008"], "supervised her internship")
        apply_decisions(session, vacancy_id, "chair", [DecisionChange("A1000", status="short_list")])
        set_slot(session, vacancy_id, "chair", "A1000", "2030-05-06 10:00", "Europe/Brussels")

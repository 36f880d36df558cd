"""Look-alikes the first matcher let through: another suffix within the tolerated edits ("coordinator",
"coordinating" for "coordination"), and two keyword words joined by a preposition where the keyword joins them
with a conjunction ("suivi des évaluations", "monitoring of evaluation")."""

from __future__ import annotations

import pytest

from jpo_tui.core.vacancy import CriterionSpec
from jpo_tui.screening.matching import Matcher

ME, GE, HC = "Monitoring and evaluation", "Gender equality", "Humanitarian coordination"
CRITERIA = (
    CriterionSpec(ME, 3, ("monitoring and evaluation", "suivi et évaluation")),
    CriterionSpec(GE, 2, ("gender equality", "égalité de genre")),
    CriterionSpec(HC, 1, ("humanitarian coordination",)),
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(CRITERIA, workers=1)


@pytest.mark.parametrize("text", [
    "Special assistant to the humanitarian coordinator", "humanitarian coordinators meeting",
    "Suivi des évaluations des fournisseurs", "suivi de l'évaluation du personnel", "monitoring of evaluation forms",
])
def test_lookalike_matches_nothing(matcher: Matcher, text: str) -> None:
    assert matcher.match_text(text) == {}


@pytest.mark.parametrize(("text", "criterion"), [
    ("humanitarian coordination", HC), ("humanitarian cordination", HC), ("humanitarian coordinatoin", HC),
    ("monitoring & evaluation", ME), ("monitoring and the evaluation", ME), ("Monitoring/Evaluation", ME),
    ("suivi-évaluation", ME), ("suivi et l'évaluation", ME), ("égalité des genres", GE),
])
def test_variant_still_matches(matcher: Matcher, text: str, criterion: str) -> None:
    assert set(matcher.match_text(text)) == {criterion}


@pytest.mark.parametrize("text", ["children's rights", "children’s rights", "childrens rights", "Childrens' Rights"])
def test_possessive_written_or_left_out(text: str) -> None:
    matcher = Matcher((CriterionSpec("Child rights", 1, ("children's rights",)),), workers=1)
    hits = matcher.match_text(f"Training on {text} for teachers")["Child rights"]
    assert [h.text for h in hits] == [text]

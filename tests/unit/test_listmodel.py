"""The in-memory applicants list: incremental text search gives the same answers as a fresh search."""

from __future__ import annotations

import random

from jpo_tui.screens.listmodel import ListModel
from jpo_tui.services.queries import ApplicantRow

WORDS = ["monitoring", "evaluation", "gender", "equality", "data", "analysis", "kinshasa", "dakar", "mont", "moni"]


def _rows(n: int) -> tuple[list[ApplicantRow], dict[int, str]]:
    rng = random.Random(3)
    rows = [ApplicantRow(id=i, key=f"K{i:04d}", name=f"Person {i}", nationality="Belgium", age=30, degree="master",
                         experience_months=24.0, status="eligible", coverage=(), total=None, scored=0,
                         recommendation="") for i in range(n)]
    texts = {i: " ".join(rng.choice(WORDS) for _ in range(30)) for i in range(n)}
    return rows, texts


def test_typing_forward_and_back_matches_a_fresh_search() -> None:
    rows, texts = _rows(300)
    typed = ListModel(rows=rows, texts=texts)
    for query in ["m", "mo", "mon", "moni", "monit", "monix", "moni", "mo", "da", "dak", "dakar", "", "kin",
                  "onit", "xmonit", "nit", "ta m"]:
        fresh = ListModel(rows=rows, texts=texts)
        assert typed.matching(query) == fresh.matching(query), query


def test_text_search_finds_words_only_in_documents() -> None:
    rows, texts = _rows(50)
    texts[7] += " zanzibar"
    model = ListModel(rows=rows, texts=texts)
    assert model.matching("zanzi") == {7}
    assert model.matching("zanzibar") == {7}
    assert model.matching("zanzibarx") == set()

"""The read side: list rows in a constant number of queries, applicant details, vacancies, problems."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from sqlalchemy import event

from jpo_tui.committee import scoring
from jpo_tui.committee.reviewers import get_or_create_reviewer
from jpo_tui.services import queries
from jpo_tui.store.db import open_database
from tests.ui.sample import PEOPLE, build_many


def test_rows_carry_screening_coverage_and_my_scores(sample_db) -> None:  # noqa: ANN001
    engine = sample_db.engine
    alice = get_or_create_reviewer(engine, "alice")
    rows = queries.applicant_rows(engine, sample_db.vacancy_id, alice.id)
    assert [r.name for r in rows] == [p[0] for p in PEOPLE]
    first = rows[0]
    assert dataclasses.is_dataclass(first) and first.status == "eligible" and first.age == 30
    # her documents mention M&E, gender equality, data analysis and (in every CV) project management only
    assert first.coverage == (True, True, True, True, False)
    assert first.total is None and first.scored == 0
    criteria = queries.vacancy_criteria(engine, sample_db.vacancy_id)
    scoring.set_score(engine, first.id, alice, criteria[0].id, 4)
    scoring.set_score(engine, first.id, alice, criteria[1].id, 1)
    scoring.set_recommendation(engine, first.id, alice, "shortlist")
    mine = queries.applicant_rows(engine, sample_db.vacancy_id, alice.id)[0]
    assert (mine.scored, mine.total, mine.recommendation) == (2, round((4 * 3 + 1 * 2) / 5, 2), "shortlist")
    other = queries.applicant_rows(engine, sample_db.vacancy_id, get_or_create_reviewer(engine, "bob").id)[0]
    assert (other.scored, other.total, other.recommendation) == (0, None, "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mine.name = "x"  # type: ignore[misc]


def _count_queries(engine, fn) -> int:  # noqa: ANN001
    count = 0

    def before(*_args) -> None:  # noqa: ANN002
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return count


def test_list_query_count_does_not_grow_with_applicants(tmp_path) -> None:  # noqa: ANN001
    small = open_database(f"sqlite:///{tmp_path / 'small.db'}")
    large = open_database(f"sqlite:///{tmp_path / 'large.db'}")
    vid_small, vid_large = build_many(small, 5), build_many(large, 500)
    rid = get_or_create_reviewer(small, "a").id
    rid_large = get_or_create_reviewer(large, "a").id
    n_small = _count_queries(small, lambda: queries.applicant_rows(small, vid_small, rid))
    n_large = _count_queries(large, lambda: queries.applicant_rows(large, vid_large, rid_large))
    assert n_small == n_large <= 12  # rows, scores, hits, flags, duplicates and their decisions, facts waiting
    assert len(queries.applicant_rows(large, vid_large, rid_large)) == 500


def test_detail_holds_documents_entries_rules_and_hits(sample_db) -> None:  # noqa: ANN001
    engine = sample_db.engine
    row = queries.applicant_rows(engine, sample_db.vacancy_id, None)[0]
    detail = queries.applicant_detail(engine, row.id, None)
    assert [d.kind for d in detail.documents] == ["p11", "cv", "cover_letter"]
    assert [r.rule for r in detail.rules] == ["age", "degree", "experience", "nationality", "languages"]
    assert len(detail.employment) == 2 and len(detail.education) == 2 and len(detail.languages) == 2
    texts = {d.id: d.text for d in detail.documents}
    for hit in detail.hits:
        assert texts[hit.document_id][hit.start:hit.end].casefold() == hit.keyword.casefold()
    with pytest.raises(KeyError):
        queries.applicant_detail(engine, 10_000, None)


def test_vacancies_problems_search_texts_and_keys(two_vacancy_db) -> None:  # noqa: ANN001
    engine = two_vacancy_db.engine
    vacancies = queries.list_vacancies(engine)
    assert [(v.id, v.applicants) for v in vacancies] == [("TEST-2026-M&E", len(PEOPLE)), ("TEST-2026-WASH", 0)]
    problems = queries.import_problems(engine, two_vacancy_db.vacancy_id)
    assert [p.reason for p in problems] == ["a scanned image without text: cannot be read"]
    texts = queries.search_texts(engine, two_vacancy_db.vacancy_id)
    assert len(texts) == len(PEOPLE) and all(t == t.casefold() for t in texts.values())
    aid = queries.applicant_id_for_key(engine, two_vacancy_db.vacancy_id, "A1001")
    assert aid is not None and "humanitarian" in texts[aid]
    assert queries.applicant_id_for_key(engine, "TEST-2026-WASH", "A1001") is None


def test_read_and_write_side_do_not_import_textual() -> None:
    code = ("import sys, jpo_tui.services.queries, jpo_tui.committee.scoring, jpo_tui.committee.reviewers, jpo_tui.screens.listmodel; "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

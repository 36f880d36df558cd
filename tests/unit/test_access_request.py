"""An access request (``jpo-tui export --subject KEY``) gives the applicant what the committee recorded about
them too: each review's scores, comments and recommendation (reviewers unnamed), the decision and the slot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.decisions import DecisionChange, apply_decisions, set_slot
from jpo_tui.committee.reviewers import ReviewerInfo
from jpo_tui.committee.scoring import set_criterion_comment, set_overall_comment, set_recommendation
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score


def test_subject_export_holds_the_committees_assessment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = make_vacancy(db, {"K01": "Subject Person", "K02": "Someone Else"})
    make_committee(engine, ("ana", "ben"))
    known = ids(engine)
    score(engine, "ana", "K01", (4, 3, None))
    score(engine, "ben", "K01", (2, 2, 2))
    score(engine, "ana", "K02", (5, 5, 5))
    with session_scope(engine) as session:
        ana = session.exec(select(m.Reviewer).where(m.Reviewer.name == "ana")).one()
    info = ReviewerInfo(ana.id, "ana")  # type: ignore[arg-type]
    set_criterion_comment(engine, known["K01"], info, known["c:Climate"], "solid climate record")
    set_overall_comment(engine, known["K01"], info, "convincing motivation")
    set_recommendation(engine, known["K01"], info, "shortlist")
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list", reason="best on climate")])
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Europe/Brussels")
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    out = tmp_path / "subject.json"
    assert main(["--db", db, "--reviewer", "chair", "export", "--subject", "K01", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert [c["key"] for c in doc["candidates"]] == ["K01"]
    assessment = doc["candidates"][0]["assessment"]
    reviews = sorted(assessment["reviews"], key=lambda r: r["reviewer"])
    assert [r["reviewer"] for r in reviews] == ["Reviewer 1", "Reviewer 2"]
    assert sorted((r["scores"]["Evaluation"], r["scores"]["Climate"]) for r in reviews) == [(2, 2), (4, 3)]
    mine = next(r for r in reviews if r["scores"]["Evaluation"] == 4)
    assert "French" not in mine["scores"] and mine["comments"] == {"Climate": "solid climate record"}
    assert (mine["comment"], mine["recommendation"]) == ("convincing motivation", "shortlist")
    assert mine["submitted"]
    assert assessment["decision"] == {"status": "short_list", "reason": "best on climate", "rank_set_by_hand": None,
                                      "interview": "2030-05-06 10:00 Europe/Brussels (30 min)"}
    text = out.read_text()
    assert '"ana"' not in text and '"ben"' not in text and "Someone Else" not in text
    full = tmp_path / "all.json"
    assert main(["--db", db, "--reviewer", "chair", "export", "--out", str(full)]) == 0
    assert all("assessment" not in c for c in json.loads(full.read_text())["candidates"])

"""``jpo-tui audit`` with a committee: a chair's passphrase from a file, one-line refusals that read well, and a
chair with a conflict of interest does not read that applicant's scores in the trail (blind scoring holds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.members import declare_conflict
from jpo_tui.committee.reviewers import ReviewerInfo
from jpo_tui.committee.scoring import set_overall_comment, set_score
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy


def test_conflicted_chair_reads_no_scores_of_that_applicant(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = make_vacancy(db, {"K01": "One", "K02": "Two"})
    make_committee(engine, ("ana",))
    known = ids(engine)
    with session_scope(engine, write=True) as session:
        declare_conflict(session, VACANCY, "chair", known["K01"], "my cousin")
        ana = session.exec(select(m.Reviewer).where(m.Reviewer.name == "ana")).one()
    info = ReviewerInfo(ana.id, "ana")  # type: ignore[arg-type]
    set_score(engine, known["K01"], info, known["c:Evaluation"], 5)
    set_overall_comment(engine, known["K01"], info, "secret-opinion-on-one")
    set_score(engine, known["K02"], info, known["c:Evaluation"], 3)
    set_overall_comment(engine, known["K02"], info, "visible-opinion-on-two")
    secret = tmp_path / "chair.pw"
    secret.write_text(PASS["chair"] + "\n")

    assert main(["audit", "--db", db, "--reviewer", "chair"]) == 2
    assert "only the chair may read the audit trail" in capsys.readouterr().err
    ana_pw = tmp_path / "ana.pw"
    ana_pw.write_text(PASS["ana"])
    assert main(["audit", "--db", db, "--reviewer", "ana", "--passphrase-file", str(ana_pw)]) == 2
    assert "only the chair can read the audit trail" in capsys.readouterr().err

    assert main(["audit", "--db", db, "--reviewer", "chair", "--passphrase-file", str(secret)]) == 0
    lines = capsys.readouterr().out.splitlines()
    one = [line for line in lines if "  K01" in line and ("score" in line or "review_comment" in line)]
    two = [line for line in lines if "  K02" in line and ("score" in line or "review_comment" in line)]
    assert len(one) == 2 and all("[hidden: conflict of interest]" in line for line in one)
    assert not any("secret-opinion-on-one" in line or "-> 5]" in line for line in lines)
    assert any("-> 3]" in line for line in two) and any("visible-opinion-on-two" in line for line in two)
    assert any("conflict_declare  K01" in line for line in lines)  # the declaration itself stays visible

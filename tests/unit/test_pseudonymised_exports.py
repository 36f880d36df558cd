"""Pseudonymised exports carry no name, e-mail or birth date of an applicant, not even in free text (eligibility
reasons, the chair's reasons, conflict reasons, reviewers' comments); the shortlist shows the chair's reasons."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from sqlmodel import select

from jpo_tui.committee.decisions import DecisionChange, apply_decisions
from jpo_tui.committee.members import declare_conflict
from jpo_tui.committee.reviewers import ReviewerInfo
from jpo_tui.committee.scoring import set_criterion_comment, set_overall_comment
from jpo_tui.exports.json_export import vacancy_export
from jpo_tui.exports.tables import export_committee
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score

SECRETS = ("Coumba", "Seck", "coumba.seck21@example.net", "5 Feb 1994", "05 Feb 1994", "1994-02-05")
DECISION_REASON = "Seck has the strongest field record, but the languages fall short"
OTHER_REASON = "above Seck for languages"


@pytest.fixture
def engine(db_url: str):  # noqa: ANN201
    engine = make_vacancy(db_url, {"K01": "Coumba Seck", "K02": "Jens Peeters"})
    make_committee(engine, ("ana", "ben"))
    known = ids(engine)
    with session_scope(engine, write=True) as session:
        a = session.get(m.Applicant, known["K01"])
        a.email, a.date_of_birth, a.first_name, a.family_name = SECRETS[2], date(1994, 2, 5), "Coumba", "Seck"
        session.add(a)
        s = session.get(m.ScreeningResult, known["K01"])
        s.status = "ineligible"
        s.reasons = ["Age 32 on 31 Dec 2026 (born 5 Feb 1994): within the limit of 32",
                     "Degree: Coumba Seck holds a bachelor only"]
        session.add(s)
        declare_conflict(session, VACANCY, "chair", known["K01"], "ben worked with Coumba Seck at UNDP",
                         member_name="ben")
    score(engine, "ana", "K01", (4, 4, 4))
    score(engine, "chair", "K01", (3, 3, 3))
    score(engine, "ana", "K02", (2, 2, 2))
    with session_scope(engine) as session:
        ana = session.exec(select(m.Reviewer).where(m.Reviewer.name == "ana")).one()
    info = ReviewerInfo(ana.id, ana.name)  # type: ignore[arg-type]
    set_overall_comment(engine, known["K01"], info, "Coumba Seck (born 05 Feb 1994) impressed me")
    set_criterion_comment(engine, known["K01"], info, known["c:Evaluation"], "coumba.seck21@example.net replied")
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "long_list", reason=DECISION_REASON),
                                                    DecisionChange("K02", "short_list", rank=1,
                                                                   reason=OTHER_REASON)])
    return engine


def _export(engine, fmt: str, what: str = "shortlist", **kw: object) -> bytes:  # noqa: ANN001
    return export_committee(engine, VACANCY, fmt, what=what, actor="chair", passphrase=PASS["chair"], **kw)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_pseudonymised_committee_exports_hold_no_identifier(engine) -> None:  # noqa: ANN001
    texts = {
        "md": _export(engine, "md", "report", pseudonymise=True).decode(),
        "html": _export(engine, "html", "report", pseudonymise=True).decode(),
        "xlsx report": _xlsx_text(_export(engine, "xlsx", "report", pseudonymise=True)),
        **{f"csv {w}": _export(engine, "csv", w, pseudonymise=True).decode("utf-8-sig")
           for w in ("shortlist", "ranking", "sheets")},
    }
    plain = _export(engine, "md", "report").decode()
    assert "Coumba Seck" in plain  # the test data does reach the report, but never a birth date (issue 12)
    assert "5 Feb 1994" not in plain and "born \\[birth date\\]" in plain
    for where, text in texts.items():
        assert [s for s in SECRETS if s.casefold() in text.casefold()] == [], where
    assert "born \\[birth date\\]" in texts["md"] and "Applicant K01" in texts["md"]


def test_pseudonymised_json_export_has_no_birth_date_in_reasons(engine) -> None:  # noqa: ANN001
    with session_scope(engine) as session:
        doc = vacancy_export(session, VACANCY, pseudonymise=True)
        plain = vacancy_export(session, VACANCY)
    assert "5 Feb 1994" in json.dumps(plain, ensure_ascii=False)
    text = json.dumps(doc, ensure_ascii=False)
    assert [s for s in SECRETS if s.casefold() in text.casefold()] == []
    k01 = next(c for c in doc["candidates"] if c["key"] == "K01")
    assert k01["eligibility"]["reasons"][0] == "Age 32 on 31 Dec 2026 (born [redacted]): within the limit of 32"


def test_shortlist_shows_the_chairs_reasons_and_unique_headers(engine) -> None:  # noqa: ANN001
    rows = list(csv.DictReader(io.StringIO(_export(engine, "csv").decode("utf-8-sig"))))
    assert [(r["key"], r["reason"]) for r in rows] == [("K02", f"placed at 1 by the chair (computed 2): {OTHER_REASON}")]
    with session_scope(engine, write=True) as session:  # a short-listed applicant not placed by hand
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list", reason=DECISION_REASON)])
    rows = list(csv.DictReader(io.StringIO(_export(engine, "csv").decode("utf-8-sig"))))
    assert ("K01", DECISION_REASON) in [(r["key"], r["reason"]) for r in rows]
    for what in ("shortlist", "ranking"):
        header = next(csv.reader(io.StringIO(_export(engine, "csv", what).decode("utf-8-sig"))))
        assert len(header) == len(set(header)), header
        assert "score (mean)" in header
    ranking = list(csv.DictReader(io.StringIO(_export(engine, "csv", "ranking").decode("utf-8-sig"))))
    k02 = next(r for r in ranking if r["key"] == "K02")
    assert k02["rank"] == "1" and OTHER_REASON in k02["note"]

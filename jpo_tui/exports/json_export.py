"""The JSON export: the whole vacancy with every candidate's facts, eligibility, keyword hits and documents."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from jpo_tui.core.records import OCR_MARK
from jpo_tui.core.vacancy import rules_summary
from jpo_tui.privacy.identifiers import identifiers, pattern
from jpo_tui.screening.duplicates import find_duplicates_why
from jpo_tui.store import models as m


def _vacancy_dict(vacancy: m.Vacancy, criteria: list[m.Criterion]) -> dict[str, Any]:
    return {
        "id": vacancy.id,
        "title": vacancy.title,
        "organisation": vacancy.organisation,
        "duty_station": vacancy.duty_station,
        "grade": vacancy.grade,
        "donor": vacancy.donor,
        "call_year": vacancy.call_year,
        "deadline": vacancy.deadline.isoformat(),
        "eligibility": vacancy.eligibility,
        "rules": {"profile": vacancy.eligibility.get("profile", ""),
                  "overrides": list(vacancy.eligibility.get("profile_overrides", [])),
                  "sources": list(vacancy.eligibility.get("profile_sources", [])),
                  "summary": rules_summary(vacancy.eligibility)},
        "criteria": [{"name": c.name, "weight": c.weight, "keywords": list(c.keywords)} for c in criteria],
    }


def pseudonym(key: str) -> str:
    """The name shown in a pseudonymised export: the applicant's key only."""
    return f"Applicant {key}"


def _identifiers(applicant: m.Applicant) -> list[str]:
    """What identifies an applicant in free text (the one definition shared with erasure), key excepted."""
    return identifiers(applicant, with_key=False)


_WORD = re.compile(r"[^\W\d_][\w'-]+")


class Pseudonymiser:
    """For pseudonymised exports: free text about an applicant (eligibility reasons, the chair's reasons,
    reviewers' comments) with that applicant's names, e-mail and birth date replaced by ``[redacted]``, and
    any word of any applicant's name too (a reason may compare with another applicant by name)."""

    def __init__(self, session: Session, vacancy_id: str) -> None:
        applicants = list(session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id)))
        self._ids = {a.id: _identifiers(a) for a in applicants}
        self._patterns: dict[int, re.Pattern[str]] = {}
        self._name_words = {w.casefold() for a in applicants
                            for w in _WORD.findall(" ".join((a.name, a.first_name, a.family_name))) if len(w) >= 3}

    def _any_name(self, text: str) -> str:
        return _WORD.sub(lambda mt: "[redacted]" if mt.group(0).casefold() in self._name_words else mt.group(0),
                         text)

    def __call__(self, applicant_id: int | None, value: Any) -> Any:
        identifiers = self._ids.get(applicant_id) if applicant_id is not None else None
        if identifiers and applicant_id is not None:
            if applicant_id not in self._patterns:
                self._patterns[applicant_id] = _pattern(identifiers)
            value = _scrub(value, self._patterns[applicant_id], "[redacted]")
        if isinstance(value, str):
            return self._any_name(value)
        if isinstance(value, list):
            return [self._any_name(v) if isinstance(v, str) else v for v in value]
        return value


def _pattern(found: list[str]) -> re.Pattern[str]:
    compiled = pattern(found)
    assert compiled is not None, "identifiers were given"
    return compiled


def scrub(value: Any, identifiers: list[str], replacement: str = "[redacted]") -> Any:
    """``value`` (str, list or dict, recursively) with every identifier replaced, case-insensitively."""
    if not identifiers:
        return value
    return _scrub(value, _pattern(identifiers), replacement)


def _scrub(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrub(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern, replacement) for k, v in value.items()}
    return value


def _assessment(session: Session, applicant: m.Applicant, crit_name: dict[int | None, str]) -> dict[str, Any]:
    """The committee's record about one applicant (for an access request): reviews, decision, interview slot."""
    reviews: dict[int, dict[str, Any]] = {}

    def review(rid: int) -> dict[str, Any]:
        return reviews.setdefault(rid, {"scores": {}, "comments": {}, "comment": "", "recommendation": "",
                                        "submitted": None, "abstained": False})

    for s in session.exec(select(m.Score).where(m.Score.applicant_id == applicant.id).order_by(col(m.Score.id))):
        name = crit_name.get(s.criterion_id, "?")
        if s.value is not None:
            review(s.reviewer_id)["scores"][name] = s.value
        if s.comment:
            review(s.reviewer_id)["comments"][name] = s.comment
    for r in session.exec(select(m.Review).where(m.Review.applicant_id == applicant.id)):
        entry = review(r.reviewer_id)
        entry.update(comment=r.comment, recommendation=r.recommendation, abstained=r.abstained,
                     submitted=r.submitted_at.isoformat() if r.submitted_at else None)
    d = session.get(m.Decision, applicant.id)
    decision = None if d is None else {
        "status": d.status, "reason": d.reason, "rank_set_by_hand": d.rank_override,
        "interview": f"{d.interview_at.replace('T', ' ')} {d.interview_tz} ({d.interview_minutes} min)"
        if d.interview_at else None}
    return {"reviews": [{"reviewer": f"Reviewer {i}", **reviews[rid]} for i, rid in enumerate(sorted(reviews), 1)],
            "decision": decision}


def vacancy_export(
    session: Session,
    vacancy_id: str,
    *,
    keys: set[str] | None = None,
    pseudonymise: bool = False,
    include_text: bool = False,
    include_assessment: bool = False,
) -> dict[str, Any]:
    """The export document for one vacancy (optionally only some applicants, optionally pseudonymised).

    ``include_assessment`` (access requests) adds what the committee recorded about each applicant: every
    review (scores, comments, recommendation; reviewers named "Reviewer 1", "Reviewer 2"...), the decision
    with its reason and the interview slot.
    """
    vacancy = session.get(m.Vacancy, vacancy_id)
    if vacancy is None:
        raise KeyError(f"no vacancy {vacancy_id!r} in this database")
    criteria = list(session.exec(
        select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id).order_by(col(m.Criterion.position))
    ))
    crit_name = {c.id: c.name for c in criteria}
    applicants = list(session.exec(
        select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id).order_by(col(m.Applicant.key))
    ))
    if keys is not None:
        applicants = [a for a in applicants if a.key in keys]
    ids = [a.id for a in applicants]
    by_app: dict[str, dict[int | None, list[Any]]] = {name: defaultdict(list) for name in ("docs", "langs", "hits", "edu", "emp")}
    if ids:
        for d in session.exec(select(m.Document).where(col(m.Document.applicant_id).in_(ids))):
            by_app["docs"][d.applicant_id].append(d)
        for lang in session.exec(select(m.LanguageSkill).where(col(m.LanguageSkill.applicant_id).in_(ids))):
            by_app["langs"][lang.applicant_id].append(lang)
        for h in session.exec(select(m.Hit).where(col(m.Hit.applicant_id).in_(ids)).order_by(col(m.Hit.id))):
            by_app["hits"][h.applicant_id].append(h)
        for e in session.exec(select(m.EducationEntry).where(col(m.EducationEntry.applicant_id).in_(ids)).order_by(col(m.EducationEntry.position))):
            by_app["edu"][e.applicant_id].append(e)
        for job in session.exec(select(m.EmploymentEntry).where(col(m.EmploymentEntry.applicant_id).in_(ids)).order_by(col(m.EmploymentEntry.position))):
            by_app["emp"][job.applicant_id].append(job)
    screening: dict[int | None, m.ScreeningResult] = {
        s.applicant_id: s
        for s in session.exec(select(m.ScreeningResult).where(col(m.ScreeningResult.applicant_id).in_(ids)))
    } if ids else {}
    overrides: dict[int | None, list[m.EligibilityOverride]] = defaultdict(list)
    if ids:
        for o in session.exec(select(m.EligibilityOverride).where(col(m.EligibilityOverride.applicant_id).in_(ids))):
            overrides[o.applicant_id].append(o)
    doc_name = {d.id: d.file_path for docs in by_app["docs"].values() for d in docs}
    candidates = []
    for a in applicants:
        s = screening.get(a.id)
        criteria_out: dict[str, Any] = {c.name: {"matched": False, "hits": []} for c in criteria}
        for h in by_app["hits"][a.id]:
            entry = criteria_out.setdefault(crit_name.get(h.criterion_id, "?"), {"matched": False, "hits": []})
            entry["matched"] = True
            entry["hits"].append({
                "keyword": h.keyword, "text": h.text, "document": doc_name.get(h.document_id, ""),
                "start": h.start, "end": h.end, "score": round(h.score, 1),
            })
        candidate: dict[str, Any] = {
            "key": a.key,
            "name": pseudonym(a.key) if pseudonymise else a.name,
            "date_of_birth": None if pseudonymise or not a.date_of_birth else a.date_of_birth.isoformat(),
            "nationality": a.nationality,
            "email": "" if pseudonymise else a.email,
            "highest_degree": s.highest_degree if s else "none",
            "experience_months": s.experience_months if s else 0.0,
            "age": s.age if s else None,
            "languages": {lang.language: lang.level for lang in by_app["langs"][a.id]},
            "eligibility": {
                "status": s.status if s else "review",
                "failed": list(s.failed) if s else [],
                "reasons": list(s.reasons) if s else ["not screened yet"],
                "rules": list(s.rules) if s else [],
                "overrides": [
                    {"rule": o.rule, "status": o.status, "reason": o.reason, "by": o.by, "at": o.at.isoformat()}
                    for o in overrides[a.id]
                ],
            },
            "criteria": criteria_out,
            "coverage": s.coverage if s else 0.0,
            "education": [
                {"institution": e.institution, "degree": e.degree, "from": e.start, "to": e.end, "level": e.level}
                for e in by_app["edu"][a.id]
            ],
            "employment": [
                {"from": e.start, "to": "present" if e.present else e.end, "title": e.title, "employer": e.employer,
                 "internship": e.internship, "relevant": e.relevant}
                for e in by_app["emp"][a.id]
            ],
            "documents": [
                {"file": d.file_path, "kind": d.kind, "pages": d.pages, "sha256": d.sha256,
                 "read_by_ocr": any(str(f).startswith(OCR_MARK) for f in d.flags),
                 **({"text": d.text} if include_text else {})}
                for d in by_app["docs"][a.id]
            ],
            "flags": list(a.flags),
        }
        if include_assessment:
            candidate["assessment"] = _assessment(session, a, {c.id: c.name for c in criteria})
        if pseudonymise:
            for i, d in enumerate(candidate["documents"], 1):
                d["file"] = f"{a.key}/document-{i}.pdf"
            candidate = scrub(candidate, _identifiers(a))
            candidate["key"] = a.key
        candidates.append(candidate)
    problems = session.exec(
        select(m.ImportProblem).where(m.ImportProblem.vacancy_id == vacancy_id).order_by(col(m.ImportProblem.id))
    ).all()
    errors = [{"file": p.file_path, "reason": p.reason} for p in problems if keys is None or p.applicant_key in keys]
    if pseudonymise:
        errors = [{"file": f"{p.applicant_key}/refused-file", "reason": e["reason"]} for p, e in zip(
            [p for p in problems if keys is None or p.applicant_key in keys], errors, strict=True)]
    duplicates, pairs = find_duplicates_why(session, vacancy_id)
    if keys is not None:
        duplicates = [g for g in duplicates if set(g) & keys]
    shown = {k for g in duplicates for k in g}
    why = [{"keys": [a, b], "why": reason} for a, b, reason in pairs if a in shown and b in shown]
    return {
        "vacancy": _vacancy_dict(vacancy, criteria),
        "candidates": candidates,
        "errors": errors,
        "duplicates": duplicates,
        "duplicate_pairs": why,  # each pair that joined a group, and why (same name and birth date, same e-mail...)
    }

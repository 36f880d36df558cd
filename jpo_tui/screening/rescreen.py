"""Running eligibility and keyword matching over stored applicants and caching the outcome for the list.

This bridges the database and the pure engines (``jpo_tui.screening.eligibility``, ``jpo_tui.screening.matching``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import insert
from sqlmodel import Session, col, delete, select

from jpo_tui.core.records import (
    ApplicantFacts,
    DegreeLevel,
    EducationEntry,
    EmploymentEntry,
    LanguageLevel,
    LanguageSkill,
    ParsedDocument,
    YearMonth,
)
from jpo_tui.core.vacancy import VacancySpec
from jpo_tui.store import models as m
from jpo_tui.store.writes import vacancy_spec

if TYPE_CHECKING:
    from jpo_tui.screening.eligibility import EligibilityOutcome
    from jpo_tui.screening.matching import Matcher

BATCH = 500
NOTHING_READABLE = "No P11 or CV could be read: ask the applicant for a readable copy, or enter the data by hand"


def _ym(text: str | None) -> YearMonth | None:
    if not text:
        return None
    year, month = text.split("-")
    return YearMonth(int(year), int(month))


def facts_from_rows(
    applicant: m.Applicant,
    education: Sequence[m.EducationEntry],
    employment: Sequence[m.EmploymentEntry],
    languages: Sequence[m.LanguageSkill],
) -> tuple[ApplicantFacts, set[int]]:
    """The applicant's facts as stored (with reviewers' edits), and the indexes of entries marked not relevant."""
    facts = ApplicantFacts(
        name=applicant.name,
        family_name=applicant.family_name,
        first_name=applicant.first_name,
        date_of_birth=applicant.date_of_birth,
        nationality=applicant.nationality,
        nationality_raw=applicant.nationality_raw,
        email=applicant.email,
        languages=[
            LanguageSkill(language=x.language, read=x.read, write=x.write, speak=x.speak, understand=x.understand,
                          mother_tongue=x.mother_tongue,
                          # the stored level was written from a LanguageLevel
                          stated_level=cast(LanguageLevel, x.level) if x.read is None and x.speak is None else None)
            for x in languages
        ],
        education=[
            EducationEntry(institution=e.institution, degree=e.degree, start=_ym(e.start), end=_ym(e.end),
                           level=cast(DegreeLevel, e.level), ongoing=e.ongoing)  # stored from a DegreeLevel
            for e in sorted(education, key=lambda e: e.position)
        ],
        employment=[
            EmploymentEntry(start=_ym(e.start), end=_ym(e.end), present=e.present, title=e.title,
                            employer=e.employer, duties=e.duties, internship=e.internship, relevant=e.relevant)
            for e in sorted(employment, key=lambda e: e.position)
        ],
    )
    ordered = sorted(employment, key=lambda e: e.position)
    excluded = {i for i, e in enumerate(ordered) if not e.relevant}
    return facts, excluded


_Row = TypeVar("_Row", m.EducationEntry, m.EmploymentEntry, m.LanguageSkill, m.EligibilityOverride, m.Document)


def _load_in(session: Session, table: type[_Row], ids: Sequence[int]) -> dict[int, list[_Row]]:
    grouped: dict[int, list[_Row]] = defaultdict(list)
    for row in session.exec(select(table).where(col(table.applicant_id).in_(ids))):
        grouped[row.applicant_id].append(row)
    return grouped


def rescreen(
    session: Session,
    vacancy_id: str,
    *,
    applicant_ids: Collection[int] | None = None,
    criteria: Collection[str] | None = None,
    eligibility: bool = True,
    matching: bool = True,
) -> int:
    """Recompute eligibility and/or keyword hits for some applicants (None: all) and some criteria (None: all).

    Returns the number of applicants screened. Runs in the caller's transaction.
    """
    from jpo_tui.screening.matching import Matcher

    spec = vacancy_spec(session, vacancy_id)
    crit_rows = {c.name: c for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id))}
    query = select(m.Applicant.id).where(m.Applicant.vacancy_id == vacancy_id).order_by(col(m.Applicant.id))
    all_ids = [i for i in session.exec(query) if i is not None]
    ids = all_ids if applicant_ids is None else [i for i in all_ids if i in set(applicant_ids)]
    only = set(criteria) if criteria is not None else None
    matcher = Matcher(spec.criteria) if matching else None
    try:
        _screen_batches(session, spec, ids, crit_rows, only, matcher, eligibility)
    finally:
        if matcher is not None:
            matcher.close()  # its worker processes, if a large re-match started some
    return len(ids)


def _screen_batches(session: Session, spec: VacancySpec, ids: list[int], crit_rows: dict[str, m.Criterion],
                    only: set[str] | None, matcher: Matcher | None, eligibility: bool) -> None:
    from jpo_tui.screening.eligibility import Override, evaluate
    from jpo_tui.screening.matching import coverage

    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        applicants = {a.id: a for a in session.exec(select(m.Applicant).where(col(m.Applicant.id).in_(batch)))}
        results = {r.applicant_id: r for r in session.exec(
            select(m.ScreeningResult).where(col(m.ScreeningResult.applicant_id).in_(batch)))}
        if eligibility:
            edu = _load_in(session, m.EducationEntry, batch)
            emp = _load_in(session, m.EmploymentEntry, batch)
            langs = _load_in(session, m.LanguageSkill, batch)
            overrides = _load_in(session, m.EligibilityOverride, batch)
            readable = _applicants_with_facts(session, batch)
            for aid in batch:
                facts, excluded = facts_from_rows(applicants[aid], edu[aid], emp[aid], langs[aid])
                ovr = {o.rule: Override(status=o.status, reason=o.reason, by=o.by) for o in overrides[aid]}
                outcome = evaluate(facts, spec, ovr, excluded_employment=excluded)
                row = results.get(aid) or m.ScreeningResult(applicant_id=aid)
                for name, value in eligibility_values(outcome, aid in readable or bool(ovr)).items():
                    setattr(row, name, value)
                results[aid] = row
                session.add(row)
        if matcher is not None:
            docs = _load_in(session, m.Document, batch)
            names = [c.name for c in spec.criteria if only is None or c.name in only]
            crit_ids = [crit_rows[n].id for n in names if n in crit_rows]
            if crit_ids:
                session.exec(delete(m.Hit).where(
                    col(m.Hit.applicant_id).in_(batch), col(m.Hit.criterion_id).in_(crit_ids)))
            items = [(aid, [(d.id, d.text) for d in docs[aid] if d.id is not None]) for aid in batch]
            for aid, hits_by_criterion in matcher.match_many(items, only=only):
                for name, hits in hits_by_criterion.items():
                    crit = crit_rows.get(name)
                    if crit is None or crit.id is None:
                        continue
                    for h in hits:
                        session.add(m.Hit(applicant_id=aid, criterion_id=crit.id, document_id=h.document,
                                          keyword=h.keyword, text=h.text, start=h.start, end=h.end, score=h.score))
            session.flush()
            matched = _matched_criteria(session, batch, crit_rows)
            for aid in batch:
                row = results.get(aid) or m.ScreeningResult(applicant_id=aid)
                names_hit = matched.get(aid, set())
                row.criteria_matched = len(names_hit)
                row.coverage = coverage({n: [1] for n in names_hit}, spec.criteria)
                results[aid] = row
                session.add(row)
        session.flush()


def eligibility_values(outcome: EligibilityOutcome, readable: bool) -> dict[str, Any]:
    """The ScreeningResult columns for an eligibility outcome."""
    values: dict[str, Any] = {
        "status": outcome.status, "failed": list(outcome.failed), "reasons": list(outcome.reasons),
        "rules": [asdict(r) for r in outcome.rules], "age": outcome.age,
        "highest_degree": outcome.highest_degree, "experience_months": outcome.experience_months,
        "computed_at": m.utcnow(),
    }
    if not readable:
        # Nothing could be read: every rule is unknown, so the committee must look, not reject.
        values.update(status="review", failed=[], reasons=[NOTHING_READABLE])
    return values


def store_screening(session: Session, spec: VacancySpec, applicant_id: int, facts: ApplicantFacts,
                    docs: Sequence[ParsedDocument], *, new: bool) -> None:
    """Screen a just-imported applicant from the facts and hits in hand (no reads), and store the outcome."""
    from jpo_tui.screening.eligibility import evaluate
    from jpo_tui.screening.matching import coverage

    readable = any(d.kind in ("p11", "cv") for d in docs)
    values = eligibility_values(evaluate(facts, spec), readable)
    matched = {h.criterion for d in docs for h in d.hits}
    values.update(criteria_matched=len(matched), coverage=coverage({n: [1] for n in matched}, spec.criteria))
    if new:
        session.execute(insert(m.table_of(m.ScreeningResult)), {"applicant_id": applicant_id, **values})
    else:
        row = session.get(m.ScreeningResult, applicant_id) or m.ScreeningResult(applicant_id=applicant_id)
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def _applicants_with_facts(session: Session, ids: Sequence[int]) -> set[int]:
    """Applicants with at least one readable P11 or CV (where facts come from)."""
    query = select(m.Document.applicant_id).where(
        col(m.Document.applicant_id).in_(ids), col(m.Document.kind).in_(("p11", "cv"))
    ).distinct()
    return set(session.exec(query))


def _matched_criteria(session: Session, ids: Sequence[int], crit_rows: dict[str, m.Criterion]) -> dict[int, set[str]]:
    name_of = {c.id: n for n, c in crit_rows.items()}
    out: dict[int, set[str]] = defaultdict(set)
    for aid, cid in session.exec(
        select(m.Hit.applicant_id, m.Hit.criterion_id).where(col(m.Hit.applicant_id).in_(ids)).distinct()
    ):
        if cid in name_of:
            out[aid].add(name_of[cid])
    return out


def age_on(dob: date | None, call_year: int) -> int | None:
    """Age on 31 December of the call year."""
    if dob is None:
        return None
    return call_year - dob.year

"""The read side for the workbench: a handful of set-based queries returning frozen dataclasses.

ORM objects never leave this module; screens receive only the records below.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from jpo_tui.committee.scoring import ReviewState, review_state_in, weighted_total
from jpo_tui.core.vacancy import rules_summary
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope


@dataclass(frozen=True)
class VacancyInfo:
    id: str
    title: str
    organisation: str
    duty_station: str
    call_year: int
    deadline: date
    applicants: int


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    name: str
    weight: float
    position: int
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ApplicantRow:
    """One line of the applicants list."""

    id: int
    key: str
    name: str
    nationality: str
    age: int | None
    degree: str
    experience_months: float
    status: str  # eligible | ineligible | review
    coverage: tuple[bool, ...]  # one per criterion, in criterion order
    total: float | None  # my weighted total (0-5)
    scored: int  # how many criteria I scored
    recommendation: str  # my recommendation
    # committee vacancies only (see jpo_tui.services.views.committee_rows): what the viewer may see
    panel: float | None = None  # the committee's aggregate, when blind scoring lets the viewer see it
    panel_state: str = ""  # "" (no committee) | shown | hidden (submit first) | conflict
    disagreement: bool = False
    reviews: int = 0  # submitted reviews that count
    submitted: bool = False  # my review is submitted
    to_review: bool = True  # in my pool (assigned to me, or everyone reviews everyone), conflicts left out
    decision: str = ""  # the chair's decision, once applied
    sort_name: str = ""  # "Family, Given" when the documents told them apart, for sorting by name
    attention: str = ""  # "waits for data" | "withdrawn: duplicate of KEY" | "possible duplicate of KEY"


@dataclass(frozen=True)
class RuleView:
    rule: str
    status: str
    sentence: str
    overridden: bool


@dataclass(frozen=True)
class DocumentView:
    id: int
    kind: str
    file_path: str
    layout: str
    pages: int
    text: str
    flags: tuple[str, ...] = ()  # what the reader said of it (no text layer, read by OCR...)


@dataclass(frozen=True)
class EducationView:
    institution: str
    degree: str
    start: str | None
    end: str | None
    level: str
    ongoing: bool


@dataclass(frozen=True)
class EmploymentView:
    id: int
    start: str | None
    end: str | None
    present: bool
    title: str
    employer: str
    duties: str
    internship: bool
    relevant: bool


@dataclass(frozen=True)
class LanguageView:
    language: str
    read: bool | None
    write: bool | None
    speak: bool | None
    understand: bool | None
    mother_tongue: bool
    level: str


@dataclass(frozen=True)
class HitView:
    document_id: int
    criterion_id: int
    start: int
    end: int
    keyword: str


@dataclass(frozen=True)
class OverrideView:
    rule: str
    status: str
    reason: str
    by: str


@dataclass(frozen=True)
class ApplicantDetail:
    """Everything the applicant screen shows."""

    id: int
    vacancy_id: str
    key: str
    name: str
    date_of_birth: date | None
    nationality: str
    nationality_raw: str
    email: str
    flags: tuple[str, ...]
    status: str
    age: int | None
    degree: str
    experience_months: float
    rules: tuple[RuleView, ...]
    documents: tuple[DocumentView, ...]
    education: tuple[EducationView, ...]
    employment: tuple[EmploymentView, ...]
    languages: tuple[LanguageView, ...]
    hits: tuple[HitView, ...]
    review: ReviewState
    overrides: tuple[OverrideView, ...] = ()  # the chair's eligibility overrides
    rules_summary: str = ""  # the donor rule profile and the vacancy file's overrides ("" without a profile)
    refused: tuple[ProblemView, ...] = ()  # the applicant's files refused (or ignored) at import, with the reason


@dataclass(frozen=True)
class ProblemView:
    applicant_key: str
    file_path: str
    reason: str


def list_vacancies(engine: Engine) -> tuple[VacancyInfo, ...]:
    """Every vacancy with its number of applicants, oldest first."""
    from sqlalchemy import func

    with session_scope(engine) as session:
        counts = dict(session.execute(
            select(col(m.Applicant.vacancy_id), func.count()).group_by(col(m.Applicant.vacancy_id))).all())
        rows = session.execute(select(m.Vacancy).order_by(col(m.Vacancy.created_at), col(m.Vacancy.id))).scalars().all()
        return tuple(
            VacancyInfo(v.id, v.title, v.organisation, v.duty_station, v.call_year, v.deadline, counts.get(v.id, 0))
            for v in rows
        )


def vacancy_criteria(engine: Engine, vacancy_id: str) -> tuple[CriterionInfo, ...]:
    """The vacancy's criteria in their order."""
    with session_scope(engine) as session:
        return _criteria(session, vacancy_id)


def _criteria(session: Session, vacancy_id: str) -> tuple[CriterionInfo, ...]:
    rows = session.execute(
        select(m.Criterion).where(col(m.Criterion.vacancy_id) == vacancy_id).order_by(col(m.Criterion.position))
    ).scalars().all()
    return tuple(CriterionInfo(c.id, c.name, c.weight, c.position, tuple(c.keywords)) for c in rows)


def sort_name(name: str, family: str, first: str) -> str:
    """The name a list of people is sorted by: the family name first ("Van den Broeck, Pieter"); a name
    whose parts the documents did not tell apart sorts as written."""
    if family and first:
        return f"{family}, {first}"
    if family and name.endswith(family) and name != family:
        return f"{family}, {name[: -len(family)].strip()}"
    return name


def applicant_rows(engine: Engine, vacancy_id: str, reviewer_id: int | None) -> tuple[ApplicantRow, ...]:
    """Every applicant of the vacancy as a list row (five queries whatever the number of applicants)."""
    with session_scope(engine) as session:
        criteria = _criteria(session, vacancy_id)
        index = {c.id: i for i, c in enumerate(criteria)}
        weights = {c.id: c.weight for c in criteria}
        base = session.execute(
            select(col(m.Applicant.id), col(m.Applicant.key), col(m.Applicant.name), col(m.Applicant.family_name),
                   col(m.Applicant.first_name), col(m.Applicant.nationality), col(m.ScreeningResult.age), col(m.ScreeningResult.highest_degree), col(m.ScreeningResult.experience_months),
                   col(m.ScreeningResult.status))
            .outerjoin(m.ScreeningResult, col(m.ScreeningResult.applicant_id) == m.Applicant.id)
            .where(col(m.Applicant.vacancy_id) == vacancy_id)
            .order_by(col(m.Applicant.key))
        ).all()
        matched: dict[int, set[int]] = defaultdict(set)
        for aid, cid in session.execute(
            select(col(m.Hit.applicant_id), col(m.Hit.criterion_id)).distinct()
            .join(m.Applicant, col(m.Applicant.id) == m.Hit.applicant_id).where(col(m.Applicant.vacancy_id) == vacancy_id)
        ):
            if cid in index:
                matched[aid].add(index[cid])
        scores: dict[int, dict[int, int]] = defaultdict(dict)
        recommendations: dict[int, str] = {}
        if reviewer_id is not None:
            for aid, cid, value in session.execute(
                select(col(m.Score.applicant_id), col(m.Score.criterion_id), col(m.Score.value))
                .join(m.Applicant, col(m.Applicant.id) == m.Score.applicant_id)
                .where(col(m.Applicant.vacancy_id) == vacancy_id, col(m.Score.reviewer_id) == reviewer_id,
                       col(m.Score.value).is_not(None))
            ):
                if cid in weights:
                    scores[aid][cid] = value
            recommendations = dict(session.execute(
                select(col(m.Review.applicant_id), col(m.Review.recommendation))
                .join(m.Applicant, col(m.Applicant.id) == m.Review.applicant_id)
                .where(col(m.Applicant.vacancy_id) == vacancy_id, col(m.Review.reviewer_id) == reviewer_id)
            ).all())
        attention = _attention(session, vacancy_id)
    n = len(criteria)
    out = []
    for aid, key, name, family, first, nationality, age, degree, exp, status in base:
        hit = matched.get(aid, ())
        mine = scores.get(aid, {})
        out.append(ApplicantRow(
            id=aid, key=key, name=name, nationality=nationality, age=age, degree=degree or "none",
            experience_months=exp or 0.0, status=status or "review",
            coverage=tuple(i in hit for i in range(n)),
            total=weighted_total(mine, weights), scored=len(mine),
            recommendation=recommendations.get(aid, "") or "",
            sort_name=sort_name(name, family, first), attention=attention.get(aid, attention.get(key, "")),
        ))
    return tuple(out)


def _attention(session: Session, vacancy_id: str) -> dict:
    """Applicant id or key -> what the list says about them: waiting for data, withdrawn, a possible duplicate."""
    from jpo_tui.screening.duplicates import find_duplicates, withdrawn_keys
    from jpo_tui.screening.factcheck import waiting_for_data

    out: dict = {}
    for group in find_duplicates(session, vacancy_id):
        for key in group:
            out[key] = "possible duplicate of " + ", ".join(k for k in group if k != key)
    for key, kept in withdrawn_keys(session, vacancy_id).items():
        out[key] = f"withdrawn: duplicate of {kept}"
    for aid in waiting_for_data(session, vacancy_id):
        out[aid] = "waits for data"
    return out


def search_texts(engine: Engine, vacancy_id: str) -> dict[int, str]:
    """Each applicant's documents as one casefolded string, for filtering the list by document text."""
    # Streamed in applicant order, each applicant's string built as soon as their rows are in: the texts are
    # held once (casefolded), never as rows + parts + joined copies at the same time.
    texts: dict[int, str] = {}
    current: int | None = None
    parts: list[str] = []
    with session_scope(engine) as session:
        result = session.execute(
            select(col(m.Document.applicant_id), col(m.Document.text))
            .join(m.Applicant, col(m.Applicant.id) == m.Document.applicant_id)
            .where(col(m.Applicant.vacancy_id) == vacancy_id)
            .order_by(col(m.Document.applicant_id), col(m.Document.id))
            .execution_options(yield_per=500)
        )
        for aid, text in result:
            if aid != current:
                if current is not None:
                    texts[current] = "\n".join(parts)
                current, parts = aid, []
            parts.append(text.casefold())
        if current is not None:
            texts[current] = "\n".join(parts)
    return texts


_DETAIL_STATEMENTS: dict[str, Any] = {}


def _detail_statements() -> dict[str, Any]:
    """The applicant screen's reads, only the columns it shows (in the order of their views), built once."""
    if not _DETAIL_STATEMENTS:
        aid: Any = bindparam("aid")
        D, E, W, L, H, X = (m.Document, m.EducationEntry, m.EmploymentEntry, m.LanguageSkill, m.Hit,
                            m.EligibilityOverride)
        _DETAIL_STATEMENTS.update({
            "documents": select(col(D.id), col(D.kind), col(D.file_path), col(D.layout), col(D.pages), col(D.text),
                                 col(D.flags))
            .where(col(D.applicant_id) == aid).order_by(col(D.id)),
            "education": select(col(E.institution), col(E.degree), col(E.start), col(E.end), col(E.level), col(E.ongoing))
            .where(col(E.applicant_id) == aid).order_by(col(E.position)),
            "employment": select(col(W.id), col(W.start), col(W.end), col(W.present), col(W.title), col(W.employer), col(W.duties), col(W.internship),
                                 col(W.relevant)).where(col(W.applicant_id) == aid).order_by(col(W.position)),
            "languages": select(col(L.language), col(L.read), col(L.write), col(L.speak), col(L.understand), col(L.mother_tongue), col(L.level))
            .where(col(L.applicant_id) == aid).order_by(col(L.id)),
            "hits": select(col(H.document_id), col(H.criterion_id), col(H.start), col(H.end), col(H.keyword))
            .where(col(H.applicant_id) == aid).order_by(col(H.start)),
            "overrides": select(col(X.rule), col(X.status), col(X.reason), col(X.by)).where(col(X.applicant_id) == aid).order_by(col(X.rule)),
        })
    return _DETAIL_STATEMENTS


def applicant_detail(engine: Engine, applicant_id: int, reviewer_id: int | None) -> ApplicantDetail:
    """One applicant with documents, parsed entries, eligibility, hits and my review."""
    with session_scope(engine) as session:
        a = session.get(m.Applicant, applicant_id)
        if a is None:
            raise KeyError(f"no applicant with id {applicant_id}")
        sr = session.get(m.ScreeningResult, applicant_id)

        def rows(name: str) -> list:
            return list(session.connection().execute(_detail_statements()[name], {"aid": applicant_id}))

        docs = rows("documents")
        rank = {"p11": 0, "cv": 1, "cover_letter": 2}
        docs.sort(key=lambda d: (rank.get(d.kind, 3), d.id))
        review = review_state_in(session, applicant_id, reviewer_id) if reviewer_id is not None else ReviewState()
        vacancy = session.get(m.Vacancy, a.vacancy_id)
        return ApplicantDetail(
            rules_summary=rules_summary(vacancy.eligibility) if vacancy is not None and vacancy.eligibility.get(
                "profile") else "",
            id=applicant_id, vacancy_id=a.vacancy_id, key=a.key, name=a.name, date_of_birth=a.date_of_birth,
            nationality=a.nationality, nationality_raw=a.nationality_raw, email=a.email, flags=tuple(a.flags),
            status=sr.status if sr else "review", age=sr.age if sr else None,
            degree=sr.highest_degree if sr else "none", experience_months=sr.experience_months if sr else 0.0,
            rules=tuple(
                RuleView(str(r.get("rule", "")), str(r.get("status", "review")), str(r.get("sentence", "")),
                         bool(r.get("overridden", False)))
                for r in (sr.rules if sr else []) if isinstance(r, dict)
            ),
            documents=tuple(DocumentView(d[0], d[1], d[2], d[3], d[4], d[5], tuple(d[6] or ())) for d in docs),
            refused=_refused_files(session, a.vacancy_id, a.key),
            education=tuple(EducationView(*e) for e in rows("education")),
            employment=tuple(EmploymentView(*e) for e in rows("employment")),
            languages=tuple(LanguageView(*x) for x in rows("languages")),
            hits=tuple(HitView(*h) for h in rows("hits")),
            review=review,
            overrides=tuple(OverrideView(*o) for o in rows("overrides")),
        )


def _refused_files(session: Session, vacancy_id: str, key: str) -> tuple[ProblemView, ...]:
    """The applicant's files refused or ignored at import (each file once, its latest reason)."""
    latest: dict[str, ProblemView] = {}
    for p in session.execute(select(m.ImportProblem).where(
            col(m.ImportProblem.vacancy_id) == vacancy_id, col(m.ImportProblem.applicant_key) == key)
            .order_by(col(m.ImportProblem.id))).scalars():
        latest[p.file_path] = ProblemView(p.applicant_key, p.file_path, p.reason)
    return tuple(latest.values())


def import_problems(engine: Engine, vacancy_id: str) -> tuple[ProblemView, ...]:
    """Files refused at import for the vacancy, oldest first."""
    with session_scope(engine) as session:
        return tuple(ProblemView(p.applicant_key, p.file_path, p.reason) for p in session.execute(
            select(m.ImportProblem).where(col(m.ImportProblem.vacancy_id) == vacancy_id).order_by(col(m.ImportProblem.id))
        ).scalars())


def applicant_id_for_key(engine: Engine, vacancy_id: str, key: str) -> int | None:
    """The id of the applicant with ``key`` in the vacancy."""
    with session_scope(engine) as session:
        return session.execute(select(col(m.Applicant.id)).where(
            col(m.Applicant.vacancy_id) == vacancy_id, col(m.Applicant.key) == key)).scalar()

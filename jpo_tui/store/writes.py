"""Writing imported vacancies, applicants and documents to the database (one transaction per applicant)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, insert
from sqlmodel import Session, col, delete, select

from jpo_tui.core.factstore import facts_from_dict, facts_to_dict
from jpo_tui.core.records import ApplicantFacts, DocumentKind, LanguageSkill, ParsedDocument
from jpo_tui.core.vacancy import CriterionSpec, EligibilitySpec, VacancySpec
from jpo_tui.store import models as m

if TYPE_CHECKING:
    from jpo_tui.core.corrections import Stored


def upsert_vacancy(session: Session, spec: VacancySpec) -> tuple[m.Vacancy, set[str]]:
    """Create or update the vacancy and its criteria; returns it and the names of criteria whose keywords changed."""
    vacancy = session.get(m.Vacancy, spec.id)
    if vacancy is None:
        vacancy = m.Vacancy(id=spec.id, call_year=spec.call_year, deadline=spec.deadline)
        session.add(vacancy)
    vacancy.title = spec.title
    vacancy.organisation = spec.organisation
    vacancy.duty_station = spec.duty_station
    vacancy.grade = spec.grade
    vacancy.donor = spec.donor
    vacancy.call_year = spec.call_year
    vacancy.deadline = spec.deadline
    vacancy.retention_until = spec.retention_until
    vacancy.eligibility = spec.eligibility_dict()
    vacancy.source_toml = spec.source_toml
    existing = {c.name: c for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))}
    changed: set[str] = set()
    for position, crit in enumerate(spec.criteria):
        row = existing.get(crit.name)
        if row is None:
            row = m.Criterion(vacancy_id=spec.id, name=crit.name)
            session.add(row)
            changed.add(crit.name)
        elif list(row.keywords) != list(crit.keywords):
            changed.add(crit.name)
            row.keywords_version += 1
        row.position = position
        row.weight = crit.weight
        row.keywords = list(crit.keywords)
    if not session.get(m.VacancyState, spec.id):
        session.add(m.VacancyState(vacancy_id=spec.id))
    session.flush()
    return vacancy, changed


def vacancy_spec(session: Session, vacancy_id: str) -> VacancySpec:
    """The vacancy as the screening engine wants it, from the database (criteria may have been edited)."""
    vacancy = session.get(m.Vacancy, vacancy_id)
    if vacancy is None:
        raise KeyError(f"no vacancy {vacancy_id!r} in this database")
    crits = session.exec(
        select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id).order_by(col(m.Criterion.position))
    ).all()
    elig = dict(vacancy.eligibility)
    known = set(EligibilitySpec.__dataclass_fields__)
    elig = {k: tuple(v) if isinstance(v, list) else v for k, v in elig.items() if k in known}
    return VacancySpec(
        id=vacancy.id,
        title=vacancy.title,
        organisation=vacancy.organisation,
        duty_station=vacancy.duty_station,
        grade=vacancy.grade,
        donor=vacancy.donor,
        call_year=vacancy.call_year,
        deadline=vacancy.deadline,
        retention_until=vacancy.retention_until,
        eligibility=EligibilitySpec(**elig),
        criteria=tuple(CriterionSpec(c.name, c.weight, tuple(c.keywords)) for c in crits),
        source_toml=vacancy.source_toml,
    )


def known_hashes(session: Session, vacancy_id: str) -> set[tuple[str, str]]:
    """(applicant key, sha256) of every document already stored for the vacancy."""
    rows = session.exec(
        select(m.Applicant.key, m.Document.sha256)
        .join(m.Document, col(m.Document.applicant_id) == m.Applicant.id)
        .where(m.Applicant.vacancy_id == vacancy_id)
    ).all()
    return {(key, sha) for key, sha in rows}


def known_applicants(session: Session, vacancy_id: str) -> dict[str, int]:
    """Applicant key -> id for the vacancy."""
    rows = session.exec(select(m.Applicant.key, m.Applicant.id).where(m.Applicant.vacancy_id == vacancy_id))
    return {key: aid for key, aid in rows if aid is not None}


def criterion_ids(session: Session, vacancy_id: str) -> dict[str, int]:
    """Criterion name -> id for the vacancy."""
    rows = session.exec(select(m.Criterion.name, m.Criterion.id).where(m.Criterion.vacancy_id == vacancy_id))
    return {name: cid for name, cid in rows if cid is not None}


def known_problems(session: Session, vacancy_id: str) -> set[tuple[str, str]]:
    rows = session.exec(
        select(m.ImportProblem.file_path, m.ImportProblem.reason).where(m.ImportProblem.vacancy_id == vacancy_id)
    ).all()
    return {(f, r) for f, r in rows}


def record_problem(session: Session, vacancy_id: str, key: str, file_path: str, reason: str) -> None:
    session.add(m.ImportProblem(vacancy_id=vacancy_id, applicant_key=key, file_path=file_path, reason=reason))


def _doc_for_merge(doc: m.Document) -> ParsedDocument:
    return ParsedDocument(
        path=doc.file_path,
        sha256=doc.sha256,
        kind=cast(DocumentKind, doc.kind),  # stored from a DocumentKind
        layout=doc.layout,
        pages=doc.pages,
        text="",
        facts=facts_from_dict(doc.facts),
        flags=list(doc.flags),
    )


def _document_row(applicant_id: int, doc: ParsedDocument, now: datetime) -> dict[str, Any]:
    return {
        "applicant_id": applicant_id, "file_path": doc.path, "sha256": doc.sha256, "kind": doc.kind,
        "layout": doc.layout, "pages": doc.pages, "size_bytes": doc.size_bytes, "text": doc.text,
        "flags": list(doc.flags), "imported_at": now,
        "facts": doc.facts_data if doc.facts_data is not None else facts_to_dict(doc.facts) if doc.facts else {},
    }


def _applicant_values(facts: ApplicantFacts, flags: Iterable[str], now: datetime) -> dict[str, Any]:
    return {
        "name": facts.name, "family_name": facts.family_name, "first_name": facts.first_name,
        "date_of_birth": facts.date_of_birth, "nationality": facts.nationality,
        "nationality_raw": facts.nationality_raw, "email": facts.email,
        "flags": sorted(set(flags) | set(facts.warnings)), "updated_at": now,
    }


def _merged(docs: Sequence[ParsedDocument], problems: Iterable[str]) -> tuple[ApplicantFacts, list[str]]:
    from jpo_tui.core.merge import merge_facts

    flags = sorted({flag for d in docs for flag in d.flags} | set(problems))
    if not docs:
        flags.append("no readable document")
    return (merge_facts(list(docs)) if docs else ApplicantFacts()), flags


def insert_documents(session: Session, applicant_id: int, docs: Sequence[ParsedDocument],
                     criterion_ids: dict[str, int] | None = None) -> list[int]:
    """Insert documents (and the keyword hits their readers found) in bulk; returns the new documents' ids."""
    if not docs:
        return []
    now = m.utcnow()
    table = m.table_of(m.Document)
    ids = list(session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True),
        [_document_row(applicant_id, d, now) for d in docs],
    ).scalars())
    if criterion_ids:
        hits = [
            {"applicant_id": applicant_id, "criterion_id": criterion_ids[h.criterion], "document_id": doc_id,
             "keyword": h.keyword, "text": h.text, "start": h.start, "end": h.end, "score": h.score}
            for doc_id, d in zip(ids, docs, strict=True) for h in d.hits if h.criterion in criterion_ids
        ]
        if hits:
            session.execute(insert(m.table_of(m.Hit)), hits)
    return ids


def insert_new_applicant(
    session: Session, vacancy_id: str, key: str, docs: Sequence[ParsedDocument], problems: Iterable[str] = (),
    criterion_ids: dict[str, int] | None = None,
) -> tuple[int, ApplicantFacts]:
    """The fast path for an applicant not yet in the database: bulk inserts, no reads. Returns id and facts."""
    now = m.utcnow()
    facts, flags = _merged(docs, problems)
    table = m.table_of(m.Applicant)
    applicant_id = session.execute(
        insert(table).returning(table.c.id),
        {"vacancy_id": vacancy_id, "key": key, "created_at": now, **_applicant_values(facts, flags, now)},
    ).scalar_one()
    insert_documents(session, applicant_id, docs, criterion_ids)
    _insert_entries(session, applicant_id, facts)
    return applicant_id, facts


def save_applicant(
    session: Session, vacancy_id: str, key: str, docs: Iterable[ParsedDocument], problems: Iterable[str] = (),
    criterion_ids: dict[str, int] | None = None,
) -> tuple[m.Applicant, int]:
    """Store an applicant's new documents and refresh their merged facts; returns the applicant and docs added.

    Works for new and known applicants alike (a known one is re-merged with the documents already stored).
    """
    applicant = session.exec(
        select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id, m.Applicant.key == key)
    ).first()
    if applicant is None:
        applicant_id, _ = insert_new_applicant(session, vacancy_id, key, list(docs), problems, criterion_ids)
        applicant = session.get(m.Applicant, applicant_id)
        assert applicant is not None
        return applicant, session.exec(
            select(func.count()).select_from(m.Document).where(m.Document.applicant_id == applicant_id)
        ).one()
    stored = list(session.exec(select(m.Document).where(m.Document.applicant_id == applicant.id)))
    hashes = {d.sha256 for d in stored}
    new_docs = []
    for doc in docs:
        if doc.sha256 not in hashes:
            hashes.add(doc.sha256)
            new_docs.append(doc)
    insert_documents(session, m.saved_id(applicant), new_docs, criterion_ids)
    all_docs = [_doc_for_merge(d) for d in stored] + new_docs
    facts, flags = _merged(all_docs, problems)
    _write_facts(session, applicant, facts, flags)
    return applicant, len(new_docs)


def stored_corrections(session: Session, applicant_id: int) -> list[Stored]:
    """The applicant's active hand-made facts, oldest first (core.corrections.Stored)."""
    from jpo_tui.core.corrections import Stored

    rows = session.exec(select(m.FactCorrection).where(m.FactCorrection.applicant_id == applicant_id,
                                                       m.FactCorrection.active == True)  # noqa: E712
                        .order_by(col(m.FactCorrection.id)))
    return [Stored(r.field, r.value.get("value"), r.value.get("target"), r.parsed.get("value"), r.by, r.reason)
            for r in rows]


def merged_facts(session: Session, applicant: m.Applicant) -> ApplicantFacts:
    """The applicant's facts as their stored documents give them, before any hand-made fact."""
    stored = list(session.exec(select(m.Document).where(m.Document.applicant_id == applicant.id)))
    return _merged([_doc_for_merge(d) for d in stored], ())[0]


def refresh_facts(session: Session, applicant: m.Applicant) -> ApplicantFacts:
    """Re-merge the applicant's stored documents, lay the hand-made facts over them and store the result
    (flags other than the previous corrections' warnings are kept); returns the facts as now stored."""
    from jpo_tui.core.corrections import KEPT

    stored = list(session.exec(select(m.Document).where(m.Document.applicant_id == applicant.id)))
    facts, flags = _merged([_doc_for_merge(d) for d in stored], ())
    kept = [f for f in applicant.flags if not str(f).startswith(KEPT.split()[0])]
    return _write_facts(session, applicant, facts, sorted(set(flags) | set(kept)))


def _write_facts(session: Session, applicant: m.Applicant, facts: ApplicantFacts,
                 flags: list[str]) -> ApplicantFacts:
    from jpo_tui.core.corrections import KEPT, apply

    aid = applicant.id
    assert aid is not None
    corrections = stored_corrections(session, aid)
    flags = [f for f in flags if not str(f).startswith(KEPT.split()[0])]
    if corrections:
        facts, warnings = apply(facts, corrections)
        flags = flags + warnings
    for name, value in _applicant_values(facts, flags, m.utcnow()).items():
        setattr(applicant, name, value)
    session.add(applicant)
    # A reviewer's "not relevant" marks survive a re-merge when the entry is still there.
    not_relevant = {
        (e.start, e.end, e.title, e.employer)
        for e in session.exec(select(m.EmploymentEntry).where(m.EmploymentEntry.applicant_id == aid))
        if not e.relevant
    }
    for table in (m.EducationEntry, m.EmploymentEntry, m.LanguageSkill):
        session.exec(delete(table).where(col(table.applicant_id) == aid))
    _insert_entries(session, aid, facts, not_relevant)
    session.flush()
    return facts


def _insert_entries(session: Session, aid: int, facts: ApplicantFacts,
                    not_relevant: Set[tuple[str | None, str | None, str, str]] = frozenset()) -> None:
    education = [
        {"applicant_id": aid, "document_id": None, "position": i, "institution": e.institution, "degree": e.degree,
         "start": e.start.iso() if e.start else None, "end": e.end.iso() if e.end else None,
         "level": e.level, "ongoing": e.ongoing}
        for i, e in enumerate(facts.education)
    ]
    employment = []
    for i, e in enumerate(facts.employment):
        start, end = (e.start.iso() if e.start else None), (e.end.iso() if e.end else None)
        employment.append({
            "applicant_id": aid, "document_id": None, "position": i, "start": start, "end": end,
            "present": e.present, "title": e.title, "employer": e.employer, "duties": e.duties,
            "internship": e.internship,
            "relevant": e.relevant and (start, end, e.title, e.employer) not in not_relevant,
        })
    best: dict[str, LanguageSkill] = {}
    rank = {"fluent": 3, "working": 2, "basic": 1}
    for lang in facts.languages:
        known = best.get(lang.language.casefold())
        if known is None or rank[lang.level] > rank[known.level]:
            best[lang.language.casefold()] = lang
    languages = [
        {"applicant_id": aid, "language": x.language, "read": x.read, "write": x.write, "speak": x.speak,
         "understand": x.understand, "mother_tongue": x.mother_tongue, "level": x.level}
        for x in best.values()
    ]
    for table, rows in ((m.EducationEntry, education), (m.EmploymentEntry, employment), (m.LanguageSkill, languages)):
        if rows:
            session.execute(insert(m.table_of(table)), rows)

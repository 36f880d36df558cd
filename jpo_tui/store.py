"""Writing imported vacancies, applicants and documents to the database (one transaction per applicant)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, delete, select

from jpo_tui import models as m
from jpo_tui.factstore import facts_from_dict, facts_to_dict
from jpo_tui.parsing.records import ApplicantFacts, ParsedDocument
from jpo_tui.vacancy import CriterionSpec, EligibilitySpec, VacancySpec


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
        select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id).order_by(m.Criterion.position)
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
        .join(m.Document, m.Document.applicant_id == m.Applicant.id)
        .where(m.Applicant.vacancy_id == vacancy_id)
    ).all()
    return {(key, sha) for key, sha in rows}


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
        kind=doc.kind,  # type: ignore[arg-type]
        layout=doc.layout,
        pages=doc.pages,
        text="",
        facts=facts_from_dict(doc.facts),
        flags=list(doc.flags),
    )


def save_applicant(
    session: Session, vacancy_id: str, key: str, docs: Iterable[ParsedDocument], problems: Iterable[str] = ()
) -> tuple[m.Applicant, int]:
    """Store an applicant's new documents and refresh their merged facts; returns the applicant and docs added."""
    from jpo_tui.parsing import merge_facts

    applicant = session.exec(
        select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id, m.Applicant.key == key)
    ).first()
    if applicant is None:
        applicant = m.Applicant(vacancy_id=vacancy_id, key=key)
        session.add(applicant)
        session.flush()
    stored = session.exec(select(m.Document).where(m.Document.applicant_id == applicant.id)).all()
    hashes = {d.sha256 for d in stored}
    added = 0
    for doc in docs:
        if doc.sha256 in hashes:
            continue
        hashes.add(doc.sha256)
        row = m.Document(
            applicant_id=applicant.id,
            file_path=doc.path,
            sha256=doc.sha256,
            kind=doc.kind,
            layout=doc.layout,
            pages=doc.pages,
            size_bytes=doc.size_bytes,
            text=doc.text,
            flags=list(doc.flags),
            facts=facts_to_dict(doc.facts) if doc.facts else {},
        )
        session.add(row)
        stored.append(row)
        added += 1
    session.flush()
    flags = sorted({flag for d in stored for flag in d.flags} | set(problems))
    if not stored:
        flags.append("no readable document")
    merged = merge_facts([_doc_for_merge(d) for d in stored]) if stored else ApplicantFacts()
    _write_facts(session, applicant, merged, flags)
    return applicant, added


def _write_facts(session: Session, applicant: m.Applicant, facts: ApplicantFacts, flags: list[str]) -> None:
    applicant.name = facts.name
    applicant.family_name = facts.family_name
    applicant.first_name = facts.first_name
    applicant.date_of_birth = facts.date_of_birth
    applicant.nationality = facts.nationality
    applicant.nationality_raw = facts.nationality_raw
    applicant.email = facts.email
    applicant.flags = sorted(set(flags) | set(facts.warnings))
    applicant.updated_at = m.utcnow()
    aid = applicant.id
    # A reviewer's "not relevant" marks survive a re-merge when the entry is still there.
    not_relevant = {
        (e.start, e.end, e.title, e.employer)
        for e in session.exec(select(m.EmploymentEntry).where(m.EmploymentEntry.applicant_id == aid))
        if not e.relevant
    }
    for table in (m.EducationEntry, m.EmploymentEntry, m.LanguageSkill):
        session.exec(delete(table).where(table.applicant_id == aid))
    for i, e in enumerate(facts.education):
        session.add(m.EducationEntry(
            applicant_id=aid, position=i, institution=e.institution, degree=e.degree,
            start=e.start.iso() if e.start else None, end=e.end.iso() if e.end else None,
            level=e.level, ongoing=e.ongoing,
        ))
    for i, e in enumerate(facts.employment):
        start, end = (e.start.iso() if e.start else None), (e.end.iso() if e.end else None)
        session.add(m.EmploymentEntry(
            applicant_id=aid, position=i, start=start, end=end, present=e.present, title=e.title,
            employer=e.employer, duties=e.duties, internship=e.internship,
            relevant=(start, end, e.title, e.employer) not in not_relevant,
        ))
    seen: set[str] = set()
    for lang in facts.languages:
        if lang.language.casefold() in seen:
            continue
        seen.add(lang.language.casefold())
        session.add(m.LanguageSkill(
            applicant_id=aid, language=lang.language, read=lang.read, write=lang.write, speak=lang.speak,
            understand=lang.understand, mother_tongue=lang.mother_tongue, level=lang.level,
        ))
    session.flush()

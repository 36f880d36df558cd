"""A small vacancy with applicants and everything a committee derives from them, for the trust tests.

Applicants are stored through the store (no PDF parsing), then screened, scored, commented, reviewed,
assigned, conflicted, overridden and decided through the domain APIs where they exist, so every table that
holds applicant data has rows and the audit trail has events of each kind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import select

from jpo_tui.core.records import (
    ApplicantFacts,
    EducationEntry,
    EmploymentEntry,
    LanguageSkill,
    ParsedDocument,
    YearMonth,
)
from jpo_tui.core.vacancy import VacancySpec, parse_vacancy
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope

VACANCY_ID = "BE-TRUST-01"

VACANCY_TOML = """
[vacancy]
id = "{id}"
title = "Junior Professional Officer - Evaluation"
organisation = "UNDP"
duty_station = "Dakar, Senegal"
grade = "P2"
donor = "Belgium"
call_year = 2026
deadline = 2026-03-31
{retention}

[eligibility]
max_age = 32
min_degree = "master"
bachelor_extra_experience_years = 2
min_experience_years = 2
internship_weight = 0.5
nationalities = ["Belgium"]
dcc_nationalities = ["Senegal"]
required_languages = ["English", "French"]

[[criteria]]
name = "Monitoring and evaluation"
weight = 3
keywords = ["monitoring and evaluation", "results-based management"]

[[criteria]]
name = "Data analysis"
weight = 2
keywords = ["data analysis", "statistics"]
"""


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    email: str
    secret: str  # a phrase only in this applicant's document
    comment: str  # a reviewer's comment about them


PEOPLE = (
    Person("TRUST-0001", "Zephyrine Quillfeather", "zephyrine.quillfeather@example.org",
           "Quillfeather led the Xylophonic monitoring and evaluation of river basins", "Zephyrine seems strong"),
    Person("TRUST-0002", "Bartholomew Inkwellington", "b.inkwellington@example.net",
           "Inkwellington did data analysis for the Gloomhaven cooperative", "Bartholomew lacks French"),
    Person("TRUST-0003", "Ondine Marlowe-Vasquez", "ondine.mv@example.com",
           "Marlowe-Vasquez used results-based management at Tidewater", "Ondine: good statistics"),
)


def vacancy_spec(retention_until: date | None = date(2030, 12, 31), vacancy_id: str = VACANCY_ID) -> VacancySpec:
    retention = f"retention_until = {retention_until.isoformat()}" if retention_until else ""
    return parse_vacancy(VACANCY_TOML.format(id=vacancy_id, retention=retention))


def _document(person: Person) -> ParsedDocument:
    first, family = person.name.split(" ", 1)
    facts = ApplicantFacts(
        name=person.name, family_name=family, first_name=first, date_of_birth=date(1996, 5, 17),
        nationality="Belgium", nationality_raw="Belgian", email=person.email,
        languages=[LanguageSkill("English", True, True, True, True), LanguageSkill("French", mother_tongue=True)],
        education=[EducationEntry(institution=f"University of {family}", degree="Master of Science",
                                  start=YearMonth(2017, 9), end=YearMonth(2019, 6), level="master")],
        employment=[EmploymentEntry(start=YearMonth(2019, 9), end=YearMonth(2023, 8), title="Evaluation officer",
                                    employer=f"{family} Consulting", duties=person.secret)],
    )
    text = f"{person.name}\n{person.email}\n{person.secret}\n"
    return ParsedDocument(path=f"{person.key}/cv-{family}.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(),
                          kind="p11", layout="flat", pages=1, text=text, facts=facts, size_bytes=len(text))


def populate(engine: Engine, *, retention_until: date | None = date(2030, 12, 31), committee: bool = False,
             people: tuple[Person, ...] = PEOPLE) -> dict[str, int]:
    """Store the vacancy and ``people`` with derived data; returns key -> applicant id."""
    from jpo_tui.committee import scoring
    from jpo_tui.committee.reviewers import get_or_create_reviewer
    from jpo_tui.privacy import audit
    from jpo_tui.screening.rescreen import rescreen
    from jpo_tui.store.writes import record_problem, save_applicant, upsert_vacancy

    spec = vacancy_spec(retention_until)
    ids: dict[str, int] = {}
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
        for person in people:
            applicant, _ = save_applicant(session, spec.id, person.key, [_document(person)])
            ids[person.key] = applicant.id  # type: ignore[assignment]
            record_problem(session, spec.id, person.key, f"{person.key}/scan-{person.email}.pdf",
                           "no text layer")
        rescreen(session, spec.id)
        audit.record(session, "importer", "import", vacancy_id=spec.id, detail=f"{len(people)} applicants")
    reviewer = get_or_create_reviewer(engine, "Rita Reviewer")
    with session_scope(engine) as session:
        criteria = [c.id for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))]
    for person in people:
        aid = ids[person.key]
        scoring.set_score(engine, aid, reviewer, criteria[0], 4)
        scoring.set_criterion_comment(engine, aid, reviewer, criteria[0], person.comment)
        scoring.set_overall_comment(engine, aid, reviewer, f"Overall: {person.comment}")
        scoring.set_recommendation(engine, aid, reviewer, "shortlist")
    with session_scope(engine, write=True) as session:
        for person in people:
            aid = ids[person.key]
            session.add(m.Assignment(applicant_id=aid, reviewer_id=reviewer.id))
            session.add(m.Decision(applicant_id=aid, status="long_list", reason=f"about {person.name}",
                                   decided_by="Chair"))
            session.add(m.EligibilityOverride(applicant_id=aid, rule="age", status="pass",
                                              reason=f"{person.name} proved age", by="Chair"))
            session.add(m.Conflict(applicant_id=aid, reviewer_id=reviewer.id, reason=f"knows {person.name}"))
            audit.record(session, "Chair", "decision", vacancy_id=spec.id, applicant_key=person.key,
                         detail=f"long list: {person.name}", before="", after="long_list")
        audit.record(session, "Chair", "note", vacancy_id=spec.id,
                     detail=f"compared {people[0].name} with {people[-1].name}")
    if committee:
        from jpo_tui.committee.members import bootstrap_chair

        with session_scope(engine, write=True) as session:
            bootstrap_chair(session, spec.id, "Chair Person", "correct horse battery")
    return ids

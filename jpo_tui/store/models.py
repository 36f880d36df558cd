"""Database tables (SQLModel). The schema is versioned by Alembic migrations in ``jpo_tui/migrations``.

ORM objects stay inside ``jpo_tui``: screens receive frozen dataclasses from ``jpo_tui.services.queries``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import JSON, Column, Index, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Saved(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Saved) -> int:
    """The id of a row that is in the database (SQLModel types ids as optional until the row is inserted)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: it was never flushed to the database")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for bulk inserts and upserts."""
    return model.__table__  # type: ignore[attr-defined]  # SQLModel sets __table__ without declaring it


class Vacancy(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=120)
    title: str = ""
    organisation: str = ""
    duty_station: str = ""
    grade: str = ""
    donor: str = ""
    call_year: int
    deadline: date
    retention_until: date | None = None
    eligibility: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source_toml: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Criterion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("vacancy_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: str = Field(foreign_key="vacancy.id", index=True, max_length=120)
    position: int = 0
    name: str
    weight: float = 1.0
    keywords: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    keywords_version: int = 0


KEY_CHARS = 200  # the longest applicant key (folder name) the table holds


class Applicant(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("vacancy_id", "key"),
        Index("ix_applicant_vacancy_name", "vacancy_id", "name"),
    )
    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: str = Field(foreign_key="vacancy.id", index=True, max_length=120)
    key: str = Field(max_length=KEY_CHARS)
    name: str = ""
    family_name: str = ""
    first_name: str = ""
    date_of_birth: date | None = None
    nationality: str = ""
    nationality_raw: str = ""
    email: str = ""
    flags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Document(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("applicant_id", "sha256"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    file_path: str
    sha256: str = Field(index=True, max_length=64)
    kind: str = Field(max_length=20)  # p11 | cv | cover_letter | other
    layout: str = Field(default="", max_length=20)
    pages: int = 0
    size_bytes: int = 0
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    flags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    facts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # parsed ApplicantFacts
    imported_at: datetime = Field(default_factory=utcnow)


class EducationEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    position: int = 0
    institution: str = ""
    degree: str = ""
    start: str | None = Field(default=None, max_length=7)  # YYYY-MM
    end: str | None = Field(default=None, max_length=7)
    level: str = Field(default="unknown", max_length=20)
    ongoing: bool = False


class EmploymentEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    position: int = 0
    start: str | None = Field(default=None, max_length=7)  # YYYY-MM
    end: str | None = Field(default=None, max_length=7)
    present: bool = False
    title: str = ""
    employer: str = ""
    duties: str = Field(default="", sa_column=Column(Text, nullable=False))
    internship: bool = False
    relevant: bool = True  # a reviewer can mark an entry "not relevant"; experience is recomputed


class LanguageSkill(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("applicant_id", "language"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    language: str
    read: bool | None = None
    write: bool | None = None
    speak: bool | None = None
    understand: bool | None = None
    mother_tongue: bool = False
    level: str = Field(default="basic", max_length=10)  # fluent | working | basic


class ImportProblem(SQLModel, table=True):
    """A file refused (or flagged) at import, with its one-line reason."""

    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: str = Field(foreign_key="vacancy.id", index=True, max_length=120)
    applicant_key: str = ""
    file_path: str
    reason: str
    created_at: datetime = Field(default_factory=utcnow)


class ScreeningResult(SQLModel, table=True):
    """Cached outcome of eligibility and matching for the list (recomputed after import, edits, overrides)."""

    applicant_id: int = Field(foreign_key="applicant.id", primary_key=True)
    status: str = Field(default="review", max_length=12)  # eligible | ineligible | review
    failed: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reasons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    rules: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    age: int | None = None
    highest_degree: str = Field(default="none", max_length=12)
    experience_months: float = 0.0
    coverage: float = 0.0  # share of criteria matched, weighted
    criteria_matched: int = 0
    computed_at: datetime = Field(default_factory=utcnow)


class Hit(SQLModel, table=True):
    """One place in one document where a criterion's keyword appears."""

    __table_args__ = (Index("ix_hit_applicant_criterion", "applicant_id", "criterion_id"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id")
    criterion_id: int = Field(foreign_key="criterion.id", index=True)
    document_id: int = Field(foreign_key="document.id")
    keyword: str
    text: str
    start: int
    end: int
    score: float


class EligibilityOverride(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("applicant_id", "rule"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    rule: str = Field(max_length=20)
    status: str = Field(max_length=12)  # pass | fail
    reason: str
    by: str
    at: datetime = Field(default_factory=utcnow)


class FactCorrection(SQLModel, table=True):
    """A fact made by hand (the chair or the single user): applied over the parsed facts at every merge."""

    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    field: str = Field(max_length=120)  # date_of_birth, language.French, employment.2.from, employment.add ...
    value: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # {"value": ...}
    parsed: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # what the documents said
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    by: str
    at: datetime = Field(default_factory=utcnow)
    active: bool = True  # False once replaced by a newer correction of the same field


class FactFlag(SQLModel, table=True):
    """A reviewer's doubt about one fact, with a note; the chair sees open ones in a queue."""

    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    field: str = Field(max_length=120)
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    by: str
    at: datetime = Field(default_factory=utcnow)
    resolved: bool = False


class Reviewer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=120)
    passphrase_hash: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class CommitteeMember(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("vacancy_id", "reviewer_id"),)
    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: str = Field(foreign_key="vacancy.id", index=True, max_length=120)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    role: str = Field(default="reviewer", max_length=10)  # reviewer | chair


class Score(SQLModel, table=True):
    """One reviewer's score of one applicant on one criterion: one row each, written alone."""

    __table_args__ = (UniqueConstraint("applicant_id", "reviewer_id", "criterion_id"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    criterion_id: int = Field(foreign_key="criterion.id")
    value: int | None = None
    comment: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class Review(SQLModel, table=True):
    """A reviewer's overall view of one applicant: comment, recommendation, submission."""

    __table_args__ = (UniqueConstraint("applicant_id", "reviewer_id"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    comment: str = ""
    recommendation: str = ""  # shortlist | maybe | reject
    submitted_at: datetime | None = None
    abstained: bool = False
    skipped_at: datetime | None = None  # "skip for now": offered again after the others
    updated_at: datetime = Field(default_factory=utcnow)


class Assignment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("applicant_id", "reviewer_id"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)


class Conflict(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("applicant_id", "reviewer_id"),)
    id: int | None = Field(default=None, primary_key=True)
    applicant_id: int = Field(foreign_key="applicant.id", index=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    reason: str = ""
    declared_at: datetime = Field(default_factory=utcnow)


class Decision(SQLModel, table=True):
    """The chair's decision on an applicant: not suitable / long list / short list, and the interview slot."""

    applicant_id: int = Field(foreign_key="applicant.id", primary_key=True)
    status: str = Field(default="", max_length=20)  # not_suitable | long_list | short_list
    reason: str = ""
    rank_override: int | None = None
    interview_at: str = Field(default="", max_length=16)  # local wall time of the slot, YYYY-MM-DDTHH:MM
    interview_tz: str = ""
    interview_minutes: int = 30
    interview_url: str = ""
    decided_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class VacancyState(SQLModel, table=True):
    """Per-vacancy committee settings: aggregation, lock, disagreement threshold."""

    vacancy_id: str = Field(foreign_key="vacancy.id", primary_key=True, max_length=120)
    aggregation: str = Field(default="mean", max_length=10)  # mean | median
    disagreement_threshold: float = 1.5
    per_applicant: int = 0  # reviewers assigned to each applicant; 0: everyone scores everyone
    locked: bool = False
    locked_by: str = ""
    locked_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only record of who did what, when, with the value before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = ""
    action: str = Field(max_length=40, index=True)
    vacancy_id: str = ""
    applicant_key: str = ""
    detail: str = ""
    before: str = ""
    after: str = ""
    seq: int | None = Field(default=None, index=True)  # hash chain (privacy/audit.py, migration 0005)
    prev_hash: str = Field(default="", max_length=64)
    content_hash: str = Field(default="", max_length=64)
    chain_hash: str = Field(default="", max_length=64)


class Setting(SQLModel, table=True):
    """Remembered choices (last vacancy, reviewer)."""

    key: str = Field(primary_key=True, max_length=120)
    value: str = ""

"""Services about an applicant's facts: listing them with their sources, the chair's corrections (hand-made
facts kept in their own table, applied over the parsed facts at every merge) and reviewers' doubts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from jpo_tui.committee.rules import Action
from jpo_tui.services.acting import Done, Who, acting

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.core.records import ApplicantFacts, YearMonth
    from jpo_tui.store import models as m

_Entry = TypeVar("_Entry", "m.EducationEntry", "m.EmploymentEntry", "m.LanguageSkill", "m.FactCorrection",
                 "m.Document", "m.FactFlag")


@dataclass(frozen=True)
class FactLine:
    """One fact as shown: its field name (what ``correct`` takes), its value and where it came from."""

    field: str
    value: str
    source: str  # "documents" or "hand-made by NAME: REASON"


@dataclass(frozen=True)
class FactsView:
    key: str
    lines: tuple[FactLine, ...]
    documents: tuple[str, ...]  # "kind: file" of each stored document
    warnings: tuple[str, ...]
    flags: tuple[str, ...]  # open doubts: "field: note (by NAME)"


@dataclass(frozen=True)
class Doubt:
    applicant_key: str
    field: str
    note: str
    by: str


def _ym(v: YearMonth | None) -> str:
    return v.iso() if v is not None else "?"


def _lines(facts: ApplicantFacts, hand: dict[str, str]) -> list[FactLine]:
    def line(field: str, value: str, group: str = "") -> FactLine:
        src = hand.get(field) or hand.get(group) or "documents"
        return FactLine(field, value, src)

    out = [
        line("name", facts.name), line("family_name", facts.family_name), line("first_name", facts.first_name),
        line("date_of_birth", facts.date_of_birth.isoformat() if facts.date_of_birth else ""),
        line("nationality", facts.nationality or facts.nationality_raw), line("email", facts.email),
    ]
    for lang in facts.languages:
        out.append(line(f"language.{lang.language}", "mother tongue" if lang.mother_tongue else lang.level))
    for i, e in enumerate(facts.education, 1):
        to = "ongoing" if e.ongoing and e.end is None else _ym(e.end)
        out.append(line(f"education.{i}", f"{_ym(e.start)}..{to} {e.level}: {e.degree}, {e.institution}".strip(),
                        "education.add"))
    for i, job in enumerate(facts.employment, 1):
        to = "present" if job.present else _ym(job.end)
        kind = " (internship)" if job.internship else ""
        out.append(line(f"employment.{i}", f"{_ym(job.start)}..{to} {job.title}, {job.employer}{kind}",
                        "employment.add"))
    return out


def show_facts(engine: Engine, vacancy_id: str, who: Who, key: str) -> FactsView:
    """The applicant's facts as screened, each with its source (the documents, or a hand-made fact)."""
    from sqlmodel import col, select

    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.screening.rescreen import facts_from_rows
    from jpo_tui.store import models as m

    with acting(engine, vacancy_id, who, Action.OPEN_APPLICANT, write=False, applicant_key=key) as (session, _):
        applicant = applicant_by_key(session, vacancy_id, key)
        aid = applicant.id

        def rows(table: type[_Entry]) -> list[_Entry]:
            return list(session.exec(select(table).where(col(table.applicant_id) == aid)))

        facts, _excluded = facts_from_rows(applicant, rows(m.EducationEntry), rows(m.EmploymentEntry),
                                           rows(m.LanguageSkill))
        hand = {c.field: f"hand-made by {c.by}: {c.reason}" for c in rows(m.FactCorrection) if c.active}
        docs = tuple(f"{d.kind}: {d.file_path}" for d in rows(m.Document))
        flags = tuple(f"{f.field}: {f.note} (by {f.by})" for f in rows(m.FactFlag) if not f.resolved)
        warnings = tuple(str(f) for f in applicant.flags)
        return FactsView(key, tuple(_lines(facts, hand)), docs, warnings, flags)


def correct(engine: Engine, vacancy_id: str, who: Who, key: str, field: str, value: str, reason: str) -> Done:
    """The chair (or the single user) corrects, adds or removes a fact, with a reason: kept as a hand-made fact,
    audited (before, after, who, why) and the applicant re-screened at once. ValueError for a bad field/value."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core import corrections
    from jpo_tui.privacy import audit
    from jpo_tui.screening.rescreen import rescreen
    from jpo_tui.store import models as m
    from jpo_tui.store.writes import merged_facts, refresh_facts, stored_corrections

    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("a correction needs a reason (--reason TEXT)")
    field, checked = corrections.parse(field, value)  # before the transaction: a bad field costs nothing
    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        parsed = merged_facts(session, applicant)
        shown, _ = corrections.apply(parsed, stored_corrections(session, m.saved_id(applicant)))
        before = corrections.current(shown, field)
        target = corrections.target_of(shown, field)
        session.add(m.FactCorrection(applicant_id=m.saved_id(applicant), field=field,
                                     value={"value": checked, "target": target},
                                     parsed={"value": corrections.current(parsed, field)
                                             if target is None and not field.endswith(".add") else None},
                                     reason=reason, by=actor.name))
        session.flush()
        refresh_facts(session, applicant)
        rescreen(session, vacancy_id, applicant_ids=[m.saved_id(applicant)], matching=False)
        status = session.get(m.ScreeningResult, applicant.id)
        audit.record(session, actor.name, "correct_fact", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"{field}: {reason}", before={field: before}, after={field: checked})
        eligibility = status.status if status is not None else "unknown"
    return Done(f"{key}: {field} set to {corrections._show(checked)}; eligibility now {eligibility}")


def flag(engine: Engine, vacancy_id: str, who: Who, key: str, field: str, note: str) -> Done:
    """A member flags a fact as doubtful with a note; the chair sees it in :func:`doubts`."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core import corrections
    from jpo_tui.privacy import audit
    from jpo_tui.store import models as m

    note = " ".join(note.split())
    if not note:
        raise ValueError("say why the fact is doubtful (--note TEXT)")
    field = ".".join(p for p in corrections._split_field(field) if p)
    with acting(engine, vacancy_id, who, Action.FLAG_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        session.add(m.FactFlag(applicant_id=m.saved_id(applicant), field=field, note=note, by=actor.name))
        audit.record(session, actor.name, "flag_fact", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"{field}: {note}")
    return Done(f"{key}: {field} flagged as doubtful")


def doubts(engine: Engine, vacancy_id: str, who: Who) -> list[Doubt]:
    """The open doubts of the vacancy, oldest first (for the chair, who may correct them)."""
    from sqlmodel import col, select

    from jpo_tui.store import models as m

    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, write=False) as (session, _):
        rows = session.exec(select(m.FactFlag, m.Applicant.key).join(m.Applicant)
                            .where(m.Applicant.vacancy_id == vacancy_id, m.FactFlag.resolved == False)  # noqa: E712
                            .order_by(col(m.FactFlag.id)))
        return [Doubt(key, f.field, f.note, f.by) for f, key in rows]

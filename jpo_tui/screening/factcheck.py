"""Reading one applicant's facts as the committee checks them: each with its evidence (or who typed it), the
corrections with the value they replaced, the open and resolved doubts, where documents disagree, the quality
notes and, for an application nothing could be read from, the facts still to be entered by hand.

Used by the services (the screens and the CLI) and by the JSON export: one copy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from jpo_tui.core.consistency import Disagreement, disagreements
from jpo_tui.core.corrections import _split_field, identity
from jpo_tui.core.factstore import facts_from_dict
from jpo_tui.core.records import DEGREE_RANK, ApplicantFacts
from jpo_tui.screening.provenance import Evidence, Source, evidence_for, source_of, typed
from jpo_tui.screening.quality import quality_notes
from jpo_tui.store import models as m

_PRIORITY = {"p11": 0, "cv": 1, "cover_letter": 2, "other": 3}
# The P11 facts without which eligibility cannot be screened: an application nothing could be read from waits
# (is not assigned to reviewers) until a member has entered them.
REQUIRED = ("name", "date_of_birth", "nationality", "highest_degree", "languages")
# Which facts each eligibility rule reads (rule name -> fields as ``correct`` names them).
RULE_FACTS = {"age": ("date_of_birth",), "nationality": ("nationality",), "degree": ("education",),
              "studies": ("education", "nationality"), "experience": ("employment",), "languages": ("language",)}


@dataclass(frozen=True)
class CorrectionRecord:
    id: int
    field: str
    value: object
    original: object  # what the documents said (None: an added entry, or not recorded)
    by: str
    at: str
    reason: str
    manual: bool
    active: bool
    withdrawn: str  # "by NAME at WHEN: REASON" ("" while active)

    def to_dict(self) -> dict:
        return {"id": self.id, "field": self.field, "value": self.value, "original": self.original, "by": self.by,
                "at": self.at, "reason": self.reason, "entered_by_hand": self.manual, "active": self.active,
                "withdrawn": self.withdrawn}


@dataclass(frozen=True)
class DoubtRecord:
    id: int
    field: str
    note: str
    by: str
    at: str
    resolved: bool
    resolution: str  # "NAME: NOTE" once resolved


@dataclass
class FactsRecord:
    """One applicant's facts as screened and everything needed to check them."""

    facts: ApplicantFacts
    evidence: dict
    corrections: list[CorrectionRecord] = field(default_factory=list)
    doubts: list[DoubtRecord] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    quality: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # REQUIRED facts not yet entered (unreadable applications)


def _rows(session: Session, table: type, aid: int) -> list:
    return list(session.exec(select(table).where(table.applicant_id == aid).order_by(table.id)))  # type: ignore[attr-defined]


def stored_facts(session: Session, applicant: m.Applicant) -> ApplicantFacts:
    """The facts as screened (documents merged, hand-made facts applied), read from the applicant's rows."""
    from jpo_tui.screening.rescreen import facts_from_rows

    aid = applicant.id
    assert aid is not None
    facts, _ = facts_from_rows(applicant, _rows(session, m.EducationEntry, aid), _rows(session, m.EmploymentEntry, aid),
                               _rows(session, m.LanguageSkill, aid))
    return facts


def missing_facts(facts: ApplicantFacts) -> list[str]:
    """The REQUIRED facts ``facts`` lacks."""
    have = {"name": bool(facts.name), "date_of_birth": facts.date_of_birth is not None,
            "nationality": bool(facts.nationality or facts.nationality_raw),
            "highest_degree": any(DEGREE_RANK.get(e.level, 0) > 0 for e in facts.education),
            "languages": bool(facts.languages)}
    return [name for name in REQUIRED if not have[name]]


def _read_nothing(facts: Iterable[dict]) -> bool:
    """No document gave a fact (every one a scan, refused or empty): ``facts`` are the documents' parsed facts."""
    for data in facts:
        parsed = facts_from_dict(data)
        if parsed is not None and (parsed.name or parsed.date_of_birth or parsed.education or parsed.employment
                                   or parsed.languages or parsed.nationality):
            return False
    return True


def waiting_for_data(session: Session, vacancy_id: str) -> dict[int, list[str]]:
    """Applicant id -> the facts still to enter, for applications nothing could be read from and whose facts are
    not complete (they are not assigned to reviewers until they are)."""
    flags = {aid: list(f or []) for aid, f in session.exec(
        select(m.Applicant.id, m.Applicant.flags).where(m.Applicant.vacancy_id == vacancy_id)) if aid is not None}
    if not flags:
        return {}
    from sqlalchemy import func

    # applicant id -> whether any of its documents holds text (one row per applicant, counted in the database)
    has_text = {aid: bool(longest) for aid, longest in session.exec(
        select(m.Document.applicant_id, func.max(func.length(m.Document.text)))
        .join(m.Applicant, col(m.Applicant.id) == m.Document.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy_id).group_by(col(m.Document.applicant_id)))}
    from jpo_tui.store.writes import NO_READABLE_DOCUMENT

    out: dict[int, list[str]] = {}
    for aid, applicant_flags in flags.items():
        if aid not in has_text and NO_READABLE_DOCUMENT not in applicant_flags:
            continue  # made by hand (not imported): nothing to wait for
        if has_text.get(aid):
            continue  # something was read: its gaps are doubts, not data to enter
        applicant = session.get(m.Applicant, aid)
        if applicant is None:
            continue
        missing = missing_facts(stored_facts(session, applicant))
        if missing:
            out[aid] = missing
    return out


def _when(value: object) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""  # type: ignore[attr-defined]


def corrections_of(session: Session, aid: int) -> list[CorrectionRecord]:
    """Every correction of the applicant, withdrawn ones too, oldest first."""
    out = []
    for c in _rows(session, m.FactCorrection, aid):
        withdrawn = "" if c.active else f"by {c.withdrawn_by} at {_when(c.withdrawn_at)}: {c.withdrawn_reason}"
        out.append(CorrectionRecord(c.id, c.field, c.value.get("value"), c.parsed.get("value"), c.by, _when(c.at),
                                    c.reason, c.manual, c.active, withdrawn))
    return out


def _hand_evidence(evidence: dict, facts: ApplicantFacts, parsed: ApplicantFacts,
                   corrections: list[CorrectionRecord]) -> None:
    """Replace the evidence of facts a member typed by who typed it (the latest active correction wins)."""
    for c in corrections:
        if not c.active:
            continue
        group, which, _ = _split_field(c.field)
        mark = typed(c.by, manual=c.manual)
        if group in ("name", "family_name", "first_name"):
            evidence["name"] = mark
        elif group in ("date_of_birth", "nationality", "email"):
            evidence[group] = mark
        elif group == "language":
            for name in list(evidence["languages"]):
                if name.casefold() == which.casefold():
                    evidence["languages"][name] = mark
    for group in ("employment", "education"):
        known = [identity(e) for e in getattr(parsed, group)]
        by = next((c for c in reversed(corrections) if c.active and c.field.startswith(group)), None)
        for i, entry in enumerate(getattr(facts, group)):
            if identity(entry) not in known and by is not None and i < len(evidence[group]):
                evidence[group][i] = typed(by.by, manual=by.manual)
    if any(c.active and c.field == "highest_degree" for c in corrections):
        c = next(c for c in reversed(corrections) if c.active and c.field == "highest_degree")
        for i, entry in enumerate(facts.education):
            if entry.level == c.value and i < len(evidence["education"]):
                evidence["education"][i] = typed(c.by, manual=c.manual)


def facts_record(session: Session, applicant: m.Applicant, *, quality: bool = True) -> FactsRecord:
    """Everything about one applicant's facts (see the module's docstring)."""
    from jpo_tui.store.writes import merged_facts

    aid = applicant.id
    assert aid is not None
    docs = sorted(_rows(session, m.Document, aid), key=lambda d: (_PRIORITY.get(d.kind, 3), d.id))
    sources: list[Source] = [source_of(d.file_path, d.kind, d.layout, d.pages, d.text, d.flags) for d in docs]
    facts = stored_facts(session, applicant)
    parsed = merged_facts(session, applicant)
    evidence = evidence_for(facts, sources)
    corrections = corrections_of(session, aid)
    _hand_evidence(evidence, facts, parsed, corrections)
    doubts = [DoubtRecord(f.id, f.field, f.note, f.by, _when(f.at), f.resolved,
                          f"{f.resolved_by}: {f.resolution}" if f.resolved else "")
              for f in _rows(session, m.FactFlag, aid)]
    per_doc = [(d.file_path, f) for d in docs if d.kind in ("p11", "cv", "cover_letter")
               and (f := facts_from_dict(d.facts)) is not None]
    notes: list[str] = []
    if quality:
        criteria = list(session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == applicant.vacancy_id)
                                     .order_by(col(m.Criterion.position))))
        hit = set(session.exec(select(m.Hit.criterion_id).where(m.Hit.applicant_id == aid).distinct()))
        missing_crit = [c.name for c in criteria if c.id not in hit]
        notes = quality_notes(facts, [d.text for d in docs if d.kind in ("cv", "cover_letter")],
                              missing_crit, {c.name: list(c.keywords) for c in criteria})
    from jpo_tui.store.writes import NO_READABLE_DOCUMENT

    unread = _read_nothing(d.facts for d in docs) and (bool(docs) or NO_READABLE_DOCUMENT in (applicant.flags or []))
    missing = missing_facts(facts) if unread else []
    return FactsRecord(facts, evidence, corrections, doubts, disagreements(per_doc), notes, missing)


def _ev(value: Evidence | None) -> dict | None:
    return value.to_dict() if value is not None else None


def provenance_dict(record: FactsRecord) -> dict:
    """The export's ``provenance`` of one applicant: the evidence of every fact (JSON-safe)."""
    ev = record.evidence
    return {
        "name": _ev(ev["name"]), "date_of_birth": _ev(ev["date_of_birth"]),
        "nationality": _ev(ev["nationality"]), "email": _ev(ev["email"]),
        "languages": {k: _ev(v) for k, v in ev["languages"].items()},
        "education": [_ev(x) for x in ev["education"]],
        "employment": [_ev(x) for x in ev["employment"]],
    }

"""Services about an applicant's facts: listing them with their sources, the chair's corrections (hand-made
facts kept in their own table, applied over the parsed facts at every merge) and reviewers' doubts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from jpo_tui.committee.rules import Action
from jpo_tui.services.acting import Done, Who, acting

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.core.records import YearMonth
    from jpo_tui.store import models as m

_Entry = TypeVar("_Entry", "m.EducationEntry", "m.EmploymentEntry", "m.LanguageSkill", "m.FactCorrection",
                 "m.Document", "m.FactFlag")


@dataclass(frozen=True)
class FactLine:
    """One fact as shown: its field name (what ``correct`` takes), its value, where it came from and its
    evidence (document, page, the text it was read from, how it was read; or who typed it)."""

    field: str
    value: str
    source: str  # "documents" or "hand-made by NAME: REASON"
    evidence: str = ""


@dataclass(frozen=True)
class RuleLine:
    """One eligibility rule with its outcome and the facts it read."""

    rule: str
    status: str  # pass | fail | review
    sentence: str
    overridden: bool
    facts: str  # "date_of_birth = 1980-05-01 (typed by sam)"


@dataclass(frozen=True)
class FactsView:
    key: str
    lines: tuple[FactLine, ...]
    documents: tuple[str, ...]  # "kind: file" of each stored document
    warnings: tuple[str, ...]
    flags: tuple[str, ...]  # open doubts: "field: note (by NAME)"
    status: str = "review"  # eligibility
    rules: tuple[RuleLine, ...] = ()
    corrections: tuple = ()  # store.facts_read.CorrectionRecord, oldest first (withdrawn ones too)
    doubts: tuple = ()  # store.facts_read.DoubtRecord, oldest first (resolved ones too)
    disagreements: tuple[str, ...] = ()  # where the P11, the CV and the letter disagree, both values and sources
    quality: tuple[str, ...] = ()  # notes for reviewers, never a score
    missing: tuple[str, ...] = ()  # facts still to enter by hand (the applicant waits: not assigned)
    withdrawn: str = ""  # "withdrawn as a duplicate of KEY" once the chair decided so


@dataclass(frozen=True)
class Doubt:
    applicant_key: str
    field: str
    note: str
    by: str
    id: int = 0


def _ym(v: YearMonth | None) -> str:
    return v.iso() if v is not None else "?"


def _evidence_line(evidence: object) -> str:
    return evidence.line() if evidence is not None else ""  # type: ignore[attr-defined]


def _lines(facts, hand: dict[str, str], ev: dict | None = None) -> list[FactLine]:  # noqa: ANN001 - ApplicantFacts
    ev = ev or {"languages": {}, "education": [], "employment": []}

    def line(field: str, value: str, group: str = "", evidence: object = None) -> FactLine:
        src = hand.get(field) or hand.get(group) or "documents"
        return FactLine(field, value, src, _evidence_line(evidence) if value else "")

    def at(items: list, i: int) -> object:
        return items[i] if i < len(items) else None

    out = [
        line("name", facts.name, evidence=ev.get("name")), line("family_name", facts.family_name),
        line("first_name", facts.first_name),
        line("date_of_birth", facts.date_of_birth.isoformat() if facts.date_of_birth else "",
             evidence=ev.get("date_of_birth")),
        line("nationality", facts.nationality or facts.nationality_raw, evidence=ev.get("nationality")),
        line("email", facts.email, evidence=ev.get("email")),
    ]
    for lang in facts.languages:
        out.append(line(f"language.{lang.language}", "mother tongue" if lang.mother_tongue else lang.level,
                        evidence=ev["languages"].get(lang.language)))
    for i, e in enumerate(facts.education, 1):
        to = "ongoing" if e.ongoing and e.end is None else _ym(e.end)
        out.append(line(f"education.{i}", f"{_ym(e.start)}..{to} {e.level}: {e.degree}, {e.institution}".strip(),
                        "education.add", at(ev["education"], i - 1)))
    for i, e in enumerate(facts.employment, 1):
        to = "present" if e.present else _ym(e.end)
        kind = " (internship)" if e.internship else ""
        out.append(line(f"employment.{i}", f"{_ym(e.start)}..{to} {e.title}, {e.employer}{kind}", "employment.add",
                        at(ev["employment"], i - 1)))
    return out


def _rule_facts(rule: str, lines: list[FactLine]) -> str:
    from jpo_tui.screening.factcheck import RULE_FACTS

    wanted = RULE_FACTS.get(rule, ())
    shown = []
    for x in lines:
        if any(x.field == w or x.field.startswith(w + ".") for w in wanted):
            origin = "" if x.source == "documents" else f" ({x.source.split(':')[0]})"
            shown.append(f"{x.field} = {x.value or '-'}{origin}")
    return "; ".join(shown) if shown else ", ".join(wanted) + ": none"


def show_facts(engine: Engine, vacancy_id: str, who: Who, key: str) -> FactsView:
    """The applicant's facts as screened, each with its source (the documents, or a hand-made fact) and its
    evidence; the eligibility rules with the facts they read; corrections, doubts, disagreements between
    documents, quality notes and the facts still to enter by hand."""
    from sqlmodel import col, select

    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.screening.duplicates import withdrawn_keys
    from jpo_tui.screening.factcheck import facts_record
    from jpo_tui.store import models as m

    with acting(engine, vacancy_id, who, Action.OPEN_APPLICANT, write=False, applicant_key=key) as (session, _):
        applicant = applicant_by_key(session, vacancy_id, key)
        aid = applicant.id

        def rows(table: type[_Entry]) -> list[_Entry]:
            return list(session.exec(select(table).where(col(table.applicant_id) == aid)))

        record = facts_record(session, applicant)
        hand = {}
        for c in record.corrections:
            if c.active:
                group = c.field.split(".")[0]
                label = "entered by hand" if c.manual else "hand-made"
                text = f"{label} by {c.by}: {c.reason}"
                hand[c.field] = text
                if group in ("employment", "education") and c.field.count(".") == 2:
                    hand[".".join(c.field.split(".")[:2])] = text
        lines = _lines(record.facts, hand, record.evidence)
        docs = tuple(f"{d.kind}: {d.file_path}" for d in rows(m.Document))
        flags = tuple(f"{d.field}: {d.note} (by {d.by})" for d in record.doubts if not d.resolved)
        warnings = tuple(str(f) for f in applicant.flags)
        status = session.get(m.ScreeningResult, aid)
        rules = tuple(RuleLine(str(r.get("rule", "")), str(r.get("status", "review")), str(r.get("sentence", "")),
                               bool(r.get("overridden", False)), _rule_facts(str(r.get("rule", "")), lines))
                      for r in (status.rules if status else []) if isinstance(r, dict))
        kept = withdrawn_keys(session, vacancy_id).get(key)
        return FactsView(key, tuple(lines), docs, warnings, flags, status.status if status else "review", rules,
                         tuple(record.corrections), tuple(record.doubts),
                         tuple(x.line() for x in record.disagreements), tuple(record.quality),
                         tuple(record.missing), f"withdrawn as a duplicate of {kept}" if kept else "")


def _add_correction(session, applicant, actor_name: str, field: str, checked: object, reason: str,  # noqa: ANN001
                    *, manual: bool = False) -> object:
    """Store one correction of ``applicant`` (checked by ``corrections.parse``); returns the value before."""
    from jpo_tui.core import corrections
    from jpo_tui.store import models as m
    from jpo_tui.store.writes import merged_facts, stored_corrections

    parsed = merged_facts(session, applicant)
    shown, _ = corrections.apply(parsed, stored_corrections(session, applicant.id))
    before = corrections.current(shown, field)
    target = corrections.target_of(shown, field)
    session.add(m.FactCorrection(applicant_id=applicant.id, field=field, manual=manual,
                                 value={"value": checked, "target": target},
                                 parsed={"value": corrections.current(parsed, field)
                                         if target is None and not field.endswith(".add") else None},
                                 reason=reason, by=actor_name))
    session.flush()
    return before


def _rescreened(session, vacancy_id: str, applicant) -> str:  # noqa: ANN001
    """Re-merge the applicant's facts with the hand-made ones, re-screen them; the eligibility now."""
    from jpo_tui.screening.rescreen import rescreen
    from jpo_tui.store import models as m
    from jpo_tui.store.writes import refresh_facts

    refresh_facts(session, applicant)
    rescreen(session, vacancy_id, applicant_ids=[applicant.id], matching=False)
    status = session.get(m.ScreeningResult, applicant.id)
    return status.status if status is not None else "unknown"


def _reason(reason: str, what: str = "a correction needs a reason (--reason TEXT)") -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError(what)
    return reason


def correct(engine: Engine, vacancy_id: str, who: Who, key: str, field: str, value: str, reason: str) -> Done:
    """The chair (or the single user) corrects, adds or removes a fact, with a reason: kept as a hand-made fact,
    audited (before, after, who, why) and the applicant re-screened at once. ValueError for a bad field/value."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core import corrections
    from jpo_tui.privacy import audit

    reason = _reason(reason)
    field, checked = corrections.parse(field, value)  # before the transaction: a bad field costs nothing
    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        before = _add_correction(session, applicant, actor.name, field, checked, reason)
        eligibility = _rescreened(session, vacancy_id, applicant)
        audit.record(session, actor.name, "correct_fact", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"{field}: {reason}", before={field: before}, after={field: checked})
    return Done(f"{key}: {field} set to {corrections._show(checked)}; eligibility now {eligibility}")


def withdraw_correction(engine: Engine, vacancy_id: str, who: Who, key: str, correction_id: int,
                        reason: str) -> Done:
    """The chair withdraws a hand-made fact (with a reason): the documents' value (or an earlier correction)
    applies again, the applicant is re-screened; the correction stays on record, marked withdrawn."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core.errors import NotFound
    from jpo_tui.privacy import audit
    from jpo_tui.store import models as m

    reason = _reason(reason, "say why the correction is withdrawn")
    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        row = session.get(m.FactCorrection, correction_id)
        if row is None or row.applicant_id != applicant.id:
            raise NotFound(f"{key} has no correction {correction_id}")
        if not row.active:
            raise ValueError(f"{key}: the correction of {row.field} was already withdrawn")
        row.active, row.withdrawn_by, row.withdrawn_reason = False, actor.name, reason
        row.withdrawn_at = m.utcnow()
        session.add(row)
        session.flush()
        eligibility = _rescreened(session, vacancy_id, applicant)
        audit.record(session, actor.name, "withdraw_correction", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"{row.field}: {reason}", before={row.field: row.value.get("value")},
                     after={row.field: "withdrawn"})
    return Done(f"{key}: correction of {row.field} withdrawn; eligibility now {eligibility}")


# The P11 facts a member enters by hand for an application nothing could be read from, in the form's order.
ENTRY_FIELDS = (
    ("family_name", "Family name"), ("first_name", "First name(s)"), ("date_of_birth", "Date of birth (YYYY-MM-DD)"),
    ("nationality", "Nationality"), ("email", "E-mail"),
    ("education.add", "Highest degree: FROM..TO; LEVEL; DEGREE; INSTITUTION"),
    ("languages", "Languages: English fluent, French working, ..."),
    ("employment.add", "An employment entry: FROM..TO; TITLE; EMPLOYER[; internship]"),
)


def _language_values(text: str) -> list[tuple[str, str]]:
    """``English fluent, French mother tongue`` -> [(language.English, fluent), ...]; ValueError if unclear."""
    from jpo_tui.core import corrections

    out = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        words = part.split()
        for n in (2, 1):
            level = " ".join(words[-n:]).lower()
            if len(words) > n and level in (*corrections.LEVELS, "mother tongue"):
                out.append((f"language.{' '.join(words[:-n])}", level))
                break
        else:
            raise ValueError(f"languages: give LANGUAGE LEVEL (fluent, working, basic, mother tongue), not {part!r}")
    return out


def enter_facts(engine: Engine, vacancy_id: str, who: Who, key: str, values: dict[str, str], reason: str) -> Done:
    """The chair (or single user) types the P11's facts of an application nothing could be read from (a scan):
    each kept as a fact "entered by hand", audited, re-screened; the applicant is assigned to reviewers once the
    required facts are complete. Empty fields are left out; ValueError (one line) for a bad value."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core import corrections
    from jpo_tui.privacy import audit
    from jpo_tui.screening.factcheck import facts_record

    reason = _reason(reason, "say where the facts come from (e.g. the scanned P11, page 1)")
    checked: list[tuple[str, object]] = []
    for field, text in values.items():
        if not text.strip():
            continue
        if field == "languages":
            checked.extend(corrections.parse(f, v) for f, v in _language_values(text))
        else:
            checked.append(corrections.parse(field, text))
    if not checked:
        raise ValueError("nothing entered: fill in at least one fact")
    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        for field, value in checked:
            if field in ("family_name", "first_name"):
                continue
            _add_correction(session, applicant, actor.name, field, value, reason, manual=True)
        names = dict(checked)
        if "family_name" in names or "first_name" in names:
            for field in ("family_name", "first_name"):
                if field in names:
                    _add_correction(session, applicant, actor.name, field, names[field], reason, manual=True)
            if not applicant.name:
                full = " ".join(str(names[f]) for f in ("first_name", "family_name") if f in names)
                _add_correction(session, applicant, actor.name, "name", full, reason, manual=True)
        eligibility = _rescreened(session, vacancy_id, applicant)
        missing = facts_record(session, applicant, quality=False).missing
        audit.record(session, actor.name, "enter_facts", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"entered by hand: {', '.join(f for f, _ in checked)}: {reason}",
                     after={f: v for f, v in checked})
    waits = (f"; still to enter: {', '.join(missing)} (not assigned to reviewers until then)" if missing
             else "; complete: assigned to reviewers at the next assignment")
    return Done(f"{key}: {len(checked)} facts entered by hand; eligibility now {eligibility}{waits}")


def resolve_doubt(engine: Engine, vacancy_id: str, who: Who, key: str, doubt_id: int, note: str) -> Done:
    """The chair marks a reviewer's doubt resolved, with a note (audited); it leaves the queue."""
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.core.errors import NotFound
    from jpo_tui.privacy import audit
    from jpo_tui.store import models as m

    note = _reason(note, "say how the doubt was resolved (--note TEXT)")
    with acting(engine, vacancy_id, who, Action.CORRECT_FACT, applicant_key=key) as (session, actor):
        applicant = applicant_by_key(session, vacancy_id, key)
        row = session.get(m.FactFlag, doubt_id)
        if row is None or row.applicant_id != applicant.id:
            raise NotFound(f"{key} has no doubt {doubt_id}")
        if row.resolved:
            raise ValueError(f"{key}: the doubt about {row.field} is already resolved")
        row.resolved, row.resolution, row.resolved_by, row.resolved_at = True, note, actor.name, m.utcnow()
        session.add(row)
        audit.record(session, actor.name, "resolve_doubt", vacancy_id=vacancy_id, applicant_key=key,
                     detail=f"{row.field}: {note}", before={row.field: row.note}, after={row.field: "resolved"})
    return Done(f"{key}: doubt about {row.field} resolved")


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
        return [Doubt(key, f.field, f.note, f.by, f.id or 0) for f, key in rows]


@dataclass(frozen=True)
class DuplicatePair:
    """Two applications that may be one person, why, and the chair's decision ("" while open)."""

    key_a: str
    key_b: str
    name_a: str
    name_b: str
    why: str
    decision: str  # "" | same | different
    kept: str
    reason: str
    by: str


def duplicates(engine: Engine, vacancy_id: str, who: Who) -> list[DuplicatePair]:
    """The suspected pairs of the vacancy with their reason and the chair's decision (open ones first)."""
    from sqlmodel import select

    from jpo_tui.screening.duplicates import decisions, suspected_pairs
    from jpo_tui.store import models as m

    with acting(engine, vacancy_id, who, Action.DECIDE_DUPLICATE, write=False) as (session, _):
        decided = decisions(session, vacancy_id)
        names = dict(session.exec(select(m.Applicant.key, m.Applicant.name)
                                  .where(m.Applicant.vacancy_id == vacancy_id)).all())
        out = []
        for a, b, why in suspected_pairs(session, vacancy_id):
            d = decided.get((a, b))
            out.append(DuplicatePair(a, b, names.get(a, ""), names.get(b, ""), why, d.decision if d else "",
                                     d.kept if d else "", d.reason if d else "", d.by if d else ""))
        return sorted(out, key=lambda p: (bool(p.decision), p.key_a, p.key_b))


def decide_duplicate(engine: Engine, vacancy_id: str, who: Who, key_a: str, key_b: str, decision: str,
                     reason: str, kept: str = "") -> Done:
    """The chair decides on a pair: ``same`` person (``kept`` is the application kept, the other is withdrawn:
    not assigned to reviewers) or ``different`` people (dismissed). Kept by key, so it survives re-imports;
    a new decision on the pair replaces the old one; audited."""
    from sqlmodel import select

    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.privacy import audit
    from jpo_tui.screening.duplicates import pair_key
    from jpo_tui.store import models as m

    reason = _reason(reason, "a decision on duplicates needs a reason")
    if decision not in ("same", "different"):
        raise ValueError(f"decide 'same' or 'different', not {decision!r}")
    a, b = pair_key(key_a, key_b)
    if a == b:
        raise ValueError("a duplicate pair is two different applications")
    if decision == "same" and kept not in (a, b):
        raise ValueError(f"the same person: say which application is kept ({a} or {b})")
    with acting(engine, vacancy_id, who, Action.DECIDE_DUPLICATE) as (session, actor):
        applicant_by_key(session, vacancy_id, a)
        applicant_by_key(session, vacancy_id, b)
        row = session.exec(select(m.DuplicateDecision).where(
            m.DuplicateDecision.vacancy_id == vacancy_id, m.DuplicateDecision.key_a == a,
            m.DuplicateDecision.key_b == b)).first()
        before = f"{row.decision} {row.kept}".strip() if row is not None else ""
        if row is None:
            row = m.DuplicateDecision(vacancy_id=vacancy_id, key_a=a, key_b=b, decision=decision, by=actor.name)
        row.decision, row.kept, row.reason, row.by, row.at = (decision, kept if decision == "same" else "", reason,
                                                              actor.name, m.utcnow())
        session.add(row)
        gone = b if kept == a else a
        said = f"the same person: {kept} kept, {gone} withdrawn" if decision == "same" else "different people"
        audit.record(session, actor.name, "decide_duplicate", vacancy_id=vacancy_id, applicant_key=gone
                     if decision == "same" else a, detail=f"{a} / {b}: {said}: {reason}", before=before,
                     after=f"{decision} {row.kept}".strip())
    return Done(f"{a} / {b}: {said}")

"""The committee report (Markdown or HTML) rendered from jinja2 templates in ``jpo_tui/templates``.

Text from applicants and reviewers is escaped: HTML by autoescaping, Markdown by backslash-escaping the
characters that make tables, links, emphasis or raw HTML.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from jpo_tui.committee.aggregate import Ranking
from jpo_tui.committee.assignments import progress
from jpo_tui.committee.decisions import slots
from jpo_tui.committee.members import ConflictView, Member
from jpo_tui.core.vacancy import rules_summary
from jpo_tui.exports.json_export import pseudonym
from jpo_tui.exports.json_export import scrub as scrub_text
from jpo_tui.privacy.identifiers import birth_date_forms
from jpo_tui.store import models as m

if TYPE_CHECKING:
    from jinja2 import Environment

CONFLICTED = "conflict of interest declared"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(value: Any) -> str:
    """Text safe inside a Markdown table cell: one line, special characters escaped."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def fmt_num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _environment(fmt: str) -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("jpo_tui.exports", "templates"), autoescape=fmt == "html",
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["num"] = fmt_num
    return env


def _keep(_applicant_id: int, value: Any) -> Any:
    return value


def report_context(session: Session, vacancy: m.Vacancy, viewer: Member, table: Ranking, pseudonymise: bool,
                   conflict_list: list[ConflictView],
                   scrub: Callable[[int, Any], Any] = _keep) -> dict[str, Any]:
    """Everything the templates show, as plain values (``scrub`` pseudonymises free text about an applicant)."""
    crit_names = list(session.exec(select(m.Criterion.name).where(m.Criterion.vacancy_id == vacancy.id)
                                   .order_by(col(m.Criterion.position))))
    screening = {s.applicant_id: s for s in session.exec(
        select(m.ScreeningResult).join(m.Applicant, col(m.Applicant.id) == m.ScreeningResult.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy.id))}
    decisions = {d.applicant_id: d for d in session.exec(
        select(m.Decision).join(m.Applicant, col(m.Applicant.id) == m.Decision.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy.id))}
    state = session.get(m.VacancyState, vacancy.id)

    def name(row: Any) -> str:
        return pseudonym(row.key) if pseudonymise else row.name

    slot_by_id = {s.applicant_id: s for s in slots(session, vacancy.id)}
    rows = [{"rank": r.rank, "key": r.key, "name": name(r), "eligibility": r.eligibility, "decision": r.decision,
             "aggregate": r.aggregate, "normalised": r.normalised, "spread": r.spread, "reviews": r.reviews,
             "discuss": r.disagreement, "note": scrub(r.applicant_id, r.override or r.tie_break or r.hidden_reason),
             "slot": (f"{slot_by_id[r.applicant_id].start:%Y-%m-%d %H:%M} {slot_by_id[r.applicant_id].tz}"
                      if r.applicant_id in slot_by_id else "")}
            for r in table.rows]
    per_criterion = []
    for crit in crit_names:
        lines = []
        for r in table.rows:
            values = [v for t in r.totals if t.submitted and (v := t.scores.get(crit)) is not None]
            if not r.visible or not values:
                continue
            lines.append({"key": r.key, "name": name(r), "mean": statistics.fmean(values), "min": min(values),
                          "max": max(values), "n": len(values),
                          "by": ", ".join(f"{t.reviewer} {t.scores.get(crit)}" for t in r.totals
                                          if t.submitted and t.scores.get(crit) is not None)})
        per_criterion.append({"name": crit, "rows": lines})
    born = dict(session.exec(select(col(m.Applicant.id), col(m.Applicant.date_of_birth))
                             .where(m.Applicant.vacancy_id == vacancy.id)).all())
    not_retained = []
    for r in table.rows:
        if r.decision == "short_list":
            continue
        if not r.name and r.hidden_reason == CONFLICTED:  # a conflicted viewer: the key and the conflict only
            not_retained.append({"key": r.key, "name": "", "eligibility": "", "reasons": [CONFLICTED],
                                 "decision": "", "decision_reason": ""})
            continue
        s = screening.get(r.applicant_id)
        d = decisions.get(r.applicant_id)
        # The reasons name the rule and the age, never the birth date (the report circulates in the committee).
        dob = born.get(r.applicant_id)
        reasons = list(s.reasons) if s else ["not screened"]
        if dob is not None:
            reasons = scrub_text(reasons, sorted(birth_date_forms(dob), key=len, reverse=True), "[birth date]")
        not_retained.append({"key": r.key, "name": name(r), "eligibility": r.eligibility,
                             "reasons": scrub(r.applicant_id, reasons),
                             "decision": r.decision or "undecided",
                             "decision_reason": scrub(r.applicant_id, d.reason if d else "")})
    return {
        "vacancy": vacancy, "rules": rules_summary(vacancy.eligibility),
        "rule_sources": list(vacancy.eligibility.get("profile_sources", [])), "viewer": viewer.name, "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "method": table.method, "threshold": table.threshold, "locked": bool(state and state.locked),
        "locked_by": state.locked_by if state else "", "criteria": crit_names,
        "members": progress(session, vacancy.id), "shortlist": [r for r in rows if r["decision"] == "short_list"],
        "ranking": rows, "discuss": [r for r in rows if r["discuss"]], "per_criterion": per_criterion,
        "not_retained": not_retained, "pseudonymised": pseudonymise,
        "conflicts": [replace(c, reason=scrub(c.applicant_id, c.reason)) for c in conflict_list],
    }


def render_report(session: Session, vacancy: m.Vacancy, viewer: Member, table: Ranking, fmt: str,
                  pseudonymise: bool, conflict_list: list[ConflictView],
                  scrub: Callable[[int, Any], Any] = _keep) -> str:
    """The report as Markdown (``fmt="md"``) or HTML (``fmt="html"``)."""
    context = report_context(session, vacancy, viewer, table, pseudonymise, conflict_list, scrub)
    return _environment(fmt).get_template(f"report.{fmt}.j2").render(**context)

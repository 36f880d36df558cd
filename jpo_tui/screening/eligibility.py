"""Eligibility of one applicant for one vacancy: five small rules, each pass / fail / review with a sentence, and a
sixth (``studies``: part of a DCC candidate's training in a developing country) when the vacancy asks it.

No UI, no database: rules read an ``ApplicantFacts`` and the vacancy's ``EligibilitySpec`` (its donor profile and
overrides already merged by ``jpo_tui.core.vacancy``). Missing or ambiguous data gives "review", never a silent
guess. A chair's override replaces one rule's status and says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple, cast

from jpo_tui.core.countries import ambiguous_country, canonical_country, split_countries
from jpo_tui.core.languages import canonical_language
from jpo_tui.core.records import DEGREE_RANK, ApplicantFacts, EducationEntry, YearMonth
from jpo_tui.core.vacancy import VacancySpec
from jpo_tui.screening.experience import experience_breakdown

RuleStatus = Literal["pass", "fail", "review"]
RULES = ("age", "degree", "experience", "nationality", "languages")
STUDIES_RULE = "studies"  # only when the vacancy asks part of a DCC candidate's studies in a developing country
ALL_RULES = (*RULES, STUDIES_RULE)
LEVEL_RANK = {"basic": 1, "working": 2, "fluent": 3}
MIN_PLAUSIBLE_AGE = 15


class Override(NamedTuple):
    """A chair's decision on one rule for one applicant, as stored ("pass" or "fail": apply_override checks)."""

    status: str
    reason: str
    by: str


@dataclass(frozen=True)
class RuleResult:
    rule: str
    status: RuleStatus
    sentence: str
    overridden: bool = False


@dataclass(frozen=True)
class EligibilityOutcome:
    status: Literal["eligible", "ineligible", "review"]
    failed: list[str]
    reasons: list[str]
    rules: list[RuleResult]
    age: int | None
    highest_degree: str
    experience_months: float
    language_levels: dict[str, str] = field(default_factory=dict)

    def rule(self, name: str) -> RuleResult:
        """The result of one rule by name."""
        return next(r for r in self.rules if r.rule == name)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        data = asdict(self)
        data["rules"] = [asdict(r) for r in self.rules]
        return data


def fmt_date(d: date) -> str:
    """12 Aug 1993."""
    return f"{d.day} {d.strftime('%b')} {d.year}"


def fmt_months(months: float) -> str:
    return f"{months:g} month" + ("" if months == 1 else "s")


# ---------------------------------------------------------------------------------------------- age


def age_on_31_december(born: date, year: int) -> int:
    """Age reached by 31 December of ``year`` (every birthday of the year has passed by then)."""
    return year - born.year


def age_on(born: date, day: date) -> int:
    """Age in whole years on ``day`` (a birthday on that day counts; 29 February turns on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_for(born: date, call_year: int, deadline: date, reference: str) -> int:
    """The age the vacancy's age rule reads: on 31 December of the call year, or on the deadline."""
    return age_on(born, deadline) if reference == "deadline" else age_on_31_december(born, call_year)


def rule_age(facts: ApplicantFacts, call_year: int, max_age: int, *, reference: str = "31-december",
             limit: str = "or-younger", deadline: date | None = None) -> RuleResult:
    """Age against the limit: "N or younger" (age <= N) or "under N" (age < N), on 31 December or the deadline."""
    if facts.date_of_birth is None:
        return RuleResult("age", "review", "Age: no date of birth found; check the documents")
    on_day = deadline if reference == "deadline" else None
    on_deadline = on_day is not None
    age = age_on(facts.date_of_birth, on_day) if on_day is not None else age_on_31_december(facts.date_of_birth,
                                                                                            call_year)
    when = f"on {fmt_date(deadline)} (the deadline)" if on_deadline and deadline else f"on 31 Dec {call_year}"
    head = f"Age {age} {when} (born {fmt_date(facts.date_of_birth)})"
    if age < MIN_PLAUSIBLE_AGE:
        return RuleResult("age", "review", f"{head}: implausible, the date of birth was probably misread")
    ok = age < max_age if limit == "under" else age <= max_age
    bound = f"under {max_age}" if limit == "under" else f"{max_age} or younger"
    if not ok:
        if limit == "under":
            return RuleResult("age", "fail", f"{head}: not {bound}")
        return RuleResult("age", "fail", f"{head}: over the limit of {max_age}")
    if limit == "under":
        return RuleResult("age", "pass", f"{head}: {bound}")
    return RuleResult("age", "pass", f"{head}: within the limit of {max_age}")


# ------------------------------------------------------------------------------------------- degree


def _deadline_ym(deadline: date) -> YearMonth:
    return YearMonth(deadline.year, deadline.month)


def completion(entry: EducationEntry, deadline: date) -> Literal["done", "not_done", "unclear"]:
    """Whether a degree was completed by the deadline."""
    if entry.ongoing:
        return "not_done"
    if entry.end is None:
        return "unclear"
    if entry.end.approximate:
        if entry.end.year < deadline.year:
            return "done"
        return "not_done" if entry.end.year > deadline.year else "unclear"
    return "done" if entry.end.index() <= _deadline_ym(deadline).index() else "not_done"


def highest_degree(education: list[EducationEntry], deadline: date) -> str:
    """bachelor | master | doctorate | none, counting only degrees completed by the deadline."""
    best = "none"
    for entry in education:
        if entry.level in ("bachelor", "master", "doctorate") and completion(entry, deadline) == "done" and (
            best == "none" or DEGREE_RANK[entry.level] > DEGREE_RANK[best]
        ):
            best = entry.level
    return best


def _unclear_degrees(education: list[EducationEntry], deadline: date, above: str) -> list[str]:
    """Degrees that might lift the applicant above ``above`` if a person read them (level or date unclear)."""
    unclear = []
    floor = DEGREE_RANK.get(above, 0)
    for entry in education:
        status = completion(entry, deadline)
        if status == "not_done":
            continue
        label = entry.degree or entry.institution or "a degree"
        if entry.level == "unknown" and (entry.degree or entry.institution):
            unclear.append(f"level of '{label}' unclear")
        elif status == "unclear" and DEGREE_RANK.get(entry.level, 0) > floor:
            unclear.append(f"completion date of '{label}' unclear")
    return unclear


def rule_degree(facts: ApplicantFacts, deadline: date, min_degree: str, bachelor_extra_months: float,
                base_months: float) -> RuleResult:
    best = highest_degree(facts.education, deadline)
    need = DEGREE_RANK[min_degree]
    by = fmt_date(deadline)
    if best != "none" and DEGREE_RANK[best] >= need:
        return RuleResult("degree", "pass", f"Degree: {best} completed by {by} (at least {min_degree} required)")
    unclear = _unclear_degrees(facts.education, deadline, best)
    bachelor_route = min_degree == "master" and best == "bachelor"
    if bachelor_route and not unclear:
        total = base_months + bachelor_extra_months
        return RuleResult("degree", "pass", f"Degree: bachelor completed by {by}, accepted with "
                          f"{fmt_months(total)} of experience instead of {fmt_months(base_months)} "
                          f"(see experience)")
    if unclear:
        return RuleResult("degree", "review", f"Degree: highest clear degree {best}; " + "; ".join(unclear))
    if not facts.education:
        return RuleResult("degree", "review", "Degree: no education found; check the documents")
    return RuleResult("degree", "fail", f"Degree: highest completed by {by} is {best}, "
                      f"{min_degree} required" + (" (or bachelor with extra experience)"
                                                  if min_degree == "master" else ""))


# --------------------------------------------------------------------------------------- experience


def rule_experience(facts: ApplicantFacts, deadline: date, required_months: float, weight: float,
                    excluded: Collection[int] = (), for_bachelor: bool = False) -> tuple[RuleResult, float]:
    b = experience_breakdown(facts.employment, deadline, weight, excluded)
    pct = f"{weight * 100:g}%"
    head = f"Experience {fmt_months(b.months)} by {fmt_date(deadline)} (internships at {pct})"
    need = f"the required {fmt_months(required_months)}" + (" for a bachelor" if for_bachelor else "")
    notes = []
    if b.excluded:
        notes.append(f"{len(b.excluded)} entr{'y' if len(b.excluded) == 1 else 'ies'} marked not relevant")
    tail = f" ({'; '.join(notes)})" if notes else ""
    if b.low >= required_months:
        return RuleResult("experience", "pass", f"{head}: meets {need}{tail}"), b.months
    if b.undated:
        n = len(b.undated)
        return RuleResult("experience", "review", f"{head}: below {need}, but {n} "
                          f"entr{'y has' if n == 1 else 'ies have'} unreadable dates{tail}"), b.months
    if b.high >= required_months:
        return RuleResult("experience", "review", f"{head}: between {fmt_months(b.low)} and "
                          f"{fmt_months(b.high)} because some dates give only the year; {need}{tail}"), b.months
    if not facts.employment:
        return RuleResult("experience", "fail", f"{head}: no employment listed; below {need}"), b.months
    return RuleResult("experience", "fail", f"{head}: below {need}{tail}"), b.months


# -------------------------------------------------------------------------------------- nationality


def _nationality_names(written: str, known: set[str]) -> tuple[list[str], list[str], list[str]]:
    """(countries recognised, ambiguous spellings explained, unrecognised parts) of a nationality field."""
    unknown: list[str] = []
    ambiguous: list[str] = []
    names: list[str] = []
    for part in split_countries(written):
        if ambiguous_country(part):
            ambiguous.append(f"'{part}' could be {' or '.join(ambiguous_country(part))}")
            continue
        name = canonical_country(part)
        if name is None:
            if part.casefold() in known:
                name = part
            else:
                unknown.append(part)
                continue
        names.append(name)
    return names, ambiguous, unknown


def rule_nationality(facts: ApplicantFacts, donors: tuple[str, ...], dcc: tuple[str, ...], *,
                     reserved: bool = False, dcc_name: str = "") -> RuleResult:
    """Donor or DCC nationality; when the post is ``reserved`` for DCC, only a DCC nationality passes.

    ``dcc_name`` names the DCC list(s) in the sentence ("Belgian partner countries ...").
    """
    written = facts.nationality or facts.nationality_raw
    if not written.strip():
        return RuleResult("nationality", "review", "Nationality: none found; check the documents")
    donor_set = set() if reserved else {canonical_country(c) or c.casefold() for c in donors}
    dcc_set = {canonical_country(c) or c.casefold() for c in dcc}
    dcc_list = f"the DCC list ({dcc_name})" if dcc_name else "the DCC list"
    names, ambiguous, unknown = _nationality_names(written, donor_set | dcc_set)
    tail = "; the post is reserved for DCC" if reserved else ""
    for name in names:
        key = name if name in donor_set | dcc_set else name.casefold()
        if key in donor_set:
            return RuleResult("nationality", "pass", f"Nationality {name}: in the donor list")
        if key in dcc_set:
            return RuleResult("nationality", "pass", f"Nationality {name}: in {dcc_list}{tail}")
    if ambiguous or unknown:
        what = ambiguous + [f"'{u}' not recognised as a country" for u in unknown]
        return RuleResult("nationality", "review", "Nationality: " + "; ".join(what))
    if reserved:
        return RuleResult("nationality", "fail", f"Nationality {', '.join(names)}: the post is reserved for "
                          f"candidates from developing countries, and this is not in {dcc_list}")
    return RuleResult("nationality", "fail",
                      f"Nationality {', '.join(names)}: in neither the donor nor the DCC list")


# ----------------------------------------------------------------------------------- academic studies


def _studies_entries(education: list[EducationEntry]) -> list[EducationEntry]:
    """The entries of academic training (university level or unclear; never secondary school)."""
    return [e for e in education if e.level not in ("secondary", "other") and (e.institution or e.degree)]


def rule_studies(facts: ApplicantFacts, donors: tuple[str, ...], developing: tuple[str, ...],
                 developing_name: str = "") -> RuleResult:
    """Part of a DCC candidate's academic training in a developing country (the Dutch rule).

    A donor national need not meet it. From the institutions' countries; ``review`` when a country cannot be told.
    """
    from jpo_tui.screening.places import institution_place

    donor_set = {canonical_country(c) or c for c in donors}
    written = facts.nationality or facts.nationality_raw
    names, _, _ = _nationality_names(written, set()) if written.strip() else ([], [], [])
    donor_name = next((n for n in names if n in donor_set), None)
    if donor_name:
        return RuleResult("studies", "pass", f"Studies: not required of a {donor_name} national")
    entries = _studies_entries(facts.education)
    if not entries:
        return RuleResult("studies", "review", "Studies: no academic training found; part of it must have "
                          "taken place in a developing country")
    dev = set(developing)
    listed = f" ({developing_name})" if developing_name else ""
    outside: list[str] = []
    unclear: list[str] = []
    for e in entries:
        label = e.institution or e.degree
        what = f"{e.level if e.level != 'unknown' else 'studies'} at {label}"
        place = institution_place(e.institution)
        countries = place.countries
        where = " or ".join(countries) + (f", read from '{place.clue}' in the name" if place.guessed else "")
        shown = f"{what} ({where})" if place.guessed or not all(c in label for c in countries) else what
        in_dev = [c in dev for c in countries]
        if countries and all(in_dev) and (not place.guessed or len(countries) == 1):
            return RuleResult("studies", "pass", f"Studies: {shown}, in a developing country{listed}")
        if not countries:
            unclear.append(f"country of '{label}' not told")
        elif place.guessed or any(in_dev):
            unclear.append(f"'{label}' could be in {where}")
        else:
            outside.append(label if all(c in label for c in countries) else f"{label} ({', '.join(countries)})")
    if unclear:
        return RuleResult("studies", "review", "Studies: " + "; ".join(unclear)
                          + (f"; not in a developing country: {', '.join(outside)}" if outside else "")
                          + "; part of the training must have taken place in a developing country")
    return RuleResult("studies", "fail", f"Studies: none in a developing country{listed}: {', '.join(outside)}")


# ---------------------------------------------------------------------------------------- languages


def language_levels(facts: ApplicantFacts) -> dict[str, str]:
    """Canonical language name -> fluent | working | basic (best stated when a language appears twice)."""
    levels: dict[str, str] = {}
    for skill in facts.languages:
        name = canonical_language(skill.language) or skill.language.strip()
        if not name:
            continue
        level = skill.level
        if name not in levels or LEVEL_RANK[level] > LEVEL_RANK[levels[name]]:
            levels[name] = level
    return levels


def _level_unknown(facts: ApplicantFacts, name: str) -> bool:
    for skill in facts.languages:
        if (canonical_language(skill.language) or skill.language.strip()) != name:
            continue
        grid = (skill.read, skill.write, skill.speak, skill.understand)
        if skill.mother_tongue or any(s is not None for s in grid) or skill.stated_level:
            return False
    return True


def rule_languages(facts: ApplicantFacts, required: tuple[str, ...], any_of: tuple[str, ...],
                   min_level: str, desirable: tuple[str, ...] = ()) -> RuleResult:
    """Required languages (each at ``min_level``), one of ``any_of``; ``desirable`` ones are shown, never failed."""
    levels = language_levels(facts)
    need = LEVEL_RANK[min_level]
    asked = {canonical_language(lang) or lang for lang in (*required, *any_of)}
    wanted = [name for name in (canonical_language(lang) or lang for lang in desirable) if name not in asked]
    held = [f"{name} {levels[name]}" for name in wanted if name in levels]
    desired = ""
    if wanted:
        desired = ("; desirable: " + ", ".join(held)) if held else f"; desirable, none listed: {', '.join(wanted)}"
    if not required and not any_of:
        if wanted and not levels:
            return RuleResult("languages", "pass", "Languages: none required; none found (desirable: "
                              f"{', '.join(wanted)})")
        return RuleResult("languages", "pass", "Languages: none required" + desired)
    if not levels:
        return RuleResult("languages", "review", "Languages: none found; check the documents")

    def describe(lang: str) -> tuple[str, str]:
        name = canonical_language(lang) or lang
        if name not in levels:
            return "fail", f"{name} not listed"
        if _level_unknown(facts, name):
            return "review", f"{name} level not stated"
        ok = LEVEL_RANK[levels[name]] >= need
        return ("pass" if ok else "fail"), f"{name} {levels[name]}"

    parts: list[tuple[str, str]] = [describe(lang) for lang in required]
    if any_of:
        options = [describe(lang) for lang in any_of]
        best = "pass" if any(s == "pass" for s, _ in options) else (
            "review" if any(s == "review" for s, _ in options) else "fail")
        parts.append((best, "one of: " + ", ".join(text for _, text in options)))
    status: RuleStatus = "fail" if any(s == "fail" for s, _ in parts) else (
        "review" if any(s == "review" for s, _ in parts) else "pass")
    verdict = {"pass": f"at least {min_level}", "fail": f"{min_level} level required",
               "review": "level unclear"}[status]
    return RuleResult("languages", status, f"Languages: {'; '.join(t for _, t in parts)}: {verdict}{desired}")


# ----------------------------------------------------------------------------------------- evaluate


def apply_override(result: RuleResult, override: Override | tuple[str, str, str] | None) -> RuleResult:
    """The result with a chair's override applied (and said in the sentence)."""
    if override is None:
        return result
    given, reason, by = override
    if given not in ("pass", "fail"):
        raise ValueError(f"override status must be 'pass' or 'fail', not {given!r}")
    status = cast(RuleStatus, given)
    sentence = f"{result.sentence} — overridden to {status} by {by}: {reason}"
    return RuleResult(result.rule, status, sentence, overridden=True)


def evaluate(facts: ApplicantFacts, spec: VacancySpec, overrides: Mapping[str, Override] | None = None,
             excluded_employment: Collection[int] = ()) -> EligibilityOutcome:
    """Run every rule; any fail -> ineligible, else any review -> review, else eligible."""
    elig = spec.eligibility
    overrides = overrides or {}
    unknown = set(overrides) - set(ALL_RULES)
    if unknown:
        raise ValueError(f"unknown rule(s) in overrides: {', '.join(sorted(unknown))}")
    base_months = elig.min_experience_years * 12
    extra_months = elig.bachelor_extra_experience_years * 12
    best = highest_degree(facts.education, spec.deadline)
    degree = rule_degree(facts, spec.deadline, elig.min_degree, extra_months, base_months)
    bachelor_route = degree.status == "pass" and elig.min_degree == "master" and best == "bachelor"
    required = base_months + (extra_months if bachelor_route else 0)
    experience, months = rule_experience(facts, spec.deadline, required, elig.internship_weight,
                                         excluded_employment, for_bachelor=bachelor_route)
    results = {
        "age": rule_age(facts, spec.call_year, elig.max_age, reference=elig.age_reference,
                        limit=elig.age_limit, deadline=spec.deadline),
        "degree": degree,
        "experience": experience,
        "nationality": rule_nationality(facts, elig.nationalities, elig.dcc, reserved=elig.dcc_reserved,
                                        dcc_name=elig.dcc_description),
        "languages": rule_languages(facts, elig.required_languages, elig.any_languages, elig.min_language_level,
                                    elig.desirable_languages),
    }
    names = list(RULES)
    if elig.dcc_study_in_developing_country:
        names.append(STUDIES_RULE)
        results[STUDIES_RULE] = rule_studies(facts, () if elig.dcc_reserved else elig.nationalities,
                                             elig.developing_countries, elig.developing_description)
    rules = [apply_override(results[name], overrides.get(name)) for name in names]
    failed = [r.rule for r in rules if r.status == "fail"]
    status: Literal["eligible", "ineligible", "review"] = (
        "ineligible" if failed else ("review" if any(r.status == "review" for r in rules) else "eligible"))
    dob = facts.date_of_birth
    return EligibilityOutcome(
        status=status,
        failed=failed,
        reasons=[r.sentence for r in rules if r.status != "pass"],
        rules=rules,
        age=age_for(dob, spec.call_year, spec.deadline, elig.age_reference) if dob else None,
        highest_degree=best,
        experience_months=months,
        language_levels=language_levels(facts),
    )

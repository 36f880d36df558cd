"""What a correct import must find for a profile: the truth file's conventions, computed from the profile.

Conventions (shared with the corpus README): months counted inclusively, overlaps merged, a month held only by
internships counts ``internship_weight``, a present post runs to the deadline month; a degree counts when completed
by the deadline; age on 31 December of the call year; nationality is the present one; a language is fluent when all
four skills are easy (or it is a mother tongue), good (= working) when speaking and understanding are easy.
"""

from __future__ import annotations

from typing import Any

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.records import DEGREE_RANK
from jpo_tui.core.vacancy import VacancySpec
from tests.samples.profiles import Profile
from tests.samples.text import ym_of

_LEVEL_RANK = {"basic": 0, "good": 1, "working": 1, "fluent": 2}


def experience_months(profile: Profile, vacancy: VacancySpec) -> float:
    """Merged months of employment up to the deadline; internship-only months weigh ``internship_weight``."""
    last = ym_of(vacancy.deadline).index()
    months: dict[int, bool] = {}  # month index -> held by a real (non-internship) post
    for job in profile.jobs:
        end = last if job.end is None else min(job.end.index(), last)
        for m in range(job.start.index(), end + 1):
            months[m] = months.get(m, False) or not job.internship
    weight = vacancy.eligibility.internship_weight
    return float(sum(1.0 if full else weight for full in months.values()))


def highest_degree(profile: Profile) -> str:
    """The best degree completed by the deadline (``secondary`` when there is none)."""
    done = [s.level for s in profile.studies if s.completed]
    return max(done, key=lambda lv: DEGREE_RANK[lv]) if done else "secondary"


def language_levels(profile: Profile) -> dict[str, str]:
    return {s.language: s.level for s in profile.languages}


def eligibility(profile: Profile, vacancy: VacancySpec) -> dict[str, Any]:
    """{"status": eligible|ineligible, "failed": sorted names among age, nationality, degree, experience, languages,
    studies (when the vacancy asks part of a DCC candidate's studies in a developing country)}."""
    rules = vacancy.eligibility
    failed = []
    if vacancy.call_year - profile.born.year > rules.max_age:
        failed.append("age")
    donors = () if rules.dcc_reserved else rules.nationalities
    if profile.nationality not in (*donors, *rules.dcc):
        failed.append("nationality")
    if rules.dcc_study_in_developing_country and profile.nationality not in donors and not any(
            canonical_country(st.country) in rules.developing_countries for st in profile.studies):
        failed.append("studies")
    degree = highest_degree(profile)
    months = experience_months(profile, vacancy)
    need = rules.min_experience_years * 12
    if DEGREE_RANK[degree] >= DEGREE_RANK[rules.min_degree]:
        pass
    elif degree == "bachelor" and rules.min_degree == "master":
        need += rules.bachelor_extra_experience_years * 12
    else:
        failed.append("degree")
    if months < need:
        failed.append("experience")
    levels = language_levels(profile)
    floor = _LEVEL_RANK[rules.min_language_level]
    if any(_LEVEL_RANK.get(levels.get(lang, "basic"), 0) < floor for lang in rules.required_languages):
        failed.append("languages")
    if rules.any_languages and not any(_LEVEL_RANK.get(levels.get(lang, "basic"), 0) >= floor for lang in rules.any_languages):
        failed.append("languages")
    failed = sorted(set(failed))
    return {"status": "ineligible" if failed else "eligible", "failed": failed}


def truth_entry(key: str, layout: str, profile: Profile, vacancy: VacancySpec, criteria: set[str]) -> dict[str, Any]:
    """One applicant of truth.json, in the dev corpus's format."""
    return {
        "key": key,
        "layout": layout,
        "name": profile.name,
        "date_of_birth": profile.born.isoformat(),
        "nationality": profile.nationality,
        "email": profile.email,
        "highest_degree": highest_degree(profile),
        "experience_months": experience_months(profile, vacancy),
        "languages": language_levels(profile),
        "eligibility": eligibility(profile, vacancy),
        "criteria_mentioned": sorted(criteria),
    }

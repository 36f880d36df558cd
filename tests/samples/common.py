"""What every renderer shares: the result type and the ways one fact may be written."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from jpo_tui.core.vacancy import VacancySpec
from tests.samples import pools
from tests.samples.profiles import Job, Profile, Skill
from tests.samples.text import fmt_ym, present_word


@dataclass
class Rendered:
    """A rendered document: its bytes, every string printed on it, and the criteria its sentences mention."""

    data: bytes
    kind: str  # p11 | cv | cover_letter
    lang: str
    strings: list[str] = field(default_factory=list)
    tracked: set[str] = field(default_factory=set)


def nationality_text(country: str, lang: str, rng: random.Random) -> str:
    """How an applicant may write a nationality (adjective or country name) in ``lang``."""
    en, fr = pools.NATIONALITY_SPELLINGS.get(country, ((country,), (country,)))
    return rng.choice(fr if lang == "fr" else en)


def language_name(language: str, lang: str) -> str:
    return pools.LANGUAGE_FR.get(language, language) if lang == "fr" else language


def easily(flag: bool, lang: str) -> str:
    if lang == "fr":
        return "Facilement" if flag else "Difficilement"
    return "Easily" if flag else "Not easily"


def skills(s: Skill) -> tuple[bool, bool, bool, bool]:
    return s.read, s.write, s.speak, s.understand


def job_dates(job: Job, style: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """(from, to) of a post; the present post says "Present" / "à ce jour" (or similar)."""
    return fmt_ym(job.start, style), (present_word(lang, rng) if job.end is None else fmt_ym(job.end, style))


def duties_text(job: Job, lang: str, bullets: str = "") -> str:
    """The duties of a post as one paragraph (or bulleted lines when ``bullets`` is a bullet string)."""
    parts = [d.text.get(lang) for d in job.duties]
    return "\n".join(f"{bullets}{p}" for p in parts) if bullets else " ".join(parts)


def tracked_duties(profile: Profile) -> set[str]:
    return {d.criterion for j in profile.jobs for d in j.duties if d.criterion}


def degree_line(study, lang: str) -> str:
    """The degree as written, with "(expected ...)" / "(en cours)" when not completed by the deadline."""
    title = study.degree.get(lang)
    if study.completed:
        return title
    return f"{title} ({'en cours' if lang == 'fr' else 'ongoing'})"


def sign_date(profile: Profile, vacancy: VacancySpec) -> date:
    """When the applicant signed: a few days to six weeks before the deadline."""
    return vacancy.deadline - timedelta(days=profile.rng("signed").randrange(2, 42))

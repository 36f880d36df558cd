"""Random applicant profiles: the single source of truth every layout renders.

``random_profile(seed, vacancy)`` draws a person (name, birth, nationalities, languages), a study and work
history (``careers``) and the other people a P11 names (supervisors, referees, dependants). Everything is
derived from ``random.Random(f"{seed}")`` so a seed always gives the same person.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import date

from jpo_tui.core.records import YearMonth
from jpo_tui.core.vacancy import VacancySpec
from tests.samples import pools
from tests.samples.text import Bi, ascii_fold


@dataclass(frozen=True)
class Skill:
    """One language: the four P11 skills (True = easily) and whether it is a mother tongue."""

    language: str
    read: bool
    write: bool
    speak: bool
    understand: bool
    mother: bool = False

    @property
    def level(self) -> str:
        """fluent (all four easily or mother tongue), good (speaks and understands easily) or basic."""
        if self.mother or (self.read and self.write and self.speak and self.understand):
            return "fluent"
        return "good" if self.speak and self.understand else "basic"


@dataclass(frozen=True)
class Study:
    institution: str
    city: str
    country: str
    degree: Bi
    level: str  # bachelor | master | doctorate (what the degree is worth, old licences = master)
    start: YearMonth
    end: YearMonth  # expected end when not completed by the deadline
    subject: Bi
    completed: bool


@dataclass(frozen=True)
class School:
    name: str
    city: str
    start: YearMonth
    end: YearMonth
    diploma: str


@dataclass(frozen=True)
class Sentence:
    """A duty or letter sentence; ``criterion`` names the vacancy criterion it mentions (tracked, typos too)."""

    text: Bi
    criterion: str | None = None
    distractor: bool = False


@dataclass(frozen=True)
class Contact:
    """Somebody else a P11 names: a supervisor or a referee (never the applicant)."""

    name: str
    email: str
    occupation: Bi
    address: str  # street and city
    org: str = ""


@dataclass(frozen=True)
class Job:
    start: YearMonth
    end: YearMonth | None  # None = present post
    title: Bi
    employer: str
    city: str
    country: str
    business: str
    internship: bool
    duties: tuple[Sentence, ...]
    salary_start: int
    salary_final: int
    currency: str
    supervisor: Contact
    supervised: Bi
    leaving: Bi
    side_job: bool = False


@dataclass(frozen=True)
class Dependant:
    name: str
    born: date
    relation: Bi


@dataclass(frozen=True)
class Profile:
    """Everything one applicant's documents say. ``seed`` makes each renderer's own choices repeatable."""

    seed: str
    first_name: str
    family_name: str
    middle_name: str
    sex: str
    born: date
    birth_place: str
    birth_country: str
    nationality_at_birth: str
    nationality: str  # present nationality, canonical English name
    email: str
    phone: str
    address: str
    marital: Bi
    languages: tuple[Skill, ...]
    studies: tuple[Study, ...]
    schools: tuple[School, ...]
    jobs: tuple[Job, ...]  # most recent first
    referees: tuple[Contact, ...]
    dependants: tuple[Dependant, ...]
    preferred_field: Bi
    letter: tuple[Sentence, ...]  # the cover letter's argument sentences (intro/closing are the renderer's)
    doc_lang: str  # the language this applicant writes in when free to choose

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.family_name}"

    def rng(self, salt: str) -> random.Random:
        """A generator for one rendering decision, repeatable for this profile."""
        return random.Random(f"{self.seed}/{salt}")

    @property
    def mother_tongues(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.languages if s.mother)

    @property
    def other_languages(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.languages if not s.mother)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _skill(language: str, level: str, rng: random.Random) -> Skill:
    if level == "fluent":
        return Skill(language, True, True, True, True)
    if level == "good":
        read, write = rng.choice(((True, False), (False, False), (False, True), (True, False)))
        return Skill(language, read, write, True, True)
    speak, understand = rng.choice(((False, True), (False, False), (True, False), (False, True)))
    return Skill(language, rng.random() < 0.5, False, speak, understand)


def _languages(origin: pools.Origin, rng: random.Random) -> tuple[Skill, ...]:
    mothers = rng.choice(origin.mother_tongues)
    skills = [Skill(m, True, True, True, True, mother=True) for m in mothers]
    have = set(mothers)
    english_strong = origin.label in ("flemish", "rwandan", "east-african")
    for lang in ("English", "French"):
        if lang in have:
            continue
        if lang == "English":
            weights = (0.72, 0.18, 0.10) if english_strong else (0.55, 0.27, 0.18)
        else:
            weights = (0.35, 0.35, 0.30) if origin.label in ("east-african", "flemish") else (0.75, 0.15, 0.10)
        if origin.label in ("walloon", "congolese", "senegalese", "moroccan", "west-african", "burundian") and lang == "French":
            weights = (0.9, 0.08, 0.02)
        skills.append(_skill(lang, rng.choices(("fluent", "good", "basic"), weights=weights)[0], rng))
        have.add(lang)
    pool = [x for x in (*origin.extra_languages, "Spanish", "German", "Portuguese", "Dutch") if x not in have]
    for lang in rng.sample(sorted(set(pool)), k=min(len(set(pool)), rng.choice((0, 0, 1, 1, 2)))):
        skills.append(_skill(lang, rng.choice(("fluent", "good", "basic", "basic")), rng))
    return tuple(skills)


def _email(first: str, family: str, rng: random.Random) -> str:
    f = ascii_fold(first).lower().replace(" ", "").replace("'", "")
    s = ascii_fold(family).lower().replace(" ", "").replace("'", "")
    n = rng.randrange(1, 99)
    user = rng.choice((f"{f}.{s}{n}", f"{f}.{s}", f"{f[0]}.{s}{n}", f"{s}.{f}{n}", f"{f}{s}{n}", f"{f}_{s}"))
    return f"{user}@{rng.choice(('example.org', 'example.com', 'example.net', 'mail.example.be'))}"


_PHONE = {"Belgium": "+32 4{a}{b} {c} {d} {e}", "Democratic Republic of the Congo": "+243 8{a} {c}{b} {d}{e}",
          "Senegal": "+221 77 {c}{a} {d} {e}", "Rwanda": "+250 78{a} {c}{d} {e}", "Morocco": "+212 6{a} {c} {d} {e}"}


def _phone(country: str, rng: random.Random) -> str:
    fmt = _PHONE.get(country, "+32 47{a} {c} {d} {e}")
    return fmt.format(a=rng.randrange(10), b=rng.randrange(10), c=rng.randrange(10, 99), d=rng.randrange(10, 99),
                      e=rng.randrange(10, 99))


def contact(name: str, occupation: Bi, org: str, city: str, rng: random.Random, *, abroad: bool = False) -> Contact:
    """Somebody else, with an e-mail at a made-up domain of their organisation."""
    first, _, last = name.partition(" ")
    domain = "".join(ch for ch in ascii_fold(org).lower() if ch.isalnum())[:14] or "org"
    email = f"{ascii_fold(first).lower()[0]}{ascii_fold(last).lower().replace(' ', '')}@{domain}.example"
    street = rng.choice(pools.STREETS_ABROAD if abroad else pools.STREETS)
    return Contact(name, email, occupation, f"{street} {rng.randrange(1, 220)}, {city}", org)


def _birth_date(call_year: int, rng: random.Random) -> date:
    age = rng.choices((rng.randrange(24, 31), 31, 32, 33, rng.randrange(34, 38), rng.randrange(40, 47)),
                      weights=(0.6, 0.1, 0.1, 0.07, 0.09, 0.04))[0]
    year = call_year - age
    return date(year, rng.randrange(1, 13), rng.randrange(1, 29))


def random_profile(seed: str | int, vacancy: VacancySpec, *, name: tuple[str, str] | None = None,
                   born: date | None = None) -> Profile:
    """A new applicant for ``vacancy``; ``name``/``born`` force a namesake or a given birth date."""
    from tests.samples.careers import career, letter_sentences  # local: careers imports this module

    rng = random.Random(f"profile/{seed}")
    origin = rng.choices(pools.ORIGINS, weights=[o.weight for o in pools.ORIGINS])[0]
    first, family = name or (rng.choice(origin.first_names), rng.choice(origin.family_names))
    sex = "F" if first in _FEMALE else "M"
    born = born or _birth_date(vacancy.call_year, rng)
    nationality = _weighted(rng, origin.present_nationalities)
    at_birth = origin.birth_country if origin.label != "other" else nationality
    if origin.label in ("west-african", "east-african"):
        at_birth = nationality
    if nationality == "Belgium" and origin.label in ("moroccan", "congolese") and rng.random() < 0.4:
        at_birth = "Belgium"  # born in Belgium to a family from abroad
    city = rng.choice(origin.cities) if at_birth != "Belgium" or origin.label in ("flemish", "walloon") else \
        rng.choice(("Bruxelles", "Anderlecht", "Liège", "Antwerpen", "Schaerbeek"))
    languages = _languages(origin, rng)
    studies, schools, jobs, mentions = career(rng, origin, born, vacancy, sex)
    home = "Belgium" if nationality == "Belgium" or rng.random() < 0.3 else nationality
    home_city = rng.choice(("Brussels", "Leuven", "Gent", "Liège", "Namur", "Antwerpen")) if home == "Belgium" else city
    streets = pools.STREETS if home == "Belgium" else pools.STREETS_ABROAD
    address = f"{rng.choice(streets)} {rng.randrange(1, 240)}, {home_city}, {home}"
    married = rng.random() < 0.3
    dependants: list[Dependant] = []
    if married and rng.random() < 0.7 and born.year + 22 < 2025:  # children born from age 22, before 2025
        for _ in range(rng.choice((1, 1, 2))):
            kid = rng.choice(("Noah", "Emma", "Elie", "Nora", "Adam", "Maya", "Ilyas", "Grâce"))
            dependants.append(Dependant(f"{kid} {family}", date(rng.randrange(max(born.year + 22, 2016), 2025),
                                                                rng.randrange(1, 13), rng.randrange(1, 29)),
                                        Bi("Child", "Enfant")))
    referees = []
    for ref in rng.sample(pools.REFEREE_NAMES, 3):
        occ = rng.choice(pools.REFEREE_JOBS)
        org = rng.choice(pools.UNIVERSITIES["Belgium"] + pools.UNIVERSITIES.get(origin.birth_country, ()))[0]
        town = rng.choice(("Brussels", "Leuven", "Gent", "Kinshasa", "Dakar"))
        referees.append(contact(ref, Bi(*occ), org.split(" (")[0], town, rng, abroad=town in ("Kinshasa", "Dakar")))
    doc_lang = "fr" if (languages[0].language == "French" or origin.label in ("walloon", "congolese", "senegalese")) \
        and rng.random() < 0.55 else "en"
    profile = Profile(
        seed=str(seed), first_name=first, family_name=family,
        middle_name=rng.choice(("", "", "", "", "Marie", "Joseph", "Claire", "Emmanuel")),
        sex=sex, born=born, birth_place=city, birth_country=at_birth, nationality_at_birth=at_birth,
        nationality=nationality, email=_email(first, family, rng), phone=_phone(home, rng), address=address,
        marital=Bi("Married", "Mariée" if sex == "F" else "Marié") if married else Bi("Single", "Célibataire"), languages=languages,
        studies=studies, schools=schools, jobs=jobs, referees=tuple(referees), dependants=tuple(dependants),
        preferred_field=Bi(*rng.choice(pools.FIELDS_OF_WORK)), letter=(), doc_lang=doc_lang,
    )
    return replace(profile, letter=letter_sentences(rng, profile, vacancy, mentions))


def gendered(text: str, sex: str) -> str:
    """French inclusive spellings resolved: "Coordinateur(trice)" -> "Coordinatrice" for a woman."""
    female = sex == "F"
    text = re.sub(r"(\w+)eur\(trice\)", lambda m: m.group(1) + ("rice" if female else "eur"), text)
    text = re.sub(r"(\w+)\(fe\)", lambda m: m.group(1) + ("fe" if female else ""), text)
    return re.sub(r"\((e)\)", "e" if female else "", text)


_FEMALE = set(pools._t(
    "Lotte, Noor, Elise, Fien, Lien, Hanne, Sofie, Ine, Jolien, Eline, Margot, Anke, Camille, Élodie, Noémie, Gaëlle, "
    "Amélie, Hélène, Céline, Chloé, Margaux, Zoë, Océane, Mathilde, Grâce, Merveille, Chancelle, Bénédicte, Nathalie, "
    "Gloria, Christelle, Plamedi, Sarah, Rachel, Aminata, Fatou, Awa, Khady, Ndeye, Aïssatou, Mariama, Coumba, Aline, "
    "Clarisse, Divine, Josiane, Diane, Solange, Claudine, Grace, Yvette, Salma, Imane, Khadija, Sanae, Nadia, Meryem, "
    "Zineb, Houda, Belyse, Gloriose, Annick, Ornella, Fatoumata, Kadidia, Rokia, Aïcha, Rasmata, Carine, Mariam, Joan, "
    "Esther, Prossy, Neema, Rehema, Lucia, Sanne, Giulia, Clémence, Wanjiru, Léa, Sèna"))

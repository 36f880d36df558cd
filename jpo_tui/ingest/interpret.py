"""Label-driven reading of a form: a list of (label, value) items in reading order -> ApplicantFacts.

Every P11 layout (fillable, flat, grid, French, online profile) is first turned into such items; this module gives
them meaning from the labels' words and the section they sit in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pycountry

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.languages import canonical_language
from jpo_tui.core.records import ApplicantFacts, EmploymentEntry, LanguageSkill
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.dates import date_from_parts, fold, is_present, parse_date, parse_range, parse_year_month
from jpo_tui.ingest.degrees import degree_level, education_entry
from jpo_tui.ingest.labels import OTHER_PEOPLE, field_key, section_of, skill_polarity
from jpo_tui.ingest.languages import easily, stated_level
from jpo_tui.ingest.names import person_name

# An e-mail address; every repeat is bounded and a match starts where a word starts (no quadratic backtracking).
EMAIL_RE = re.compile(r"(?<![\w.+\-'])[\w+\-'][\w.+\-']{0,63}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,6}")
_YES = lexicon.plain_words("words", "yes")
_NO = lexicon.plain_words("words", "no")
_ONGOING = lexicon.pattern("words", "ongoing")
_BLANK = {"", "-", "--", "/", *lexicon.plain_words("words", "blank")}
_SKILLS = ("read", "write", "speak", "understand")
_INTERN_RE = lexicon.raw_pattern("words", "internship")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[A-H])\s*[.)]\s")
_PERSONAL = {"family_name", "first_name", "full_name", "dob", "dob_day", "dob_month", "dob_year", "nationality",
             "nationality_birth", "email", "mother_tongue"}
_RECORD_KEYS = {
    "employment": {"period", "from", "to", "title", "employer", "duties", "current", "appointment"},
    "education": {"period", "from", "to", "institution", "degree", "course", "status", "degree_level"},
    "languages": {"language", "level", "mother", *_SKILLS},
}


@dataclass
class Item:
    """One printed label with what was filled in; ``value`` None for a heading or other static text."""

    label: str
    value: str | None = None


@dataclass
class _State:
    section: str = "personal"
    personal: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, value)
    record: dict[str, str] = field(default_factory=dict)
    record_section: str = ""
    records: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def flush(self) -> None:
        if self.record:
            self.records.append((self.record_section, self.record))
        self.record = {}
        self.record_section = ""


def is_intern_title(text: str) -> bool:
    """True when a job title or appointment type names an internship (Intern, Stagiaire, Stage, Trainee...)."""
    return bool(_INTERN_RE.search(text or ""))


def is_blank(value: str | None) -> bool:
    """True for an empty answer or a placeholder dash."""
    return value is None or fold(value[:40]) in _BLANK or value.strip() in _BLANK


def interpret(items: list[Item]) -> ApplicantFacts:
    """The applicant's facts from labelled items (referees' and dependants' details are ignored)."""
    state = _State()
    for item in items:
        _step(state, item)
    state.flush()
    return _build(state)


def _step(state: _State, item: Item) -> None:
    key = field_key(item.label)
    blank = is_blank(item.value)
    if _NUMBERED.match(item.label) and state.section in OTHER_PEOPLE and section_of(item.label) not in OTHER_PEOPLE:
        state.flush()
        state.section = "personal"  # a new numbered question after the dependants' or referees' block
    if key is None and not blank and _NUMBERED.match(item.label) and section_of(item.label) in OTHER_PEOPLE:
        state.flush()
        state.section = section_of(item.label) or state.section  # "13. Have you any dependants? [x] Yes"
        return
    if item.value is None or (blank and (key is None or _looks_heading(item.label) or key == "language")):
        section = section_of(item.label) if _heading_shape(item.label) else None
        if section is not None:
            state.flush()
            state.section = section
        elif state.section == "languages" and canonical_language(item.label):
            # A grid row that starts with a language name printed apart from its ticks.
            _record_field(state, "language", item.label, "languages")
        return
    if key is None:
        language = canonical_language(item.label)
        if language and state.section in ("languages", "personal"):
            _record_field(state, "language", item.label, "languages")
            _record_value_row(state, item.value or "")
        return
    if blank:
        return
    value = " ".join((item.value or "").split())
    if "?" in item.label and (fold(value) in _YES | _NO or key in _RECORD_KEYS["employment"] | _RECORD_KEYS["education"]):
        return  # "Are any of your relatives employed by an international organization? No"
    if key == "mother_tongue" and not canonical_language(value) and (fold(value) in _YES | _NO):
        _record_field(state, "mother", value, "languages")  # a "Mother tongue: Yes / No" column of a table
        return
    if key in _PERSONAL:
        if state.section in OTHER_PEOPLE or key in state.personal:
            return
        state.personal[key] = (item.label, value)
        if key == "mother_tongue":
            state.flush()
        return
    if key in ("read", "write", "speak", "understand"):
        polarity = skill_polarity(item.label)
        if polarity is not None:
            if (state.record_section == "languages" and key in state.record) or fold(value) in _NO:
                return  # both columns ticked (the first, "Easily", stands), or "No" written in a column
            value = "Easily" if polarity else "Not easily"
        _record_field(state, key, value, "languages")
        return
    if key == "language" and _language_list(state, value):
        return
    if key == "level" or key == "language":
        _record_field(state, key, value, "languages")
        return
    if state.section in OTHER_PEOPLE:
        return  # a referee's position, a dependant's school...
    section = state.section if state.section in ("education", "employment") else _unheaded_section(state, item.label)
    guessed = _guess_section(key)
    if section and key not in _RECORD_KEYS[section] and guessed is not None and guessed != section:
        section = state.section = guessed  # "Job Title" under a heading that was not read
        if state.record and set(state.record) <= {"period", "from", "to"}:
            state.record_section = section  # the dates just read open this record, not the one before
    if section and key in _RECORD_KEYS[section]:
        _record_field(state, key, value, section)


def _language_list(state: _State, value: str) -> bool:
    """ "français (courant), anglais (bon niveau)" in one Languages field: one record per language, each with the
    level written after it; False when the value is not such a list."""
    chunks = [c.strip() for c in re.split(r"[;,]|\s+/\s+|\s+(?:and|et|en)\s+(?![^()]*\))", value) if c.strip()]
    parsed = []
    for chunk in chunks:
        m = re.match(r"^([^\W\d_][^():\-\u2013]*?)\s*(?:\((.*)\)|[:\-\u2013]\s*(.*))?$", chunk)
        language = canonical_language(m.group(1)) if m else None
        if m is None or language is None:
            return False
        parsed.append((m.group(1), (m.group(2) or m.group(3) or "").strip()))
    if len(parsed) < 2 and not (parsed and parsed[0][1]):
        return False
    for name, level in parsed:
        state.flush()
        _record_field(state, "language", name, "languages")
        if level:
            _record_field(state, "level", level, "languages")
    return True


def _looks_heading(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return upper or bool(_NUMBERED.match(label)) or len(label.split()) > 6


def _heading_shape(label: str) -> bool:
    """Short, numbered or in capitals: a heading, not a stray line of prose that mentions "formation"."""
    text = label.strip()
    return bool(_NUMBERED.match(text)) or text.isupper() or (len(text.split()) <= 8 and not text.endswith("."))


def _unheaded_section(state: _State, label: str) -> str | None:
    """The record a field belongs to when no heading was read: its label's own words ("Emploi Du", "Formation
    Au"), else what the field asks (a job title, an institution), else the record being filled."""
    named = section_of(label)
    if named in ("education", "employment"):
        return named
    key = field_key(label) or ""
    return _guess_section(key) or (state.record_section if state.record_section in ("education", "employment")
                                   else None)


def _guess_section(key: str) -> str | None:
    if key in ("title", "employer", "duties", "current", "appointment"):
        return "employment"
    if key in ("institution", "degree", "course", "degree_level"):
        return "education"
    return None


def _record_field(state: _State, key: str, value: str, section: str) -> None:
    dated = {"education", "employment"}
    if state.record_section in dated and section in dated and state.record_section != section and \
            key not in state.record and set(state.record) <= {"period", "from", "to"}:
        state.record_section = section  # the dates just read open this record (no heading between the sections)
    if state.record_section and (state.record_section != section or key in state.record):
        state.flush()
    state.record_section = section
    state.record[key] = value


def _record_value_row(state: _State, value: str) -> None:
    """ "Easily / Not easily / Easily / Easily" (read / write / speak / understand) or a stated level."""
    parts = [p.strip() for p in re.split(r"\s*[/|;]\s*|\s{2,}", value) if p.strip()]
    if len(parts) >= 4 and all(easily(p) is not None for p in parts[:4]):
        for skill, part in zip(_SKILLS, parts[:4], strict=False):
            state.record[skill] = part
    elif value.strip():
        state.record["level"] = value.strip()


def _build(state: _State) -> ApplicantFacts:
    facts = ApplicantFacts()
    p = {k: v for k, (_, v) in state.personal.items()}
    first, family = _name_case(p.get("first_name", "")), _name_case(p.get("family_name", ""))
    facts.first_name, facts.family_name = first, family
    facts.name = person_name(" ".join(x for x in (first, family) if x) or p.get("full_name", ""))
    facts.date_of_birth = _dob(state)
    nat = p.get("nationality") or ""
    if nat:
        facts.nationality_raw = nat
        facts.nationality = _nationality(nat)
    m = EMAIL_RE.search(p.get("email", ""))
    facts.email = m.group(0).strip(".") if m else ""
    if p.get("mother_tongue"):
        for part in re.split(r"\s*(?:,|/|;| and | et | en )\s*", p["mother_tongue"]):
            lang = canonical_language(part)
            if lang:
                facts.languages.append(LanguageSkill(language=lang, mother_tongue=True))
    for section, rec in state.records:
        if section == "languages":
            _add_language(facts, rec)
        elif section == "education":
            _add_education(facts, rec)
        elif section == "employment":
            _add_employment(facts, rec)
    return facts


def _name_case(text: str) -> str:
    return person_name(text) if "," not in text else " ".join(text.split())


def _dob(state: _State) -> date | None:
    if "dob" in state.personal:
        label, value = state.personal["dob"]
        day_first = not re.search(r"mm\s*/\s*dd", label.casefold())
        found = parse_date(value, day_first=day_first)
        if found:
            return found
    parts = [state.personal.get(k, ("", ""))[1] for k in ("dob_day", "dob_month", "dob_year")]
    if not parts[0] and "dob" in state.personal and re.fullmatch(r"\d{1,2}\D{0,2}", state.personal["dob"][1]):
        parts[0] = state.personal["dob"][1]  # "Date of birth (Day): 03" then "Month: 11", "Year: 1995"
    if all(parts):
        return date_from_parts(*parts)
    for part in parts:  # a whole date typed in one of the boxes
        found = parse_date(part) if part else None
        if found:
            return found
    return None


def country_named(text: str) -> str | None:
    """The country a nationality names, in any lexicon language ("Belg", "belga", "Belgische") or as a country
    name or English adjective (pycountry / CLDR); None when it names none."""
    code = lexicon.nationalities().get(fold(text[:60]))
    if code is not None:
        country = pycountry.countries.get(alpha_2=code)
        return canonical_country(country.name) if country else None
    return canonical_country(text[:120])


def _nationality(text: str) -> str:
    """A nationality is always a country: the first part naming one, else nothing (the reason is said later)."""
    text = text[:200]
    for part in re.split(r"\s*(?:,|/|;| and | et | & )\s*", text):
        name = country_named(part)
        if name:
            return name
    words = text.split()
    for n in range(min(len(words), 4), 0, -1):  # "Belgian Gender Female": the country at the start
        name = country_named(" ".join(words[:n]))
        if name:
            return name
    return ""


def _add_language(facts: ApplicantFacts, rec: dict[str, str]) -> None:
    lang = canonical_language(rec.get("language", ""))
    if not lang:
        return
    skill = LanguageSkill(language=lang)
    for s in _SKILLS:
        if s in rec:
            setattr(skill, s, easily(rec[s]))
    if fold(rec.get("mother", "")) in _YES:
        skill.mother_tongue = True
    if "level" in rec:
        skill.stated_level = stated_level(rec["level"])
        if re.search(r"mother tongue|native|maternelle|moedertaal", fold(rec["level"])):
            skill.mother_tongue = True
    for existing in facts.languages:
        if existing.language == lang:
            for s in _SKILLS:
                if getattr(skill, s) is not None and getattr(existing, s) is None:
                    setattr(existing, s, getattr(skill, s))
            existing.stated_level = existing.stated_level or skill.stated_level
            existing.mother_tongue = existing.mother_tongue or skill.mother_tongue
            return
    facts.languages.append(skill)


def _split_period(rec: dict[str, str]) -> None:
    """A single "Period: 09/2018 - 06/2019" (or a From holding a whole range) -> from / to."""
    for key in ("period", "from"):
        if key in rec and "to" not in rec:
            start, end, present = parse_range(rec[key])
            if start is not None and (end is not None or present):
                # a year alone stays a year: a study ending "2019" ends in June, a post in December
                rec["from"] = str(start.year) if start.approximate else start.iso()
                rec["to"] = "present" if present else (str(end.year) if end.approximate else end.iso()) if end else ""
                return


def _add_education(facts: ApplicantFacts, rec: dict[str, str]) -> None:
    _split_period(rec)
    degree = rec.get("degree", "")
    if rec.get("course") and rec["course"] not in degree:
        degree = f"{degree} ({rec['course']})" if degree else rec["course"]
    if not degree and not rec.get("institution"):
        return
    start = parse_year_month(rec.get("from", ""))
    to = rec.get("to", "")
    end = None if is_present(to) else parse_year_month(to)
    if end is not None and end.approximate:
        end = type(end)(end.year, 6, approximate=True)
    status = fold(f"{rec.get('status', '')} {degree}")
    ongoing = (end is None and bool(start)) or bool(_ONGOING.search(status))
    entry = education_entry(degree, rec.get("institution", ""), start, end, ongoing=ongoing)
    stated = degree_level(rec.get("degree_level", ""))
    if stated in ("doctorate", "master", "bachelor", "secondary"):
        entry.level = stated  # the applicant's own classification ("Master's Degree (advanced university...)")
    facts.education.append(entry)


def _add_employment(facts: ApplicantFacts, rec: dict[str, str]) -> None:
    _split_period(rec)
    if not any(rec.get(k) for k in ("from", "title", "employer")):
        return
    to = rec.get("to", "")
    current = fold(rec.get("current", "")) in _YES
    present = is_present(to) or (current and not parse_year_month(to))
    end = None if present else parse_year_month(to)
    if end is not None and end.approximate:
        end = type(end)(end.year, 12, approximate=True)
    title = rec.get("title", "")
    facts.employment.append(EmploymentEntry(
        start=parse_year_month(rec.get("from", "")),
        end=end,
        present=present,
        title=title,
        employer=rec.get("employer", ""),
        duties=rec.get("duties", ""),
        internship=is_intern_title(title) or is_intern_title(rec.get("appointment", "")),
    ))

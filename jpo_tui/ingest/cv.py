"""Free-form CVs and cover letters: name, e-mail, birth date, nationality, dated entries and languages."""

from __future__ import annotations

import re

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.languages import canonical_language
from jpo_tui.core.records import ApplicantFacts, LanguageSkill
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.cv_entries import PRESENT, RANGE_RE, education, employment, is_head_like
from jpo_tui.ingest.dates import fold, parse_date
from jpo_tui.ingest.degrees import degree_level
from jpo_tui.ingest.interpret import EMAIL_RE, _nationality
from jpo_tui.ingest.labels import section_of, trailing_label
from jpo_tui.ingest.languages import is_mother_tongue, stated_level
from jpo_tui.ingest.names import person_name, without_credentials


def _raw(group: str, key: str) -> str:
    return lexicon.alternation(group, key, raw=True)


_DOB_RE = lexicon.RawRegex(r"(?:" + _raw("labels", "dob_place") + "|" + _raw("labels", "dob") + r")"
                     r"[ \t]{0,3}[:\-]?[ \t]{0,3}\n?[ \t]{0,3}([^\n]{2,40}(?:\n[^\n]{0,12})?)", re.IGNORECASE)
_NAT_RE = lexicon.RawRegex(r"(?:" + _raw("labels", "nationality") + r")\w{0,6}(?:\(?[sS]\)?)?(?P<birth>[ \t]{0,3}\(?(?:"
                     + _raw("labels", "birth_qualifier") + r")\)?)?(?:[ \t]{0,3}\([^)\n]{0,20}\))?"
                     r"[ \t]{0,3}[:\-\u2013]?[ \t]{0,3}\n?[ \t]{0,3}(?P<value>[^\n·|•;,]{3,60})", re.IGNORECASE)
_MOTHER_RE = lexicon.RawRegex(r"(?:" + _raw("labels", "mother_tongue") + r")(?:\([a-z]{1,3}\)|s)?"
                        r"(?:[ \t]{0,3}:|\t|[ \t]{1,8})[ \t]{0,3}([^\n·|•;(]{1,80})", re.IGNORECASE)
# A name after its label: "Name: Jane Roe", "First name(s) / Surname(s)  Claire Dupont", "Nom et prénom : ..."
_NAME_LABEL = lexicon.RawRegex(r"^[ \t]{0,8}(?:" + _raw("labels", "full_name").replace("^", "").replace("$", "") + r")\)?"
                         r"(?:[ \t]{0,3}:|\t|[ \t]{2,8})[ \t]{0,3}(\S[^\n]{0,100})$", re.IGNORECASE | re.MULTILINE)
# The self-assessment grid of a European CV: a CEFR level per skill, on the language's line or the next one.
_CEFR_SKILLS = tuple((skill, lexicon.pattern("words", f"cefr_{skill}")) for skill in ("understand", "read", "speak",
                                                                                   "write"))
_CEFR_PAIR = re.compile(r"(" + "|".join(lexicon.alternation("words", f"cefr_{k}") for k, _ in _CEFR_SKILLS)
                        + r")[ ]{0,3}:?[ ]{0,3}([abc][12])\b")
_CEFR_ALONE = re.compile(r"(?<![a-z0-9])([abc][12])(?![a-z0-9])")
_FOLIO = re.compile(r"(?i)^\s*[-\u2013]?\s*(page\s*)?\d{1,3}(\s*(/|of|sur|van)\s*\d{1,3})?\s*[-\u2013]?\s*$")
_INLINE_LANGS = lexicon.RawRegex(r"^[ \t]{0,8}(?:" + _raw("headings", "languages").replace("^", "").replace("$", "")
                           + r")[ \t]{0,3}:[ \t]{0,3}(.{1,400})$", re.IGNORECASE)
_SALUTATION = lexicon.RawRegex(r"^[ \t]{0,8}(?:" + _raw("letter", "salutation") + r")", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(r"^[ \t]{0,8}(objet|subject|re|asunto|betreff|oggetto|assunto|onderwerp)[ \t]{0,3}:[^\n]{0,200}"
                      r"\b(candidature|application|applying|solicitud|bewerbung|candidatura|sollicitatie)\b",
                      re.IGNORECASE | re.MULTILINE)
_CLOSING = lexicon.RawRegex(r"(?:" + _raw("letter", "closing") + r")[^,\n]{0,80},?", re.IGNORECASE | re.MULTILINE)
_CLOSING_LINE = lexicon.RawRegex(r"^[ \t]{0,8}(?:" + _raw("letter", "closing_line") + r")[ \t]{0,3}[,!.]?[ \t]*$",
                                 re.IGNORECASE | re.MULTILINE)
_FIRST_PERSON = lexicon.pattern("letter", "first_person")
_PROSE_WORDS = 8  # a line of at least this many words is prose
MAX_TEXT_CHARS = 400_000  # the text a CV or a letter is read from (reviewers keep the whole text)
MAX_LINE_CHARS = 600  # one line of it


def _not_name(line: str) -> bool:
    """A line holding a word that is no part of a person's name (a heading, "Curriculum vitae", an office)."""
    return lexicon.has("words", "not_name", fold(line))


def capped(text: str) -> str:
    """The text parsers read: at most MAX_TEXT_CHARS, each line at most MAX_LINE_CHARS (cut before parsing)."""
    text = text[:MAX_TEXT_CHARS]
    if len(text) <= MAX_LINE_CHARS or all(len(line) <= MAX_LINE_CHARS for line in text.split("\n")):
        return text
    return "\n".join(line[:MAX_LINE_CHARS] for line in text.split("\n"))


def is_letter(text: str) -> bool:
    """A salutation or a closing formula (on its own line when it is a short one: "Best,")."""
    text = capped(text)
    return bool(_SALUTATION.search(text) or _SUBJECT.search(text) or _CLOSING.search(text)
                or _CLOSING_LINE.search(text))


def is_first_person_prose(text: str) -> bool:
    """Most of the text is prose whose writer speaks of themselves ("I love Python", "je souhaite", "ich bin"): a
    letter, even one without a salutation or a closing formula."""
    lines = [ln.split() for ln in capped(text).splitlines() if ln.strip()]
    words = sum(len(ln) for ln in lines)
    prose = sum(len(ln) for ln in lines if len(ln) >= _PROSE_WORDS)
    if words < 80 or prose < 0.6 * words:
        return False
    return len(_FIRST_PERSON.findall(fold(text[:20000]))) >= 6


def sections(text: str, headings: frozenset[str] | None = None) -> list[tuple[str, list[str]]]:
    """(section, lines) from short heading lines such as "EDUCATION", "Expérience professionnelle", "Stages"; with
    ``headings`` (the lines the typography sets as headings), only those."""
    out: list[tuple[str, list[str]]] = [("top", [])]
    for line in capped(text).splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        name = _heading(stripped) if headings is None or " ".join(stripped.split()) in headings else None
        if name:
            out.append((name, []))
        else:
            out[-1][1].append(stripped)
    return out


def is_heading(line: str) -> bool:
    """The line reads as a section heading ("EDUCATION", "Expérience professionnelle", "Top Skills")."""
    return _heading(line.strip()) is not None or (len(line) <= 50 and (
        lexicon.has("headings", "other", fold(line)) or lexicon.has("headings", "personal", fold(line))))


def _heading(line: str) -> str | None:
    words = line.split()
    if len(words) > 5 or len(line) > 50 or EMAIL_RE.search(line) or RANGE_RE.search(line) or ":" in line[:-1]:
        return None
    if line[:1].islower() or line.rstrip().endswith((".", ",", ";")) or re.search(r",|\s[-\u2013\u2014|@]\s|\d", line):
        return None  # "Project Officer - UNICEF, Kinshasa" is an entry, not the "Projects" heading
    first = re.split(r"\s*[-\u2013\u2014:(]\s*", line, maxsplit=1)
    if len(first) > 1 and first[1].strip() and canonical_language(first[0]):
        return None  # "Français - langue maternelle" is a language line, not the "Langues" heading
    folded = fold(line)
    if lexicon.has("headings", "internships", folded):
        return "internships"
    if lexicon.has("headings", "references", folded) and not lexicon.has("headings", "languages", folded):
        return "references"
    if lexicon.has("headings", "other", folded) and not lexicon.has("headings", "languages", folded):
        return "other"
    section = section_of(line)
    if section in ("employment", "education", "languages"):
        return section
    return None


# "PERSONAL INFORMATION   Lotte Peeters": the Europass label column beside the name
_AFTER_PERSONAL = lexicon.RawRegex(r"^\s{0,8}(?:" + _raw("headings", "personal") + r")\s{1,12}:?\s{0,3}(\S.{2,60})$",
                                   re.IGNORECASE)


def name_from_top(text: str) -> str:
    """The person's name near the top: one line ("Jane Roe"), or a first name and a family name on two lines, or
    after the personal-information heading on its line."""
    lines = []
    for ln in text.splitlines()[:10]:
        m = _AFTER_PERSONAL.match(ln.strip())
        lines.append(" ".join((ln.strip()[m.start(1):] if m else ln).split()))
    lines = [ln for ln in lines if ln]
    for i, line in enumerate(lines[:8]):
        if line.endswith(",") and i + 1 < len(lines) and 1 <= len(lines[i + 1].split()) <= 3:
            joined = _as_name(f"{line} {lines[i + 1]}")  # "MONDLANE," / "Américo"
            if joined:
                return joined
        words = line.split()
        if 1 <= len(words) <= 2 and i + 1 < len(lines) and _name_words_ok(words):
            following = lines[i + 1].split()
            if 1 <= len(following) <= 3 and _name_words_ok(following) and (len(words) == 1 or len(following) == 1):
                joined = _as_name(f"{line} {lines[i + 1]}")
                if joined:
                    return joined
        name = _as_name(line)
        if name:
            return name
    return ""


def _name_words_ok(words: list[str]) -> bool:
    line = " ".join(words)
    return (not _not_name(line) and not section_of(line) and not canonical_country(line)
            and all(re.fullmatch(r"[^\W\d_](?:[^\W\d_]|['\u2019.\-])*", w) and w[0].isupper() for w in words))


def _as_name(line: str) -> str:
    line = without_credentials(" ".join(line.replace("\u00b7", " ").split()))
    if line.count(",") == 1:  # "PEETERS, Lotte", "Van den Broeck, Anna": family name first
        family, first = (p.strip() for p in line.split(","))
        if not (family and first and len(first.split()) <= 3 and (len(family.split()) <= 3 or family.isupper())) \
                or canonical_country(first) or canonical_country(family):
            return ""  # "Brussels, Belgium" is a place
        line = person_name(line)
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 45 or _not_name(line) or section_of(line):
        return ""
    if any(ch.isdigit() for ch in line) or "@" in line or ":" in line or canonical_country(line):
        return ""
    if not all(re.fullmatch(r"[^\W\d_](?:[^\W\d_]|['\u2019.\-])*", w) for w in words):
        return ""
    if not all(w[0].isupper() for w in words if len(w) > 3):
        return ""
    return person_name(line)


def letter_signature(text: str) -> str:
    """The name after the closing formula ("Yours sincerely, Aïcha Mertens")."""
    for m in [*_CLOSING.finditer(text), *_CLOSING_LINE.finditer(text)]:
        rest = text[m.end():].lstrip(" ,!.\n")
        for line in rest.splitlines()[:3]:
            name = _as_name(line)
            if name:
                return name
    return ""


def parse_letter(text: str) -> ApplicantFacts:
    """Name and e-mail of a cover letter's author (header first, else the signature)."""
    text = capped(text)
    facts = ApplicantFacts()
    top = name_from_top(text)
    facts.name = top if top and EMAIL_RE.search("\n".join(text.splitlines()[:8])) else ""
    facts.name = facts.name or letter_signature(text) or top
    m = EMAIL_RE.search(text)
    facts.email = m.group(0).strip(".") if m else ""
    _birth_and_nationality(facts, text)
    return facts


def _own_email(text: str) -> str:
    """The first e-mail address outside the referees' section (theirs are other people's)."""
    for name, lines in sections(text):
        if name == "references":
            continue
        for line in lines:
            m = EMAIL_RE.search(line)
            if m:
                return m.group(0).strip(".")
    m = EMAIL_RE.search(text)
    return m.group(0).strip(".") if m else ""


def _birth_and_nationality(facts: ApplicantFacts, text: str) -> None:
    """The birth date and the present nationality after their labels ("Date of birth: ...", "Nationalité : ...")."""
    dm = None
    for dm in _DOB_RE.finditer(text):
        dob = parse_date(dm.group(1))
        if dob:
            facts.date_of_birth = dob
            break
    nm = next((m for m in _NAT_RE.finditer(text) if not m.group("birth")), None)  # the present one
    if nm is None and dm is not None and facts.date_of_birth:
        # "Geboren op 28/08/1996, Belg.", "Born on 3 May 1996, Belgian": the nationality after the birth date
        line = dm.group(1).split("\n", 1)[0]
        year = re.search(r"\d{4}", line)
        adjective = line[year.end():].strip(" ,;.") if year else ""
        if 0 < len(adjective.split()) <= 2 and _nationality(adjective):
            facts.nationality_raw, facts.nationality = adjective, _nationality(adjective)
        return
    if nm:
        facts.nationality_raw = _before_next_label(text[nm.start("value"):nm.end("value")])  # as written
        if not canonical_country(facts.nationality_raw):
            # "Nationalité : République démocratique du" / "Congo": a country name wrapped onto the next line.
            following = text[nm.end():].lstrip(" \t").split("\n", 2)
            if len(following) > 1 and len(following[1].split()) <= 3 and not following[0].strip():
                longer = f"{facts.nationality_raw} {following[1].strip()}"
                if canonical_country(longer):
                    facts.nationality_raw = longer
        facts.nationality = _nationality(facts.nationality_raw)


def parse_cv(text: str, *, largest: str = "", topmost: str = "", headings: frozenset[str] | None = None
             ) -> ApplicantFacts:
    """The facts a free-form CV gives; ``largest`` is the line set in the largest type on its first page (the
    name, in most templates), ``topmost`` its highest line, ``headings`` the lines its typography sets as headings."""
    text = capped(text)
    facts = ApplicantFacts(name=_as_name(without_credentials(largest)) or _as_name(without_credentials(topmost))
                           or name_from_top(text) or _labelled_name(text))
    facts.email = _own_email(text)
    _birth_and_nationality(facts, text)
    mt = _MOTHER_RE.search(text)
    for part in re.split(r"\s*,\s*|\s+(?:and|et|en|und|y|e)\s+", mt.group(1))[:4] if mt else ():
        if canonical_language(part):  # "Changana, Português", "Français et arabe"
            facts.languages.append(LanguageSkill(canonical_language(part) or "", mother_tongue=True))
    known = {s.language: s for s in facts.languages}
    for name, lines in sections(join_wrapped(text), headings):
        if name != "languages":  # "English  C1 C1 B2 B2 C1": a row of the Europass grid under any heading
            for line in lines:
                _cefr_row(facts, known, line)
        if name in ("employment", "internships"):
            facts.employment.extend(employment(lines, internships=name == "internships"))
        elif name == "education":
            facts.education.extend(education(lines))
        elif name == "languages":
            _languages(facts, lines)
        for line in lines:
            inline = _INLINE_LANGS.match(line)
            if inline and name != "languages":
                _languages(facts, [line[inline.start(1):inline.end(1)]])
    return facts


def join_wrapped(text: str) -> str:
    """Join the lines a CV template wraps inside a date range: "(octobre 2025 –" / "février 2026)", "2017 –" /
    "Present", "(September 2020 - August" / "2021)"."""
    lines = [ln for ln in text.splitlines() if not _FOLIO.match(ln)]
    out: list[str] = []
    for line in lines:
        if out and (_continues_range(out[-1], line) or _wrapped_before_range(out[-1], line)
                    or _wrapped_heading(out[-1], line)):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped_heading(previous: str, line: str) -> bool:
    """ "Master en sciences de la population – Université libre" / "de Bruxelles": a short line of words that starts
    in small letters goes on with the entry's heading above it (never a date, a bullet or a heading)."""
    text, prev = line.strip(), previous.strip()
    words = text.split()
    if not words or len(words) > 4 or not text[0].islower() or any(ch.isdigit() for ch in text) or \
            RANGE_RE.search(text) or _DATE_START.match(text):
        return False
    return bool(prev) and prev[-1] not in ".:;!?" and is_head_like(prev) and _heading(prev) is None \
        and degree_level(prev) in _DEGREE_LEVELS


def _wrapped_before_range(previous: str, line: str) -> bool:
    """ "Master en économie, Université de" / "Bamako (sept. 2014 - juin 2015)": a heading wrapped just before the
    dates it ends with (the dates are in brackets and at most three words precede them, or up to eight when the
    line above names a degree and these words do not: "Master of Laws ..., Institute of Social" / "Studies (ISS),
    Erasmus University (09/2021 - 08/2022)")."""
    m = RANGE_RE.search(line)
    if m is None or "(" not in m.group(0) or line[m.end():].strip():
        return False
    prev = previous.strip()
    words = len(line[: m.start()].split())
    if words > 3 and (words > 8 or degree_level(prev) not in _DEGREE_LEVELS
                      or degree_level(line[: m.start()]) in _DEGREE_LEVELS):
        return False
    return bool(prev) and not RANGE_RE.search(prev) and is_head_like(prev) and not prev.endswith(".") \
        and _heading(prev) is None


_DEGREE_LEVELS = frozenset({"bachelor", "master", "doctorate"})


_DATE_START = lexicon.RawRegex(r"^\s*(?:\d|[^\W\d_]{3,}\.?\s*,?\s*\d{4}|" + PRESENT + r")", re.IGNORECASE)


def _continues_range(previous: str, line: str) -> bool:
    prev = previous.rstrip()
    if re.search(r"[-\u2010-\u2015\u2212\u00ad]$|\s(?:to|au|à|tot|until)$", prev, re.IGNORECASE) \
            and _DATE_START.match(line):
        return True
    opened = prev.rfind("(")
    return (opened > prev.rfind(")") and len(line.strip()) < 40 and ")" in line
            and bool(re.search(r"\d{4}", prev[opened:] + line)))


def _labelled_name(text: str) -> str:
    """The name after a name label near the top, as "First Family" (a family name in capitals moves last)."""
    top = "\n".join(text.splitlines()[:15])
    m = _NAME_LABEL.search(top)
    if m is None:
        return ""
    return _as_name(person_name(top[m.start(1):m.end(1)].strip()))  # "DUPONT Claire" -> "Claire Dupont"


def _before_next_label(value: str) -> str:
    """A value without the next label on its line: "Belgian  Date of birth: 07/09/1994" -> "Belgian"."""
    value = re.split(r"\t|\s{2,}", value.strip(), maxsplit=1)[0]
    colon = value.find(":")
    if colon > 0:
        split = trailing_label(value[:colon])
        if split is not None and split[0].strip():
            value = split[0]
    return value.strip()


def _cefr_levels(skill: LanguageSkill, line: str) -> bool:
    """The level from "Listening C1 Reading C1 Spoken production B2 ... Writing B1"; True when any is there."""
    codes = [m.group(2) for m in _CEFR_PAIR.finditer(fold(line))]
    if codes:
        _cefr_band(skill, codes)
    return bool(codes)


_BAND_RANK = {"basic": 1, "working": 2, "fluent": 3}


def _cefr_band(skill: LanguageSkill, codes: list[str]) -> None:
    """The CEFR band of a language's lowest skill as its level: C1-C2 proficient (fluent), B1-B2 independent
    (working), A1-A2 basic; a second line of the same grid can only lower it."""
    if skill.mother_tongue:
        return
    level = stated_level(min(code.upper() for code in codes))
    if level and (skill.stated_level is None or _BAND_RANK[level] < _BAND_RANK[skill.stated_level]):
        skill.stated_level = level


_CEFR_ROW = re.compile(r"^(?P<lang>[^\W\d_][^\d:]{1,40}?)[ \t]{1,8}(?P<levels>(?:[ABC][12][ \t]{0,8}){3,6})$",
                       re.IGNORECASE)


def _cefr_row(facts: ApplicantFacts, known: dict[str, LanguageSkill], line: str) -> bool:
    """ "Englisch   A1   A2   A2   A1   A1": a language's row of the European self-assessment grid, one CEFR level
    per skill; its level is the lowest of them."""
    m = _CEFR_ROW.match(line.strip()[:120])
    lang = canonical_language(m.group("lang")) if m else None
    if m is None or lang is None:
        return False
    codes = m.group("levels").upper().split()
    skill = known.get(lang)
    if skill is None:
        skill = LanguageSkill(lang)
        facts.languages.append(skill)
        known[lang] = skill
    _cefr_band(skill, codes)
    return True


def _brackets_joined(lines: list[str]) -> list[str]:
    """ "Anglais (Capacité" / "professionnelle complète)": a bracket left open at a line's end closed on the next."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].count("(") > out[-1].count(")") and ")" in line and len(out[-1]) < 80:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def _languages(facts: ApplicantFacts, lines: list[str]) -> None:
    """ "English - fluent (C1)", "Français : langue maternelle", "Dutch (native), French (B2)", "English, French"; a
    line of CEFR levels per skill applies to the language named just before it."""
    known = {s.language: s for s in facts.languages}
    last: LanguageSkill | None = None
    for line in _brackets_joined(lines):
        if last is not None and not canonical_language(line.split(":")[0]) and _cefr_levels(last, line):
            continue
        if _cefr_row(facts, known, line):
            last = None
            continue
        last = None
        for chunk in re.split(r"[;•·|]|,(?![^()]*\))|\s{3,}", line):
            chunk = chunk.strip(" -\u2013*")
            if not chunk:
                continue
            parts = re.split(r"\s*[:(\u2013\u2014]\s*|\s+-\s+|\s*-\s+|\s+-\s*", chunk, maxsplit=1)
            words = parts[0].split()
            if len(parts) == 1 and len(words) > 1 and canonical_language(words[0]) and \
                    canonical_language(" ".join(words)) == canonical_language(words[0]):
                parts = [words[0], " ".join(words[1:])]  # "Nederlands moedertaal", "Frans goed (B2)"
            lang = canonical_language(parts[0])
            if not lang:
                continue
            level_text = parts[1].strip(" )") if len(parts) > 1 else ""
            mother = is_mother_tongue(level_text)
            skill = known.get(lang)
            if skill is None:
                skill = LanguageSkill(lang)
                facts.languages.append(skill)
                known[lang] = skill
            skill.mother_tongue = skill.mother_tongue or mother
            skill.stated_level = skill.stated_level or stated_level(level_text)
            if not _cefr_levels(skill, level_text) and not skill.stated_level:
                last = skill

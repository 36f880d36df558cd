"""Free-form CVs and cover letters: name, e-mail, birth date, nationality, dated entries and languages."""

from __future__ import annotations

import re

from jpo_tui.parsing.dates import fold, is_present, month_number, parse_date, parse_range
from jpo_tui.parsing.degrees import degree_level, education_entry
from jpo_tui.parsing.interpret import EMAIL_RE, _nationality, is_intern_title
from jpo_tui.parsing.labels import section_of
from jpo_tui.parsing.languages import canonical_language, stated_level
from jpo_tui.parsing.records import ApplicantFacts, EmploymentEntry, LanguageSkill, YearMonth

_PRESENT = r"(?:present|current|now|ongoing|today|aujourd['\u2019]hui|à ce jour|a ce jour|en cours|heden|nu|heute)"
_D = r"(?:(?:[^\W\d_]{3,}\.?\s*)?\d{4}|\d{1,2}[/.]\d{4}|\d{4}[-/]\d{1,2})"
RANGE_RE = re.compile(
    r"\(?\s*(" + _D + r")\s*(?:[-\u2010-\u2015\u2212\u00ad]+|\bto\b|\bau\b|\bà\b|\btot\b|\buntil\b)\s*(" + _D + "|"
    + _PRESENT + r")\s*\)?", re.IGNORECASE)
_SINGLE_YEAR = re.compile(r"\(\s*(\d{4})\s*\)")
_DOB_RE = re.compile(
    r"(?:\bborn(?:\s+on)?|\bn[ée]e?\s+le|date of birth|date de naissance|geboren(?:\s+op)?|geboortedatum|\bdob)"
    r"\s*[:\-]?\s*(.{6,40})", re.IGNORECASE)
_NAT_RE = re.compile(r"\b(?:nationality|nationalit[ée]|citizenship|nationaliteit)\s*[:\-]?\s*([^\n·|•;,]{3,60})",
                     re.IGNORECASE)
_MOTHER_RE = re.compile(r"\b(?:mother tongue|native language|langue maternelle|moedertaal)\s*[:\-]?\s*([^\n·|•;,(]+)",
                        re.IGNORECASE)
_SALUTATION = re.compile(r"^\s*(dear|madame|monsieur|mesdames|to whom|geachte|beste|sehr geehrte|estimad[oa]s?)",
                         re.IGNORECASE | re.MULTILINE)
_CLOSING = re.compile(r"(yours\s*(sincerely|faithfully|truly)|^\s*sincerely|kind\s*regards|best\s*regards|"
                      r"veuillez\s*agr[ée]er|je vous prie d.agr[ée]er|cordialement|met vriendelijke groet|"
                      r"hochachtungsvoll|mit freundlichen)[^,\n]*,?", re.IGNORECASE | re.MULTILINE)
_NOT_NAME = re.compile(r"\b(curriculum|vitae|resume|résumé|cv|dear|madame|monsieur|page|profile|contact)\b",
                       re.IGNORECASE)
_INSTITUTION = re.compile(r"\b(universit\w*|institut\w*|school|college|coll[eè]ge|hogeschool|academ\w*|ecole|école|"
                          r"polytechni\w*|faculty|facult[eé])\b", re.IGNORECASE)


def is_letter(text: str) -> bool:
    """A salutation or a closing formula."""
    return bool(_SALUTATION.search(text) or _CLOSING.search(text) or re.search(r"(?im)^\s*dear", text))


def sections(text: str) -> list[tuple[str, list[str]]]:
    """(section, lines) from short heading lines such as "EDUCATION", "Expérience professionnelle"."""
    out: list[tuple[str, list[str]]] = [("top", [])]
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        name = _heading(stripped)
        if name:
            out.append((name, []))
        else:
            out[-1][1].append(stripped)
    return out


def _heading(line: str) -> str | None:
    words = line.split()
    if len(words) > 5 or len(line) > 50 or EMAIL_RE.search(line) or RANGE_RE.search(line) or ":" in line[:-1]:
        return None
    folded = fold(line)
    if re.search(r"\b(skills?|competences?|vaardigheden|projects?|projets|publications?|certifications?|"
                 r"awards?|interests?|hobbies|summary|profile|objective|references?)\b", folded):
        return "other"
    section = section_of(line)
    if section in ("employment", "education", "languages"):
        return section
    return None


def name_from_top(text: str) -> str:
    """The first line near the top that reads as a person's name."""
    for line in text.splitlines()[:8]:
        name = _as_name(line)
        if name:
            return name
    return ""


def _as_name(line: str) -> str:
    line = " ".join(line.replace("\u00b7", " ").split())
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 45 or _NOT_NAME.search(line) or section_of(line):
        return ""
    if any(ch.isdigit() for ch in line) or "@" in line or ":" in line:
        return ""
    if not all(re.fullmatch(r"[^\W\d_][^\W\d_'\u2019.\-]*\.?", w) for w in words):
        return ""
    if not all(w[0].isupper() for w in words if len(w) > 3):
        return ""
    return line.title() if line.isupper() else line


def letter_signature(text: str) -> str:
    """The name after the closing formula ("Yours sincerely, Aïcha Mertens")."""
    for m in _CLOSING.finditer(text):
        rest = text[m.end():].lstrip(" ,\n")
        for line in rest.splitlines()[:3]:
            name = _as_name(line)
            if name:
                return name
    return ""


def parse_letter(text: str) -> ApplicantFacts:
    """Name and e-mail of a cover letter's author (header first, else the signature)."""
    facts = ApplicantFacts()
    top = name_from_top(text)
    facts.name = top if top and EMAIL_RE.search("\n".join(text.splitlines()[:8])) else ""
    facts.name = facts.name or letter_signature(text) or top
    m = EMAIL_RE.search(text)
    facts.email = m.group(0).strip(".") if m else ""
    return facts


def parse_cv(text: str) -> ApplicantFacts:
    """The facts a free-form CV gives."""
    facts = ApplicantFacts(name=name_from_top(text))
    m = EMAIL_RE.search(text)
    facts.email = m.group(0).strip(".") if m else ""
    for dm in _DOB_RE.finditer(text):
        dob = parse_date(dm.group(1))
        if dob:
            facts.date_of_birth = dob
            break
    nm = _NAT_RE.search(text)
    if nm:
        facts.nationality_raw = nm.group(1).strip()
        facts.nationality = _nationality(facts.nationality_raw)
    mt = _MOTHER_RE.search(text)
    if mt and canonical_language(mt.group(1)):
        facts.languages.append(LanguageSkill(canonical_language(mt.group(1)) or "", mother_tongue=True))
    for name, lines in sections(_join_ranges(text)):
        if name == "employment":
            facts.employment.extend(_employment(lines))
        elif name == "education":
            facts.education.extend(_education(lines))
        elif name == "languages":
            _languages(facts, lines)
    return facts


def _join_ranges(text: str) -> str:
    """ "2017 –\\nPresent" -> "2017 – Present" (CV templates break ranges over lines)."""
    return re.sub(r"([-\u2013\u2014\u00ad])\s*\n\s*(?=\d|[^\W\d_]+\s*\d{4}|" + _PRESENT + r")", r"\1 ", text,
                  flags=re.IGNORECASE)


def _ranges(line: str) -> list[re.Match[str]]:
    out = []
    for m in RANGE_RE.finditer(line):
        words = re.findall(r"[^\W\d_]{3,}", m.group(1))
        if words and not month_number(words[0]):
            continue
        out.append(m)
    return out


def _entries(lines: list[str]) -> list[tuple[str, YearMonth | None, YearMonth | None, bool, list[str]]]:
    """(heading text, start, end, present, following lines) for each dated line."""
    entries: list[tuple[str, YearMonth | None, YearMonth | None, bool, list[str]]] = []
    pending_head = ""
    for i, line in enumerate(lines):
        found = _ranges(line)
        single = _SINGLE_YEAR.search(line) if not found else None
        if not found and not single:
            if entries:
                entries[-1][4].append(line)
            continue
        if found:
            m = found[0]
            start, end, present = parse_range(f"{m.group(1)} - {m.group(2)}")
            if is_present(m.group(2)):
                present, end = True, None
            head = (line[: m.start()] + " " + line[m.end():]).strip(" ,;|-–")
        else:
            start, end, present = None, parse_range(single.group(1))[0], False
            head = (line[: single.start()] + line[single.end():]).strip(" ,;|-–")
        if not head and i + 1 < len(lines):
            head = lines[i + 1]
        entries.append((head or pending_head, start, end, present, []))
    return entries


def _split_head(head: str) -> tuple[str, str]:
    parts = [p.strip() for p in re.split(r",|\s[|–—@]\s|\sat\s|\schez\s", head) if p.strip()]
    if not parts:
        return "", ""
    return parts[0], (parts[1] if len(parts) > 1 else "")


def _employment(lines: list[str]) -> list[EmploymentEntry]:
    out = []
    for head, start, end, present, rest in _entries(lines):
        title, employer = _split_head(head)
        if end is not None and end.approximate:
            end = YearMonth(end.year, 12, approximate=True)
        out.append(EmploymentEntry(start=start, end=end, present=present, title=title, employer=employer,
                                   duties=" ".join(rest), internship=is_intern_title(title)))
    return out


def _education(lines: list[str]) -> list:
    out = []
    for head, start, end, present, _ in _entries(lines):
        first, second = _split_head(head)
        degree, institution = first, second
        if _INSTITUTION.search(first) and not _INSTITUTION.search(second) and degree_level(second) != "other":
            degree, institution = second, first
        if end is not None and end.approximate:
            end = YearMonth(end.year, 6, approximate=True)
        out.append(education_entry(degree, institution, start, end, ongoing=present))
    return out


def _languages(facts: ApplicantFacts, lines: list[str]) -> None:
    known = {s.language for s in facts.languages}
    for line in lines:
        for chunk in re.split(r"[;•·|]|,(?![^()]*\))", line):
            m = re.match(r"\s*([^\W\d_][^:(\-–]*?)\s*(?:[:(\-–]\s*(.*?))?\)?\s*$", chunk)
            if not m:
                continue
            lang = canonical_language(m.group(1))
            if not lang or lang in known:
                continue
            level_text = m.group(2) or ""
            mother = bool(re.search(r"mother|native|maternelle|moedertaal", fold(level_text)))
            facts.languages.append(LanguageSkill(lang, mother_tongue=mother, stated_level=stated_level(level_text)))
            known.add(lang)

"""Dated entries of a free-form CV: date ranges in any common spelling, and the job or degree each one dates.

A range may sit on the entry's own line ("Intern, UNICEF (Sept. 2021 - Feb. 2022)"), on a line of its own before
or after it ("juillet 2025 à décembre 2025" / "Stagiaire - Croix-Rouge, Mons"), be wrapped over two lines, end
with "present" / "à ce jour" / "to date", or with an expected date ("en cours, juin 2027", "expected 2027-06").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.records import EducationEntry, EmploymentEntry, YearMonth
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.dates import month_number, parse_year_month
from jpo_tui.ingest.degrees import degree_level, education_entry
from jpo_tui.ingest.labels import field_key

PRESENT = lexicon.alternation("words", "present", raw=True)
_EXPECTED = lexicon.alternation("words", "expected", raw=True)
# A date: "(3rd) March 2019", "Mar-2019", "03/2019", "2019-03", "12.03.2019", "2019". Every repeat is bounded and a month
# word must start a word, so no pattern backtracks over a long run of letters or spaces.
_JOINER = lexicon.alternation("words", "month_joiner", raw=True)  # "enero de 2021", "gennaio del 2020"
_DATE = (r"(?:(?:\d{1,2}(?:st|nd|rd|th|er)?\s{1,3})?(?<![^\W\d_])[^\W\d_]{3,12}\.?(?:\s{0,3},?\s{0,3}|[-/]|\s{1,3}(?:"
         + _JOINER + r")\s{1,3})\d{4}|"
         r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{1,2}[/.\-]\d{4}|"
         r"\d{4}[/.\-]\d{1,2}(?!\d)|\d{4})")
_SEP = (r"(?:[ \t]{0,3}[-\u2010-\u2015\u2212\u00ad]{1,3}>?[ \t]{0,3}|[ \t]{0,3}[\u2192\u21d2\u25ba\u27a4\u279c][ \t]{0,3}|"
        r"[ \t]{1,3}/[ \t]{1,3}|\s{1,3}(?=to\s+date\b)|\s{1,3}(?:" + lexicon.alternation("words", "range_to", raw=True) + r")\s{1,3})")
RANGE_RE = lexicon.RawRegex(
    r"\(?[ \t]{0,3}(?<![\d/.\-])(" + _DATE + r")" + _SEP + r"(" + _EXPECTED + r"\s{0,3}:?\s{0,3}" + _DATE + r"|" + PRESENT
    + r"(?:\s{0,3}[,:]?\s{0,3}(?:" + _EXPECTED + r"\s{0,3}:?\s{0,3})?" + _DATE + r")?|" + _DATE + r")(?![\d/])[ \t]{0,3}\)?",
    re.IGNORECASE)
_SINGLE_RE = lexicon.RawRegex(r"\(?[ \t]{0,3}(?:(" + _EXPECTED + r")\s{0,3}:?\s{0,3})?(?<![\d/.\-])(" + _DATE
                        + r")(?![\d/.\-])[ \t]{0,3}\)?", re.IGNORECASE)
# An open range on an entry's line: "since March 2021", "depuis mars 2021" (until now).
_SINCE_RE = lexicon.RawRegex(r"\(?[ \t]{0,3}" + lexicon.alternation("words", "since", raw=True) + r"\s{1,3}(" + _DATE
                       + r")(?![\d/])[ \t]{0,3}\)?", re.IGNORECASE)
MAX_LINE_CHARS = 600  # a line of a CV is cut to this before its dates are looked for
_PRESENT_RE = lexicon.RawRegex(r"^" + PRESENT, re.IGNORECASE)
_EXPECTED_RE = lexicon.RawRegex(r"^" + _EXPECTED, re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\uf0b7\uf0a7*\u00b7\u2013\u2014>]\s")
_INTERN_RE = lexicon.raw_pattern("words", "internship")
_INSTITUTION = re.compile(r"\b(universit\w*|institut\w*|school|college|coll[eè]ge|hogeschool|academ\w*|ecole|école|"
                          r"polytechni\w*|faculty|facult[eé]|sciences po|graduate institute)\b", re.IGNORECASE)
_HEAD_SPLIT = re.compile(r"\s*,\s*|\s+[-|\u2013\u2014@\u00b7]\s+|\s+(?:at|chez|bij|auprès de|aupres de)\s+")


@dataclass
class Dated:
    """One dated entry: its heading text, its dates and the lines that follow it."""

    head: str
    start: YearMonth | None
    end: YearMonth | None
    present: bool = False
    expected: bool = False
    rest: list[str] = field(default_factory=list)


@lru_cache(maxsize=8192)
def find_ranges(line: str) -> tuple[re.Match[str], ...]:
    """Date ranges in a line whose words, where there are any, are month names; on a line that is not a bullet or a
    sentence, an open range ("since March 2021") too."""
    line = line[:MAX_LINE_CHARS]
    out = _matches(RANGE_RE, line, lambda m: all(_months_ok(g) for g in (m.group(1), m.group(2))))
    if not out and not _BULLET.match(line) and not line.rstrip().endswith(".") and len(line.split()) <= 16:
        out = _matches(_SINCE_RE, line, lambda m: _months_ok(m.group(1)))
    return tuple(out)  # shared by the cache: immutable


def _matches(pattern: lexicon.RawRegex, line: str, ok: Callable[[re.Match[str]], bool]) -> list[re.Match[str]]:
    """Every match that ``ok`` accepts; after a refused one the search goes on from its first digit, so a word
    before a year ("School of Hygiene, 2018", "University, 2017 - 2019") does not hide the year."""
    out: list[re.Match[str]] = []
    pos = 0
    while (m := pattern.search(line, pos)) is not None:
        if ok(m):
            out.append(m)
            pos = max(m.end(), pos + 1)
            continue
        digit = re.search(r"\d", line[m.start():m.end()])
        pos = max(m.start() + (digit.start() if digit else m.end() - m.start()), pos + 1)
    return out


def _months_ok(text: str) -> bool:
    if _PRESENT_RE.match(text.strip()):
        text = _PRESENT_RE.sub("", text.strip())
    text = _EXPECTED_RE.sub("", text.strip().lstrip(",: ")).strip(" :")
    words = re.findall(r"[^\W\d_]{3,}", text[:200])
    return not words or bool(month_number(words[0]))


def _range_dates(m: re.Match[str]) -> tuple[YearMonth | None, YearMonth | None, bool, bool]:
    """(start, end, present, expected) of a matched range; a year-only end is read as December."""
    if m.re is _SINCE_RE.regex:
        return parse_year_month(m.group(1)), None, True, False
    start = parse_year_month(m.group(1))
    end_text = m.group(2).strip()
    present = bool(_PRESENT_RE.match(end_text))
    rest = _PRESENT_RE.sub("", end_text).strip(" ,:") if present else end_text
    expected = bool(_EXPECTED_RE.match(rest))
    end = parse_year_month(_EXPECTED_RE.sub("", rest)) if rest else None
    if end is not None and end.approximate:
        end = YearMonth(end.year, 12, approximate=True)
    return start, end, present and not expected and end is None, expected or (present and end is not None)


def is_head_like(line: str) -> bool:
    """A line that can name a job or a degree: short, not a bullet, not a sentence."""
    words = line.split()
    if not words or len(words) > 16 or len(line) > 140 or _BULLET.match(line):
        return False
    return not (line.rstrip().endswith(".") and len(words) > 8) and not find_ranges(line)


def dated_entries(lines: list[str], *, singles: bool = False) -> list[Dated]:
    """Entries from a section's lines; a range alone on its line takes as its heading the line after it or the one
    before it, whichever way the section is written (the way that gives more ranges their heading from that side,
    then more short headings; the line after when both do as well). With ``singles`` a line with one date ("MSc, KU Leuven, 2019") is an
    entry ending then."""
    lines = [_academic_years(line[:MAX_LINE_CHARS]) for line in lines]
    after, after_score = _dated_entries(lines, singles, head_after=True)
    before, before_score = _dated_entries(lines, singles, head_after=False)
    return before if before_score > after_score else after


_AY = r"(\d{4})\s*/\s*(\d{4}|\d{2})"
_AY_RANGE = re.compile(r"(?<![\d/.\-])" + _AY + r"(\s*[-\u2013\u2014]\s*|\s+(?:to|au|à|a)\s+)" + _AY + r"(?![\d/.\-])")
_AY_ONE = re.compile(r"(?<![\d/.\-])" + _AY + r"(?![\d/.\-])")


def _second_year(first: str, second: str) -> str | None:
    """The later year of an academic year "2017/2018" or "2019/20"; None when it is no such pair ("2019/11" is
    November 2019)."""
    if len(second) == 2:
        if int(second) <= 12:
            return None
        second = first[:2] + second
    return second if 0 < int(second) - int(first) <= 10 else None


def _academic_years(line: str) -> str:
    """Academic years written as ranges: "2017/2018" -> "2017 - 2018", "2013/14 - 2015/16" -> "2013 - 2016"."""
    def whole(m: re.Match[str]) -> str:
        a, b, sep, c, d = m.groups()
        end = _second_year(c, d)
        return f"{a} - {end}" if _second_year(a, b) and end else m.group(0)

    def one(m: re.Match[str]) -> str:
        end = _second_year(m.group(1), m.group(2))
        return f"{m.group(1)} - {end}" if end else m.group(0)

    if "/" not in line:
        return line
    return _AY_ONE.sub(one, _AY_RANGE.sub(whole, line))


def _dated_entries(lines: list[str], singles: bool, *, head_after: bool) -> tuple[list[Dated], tuple[int, int]]:
    """The entries, and how many ranges alone on their line found their heading on the preferred side, then how
    many of those headings are short (a long line there is more likely the first line of a description)."""
    entries: list[Dated] = []
    before: list[str] = []  # lines ahead of the first entry
    taken: set[int] = set()
    last_kept = -1  # index of the line last put into an entry's text (or ahead of the first entry)
    preferred = short = 0
    for i, line in enumerate(lines):
        if i in taken:
            continue
        found = find_ranges(line)
        if found:
            m = found[0]
            start, end, present, expected = _range_dates(m)
            head = _strip_head(line[: m.start()] + " " + line[m.end():])
        elif singles and (single := _single_date(line)) is not None:
            start, present = None, False
            end, expected, head = single
        else:
            (entries[-1].rest if entries else before).append(line)
            last_kept = i
            continue
        beside = head
        if _not_a_heading(head):
            head = ""  # "Dates  01/03/2019 → present", "01/03/2019 – CURRENT Brussels, Belgium": look around
        if not head:
            previous = entries[-1].rest if entries else before
            has_after = i + 1 < len(lines) and is_head_like(lines[i + 1])
            has_before = bool(previous) and last_kept == i - 1 and is_head_like(previous[-1])
            if has_after and (head_after or not has_before):
                head = lines[i + 1]
                taken.add(i + 1)
                preferred += head_after
                short += head_after and _short(head)
            elif has_before:
                head = previous.pop()
                preferred += not head_after
                short += not head_after and _short(head)
        head = head or beside
        entries.append(Dated(head, start, end, present, expected))
    return entries, (preferred, short)


def _short(line: str) -> bool:
    return len(line.split()) <= 10 and len(line) <= 90


def _not_a_heading(text: str) -> bool:
    """A date label ("Dates", "Période") or a place alone ("Brussels, Belgium") left beside a range: the entry's
    heading is on a line of its own."""
    if field_key(text) in ("period", "from", "to"):
        return True
    parts = [p.strip() for p in text.split(",")]
    return (len(parts) == 2 and len(text.split()) <= 4 and canonical_country(parts[-1]) is not None
            and not is_intern(text) and degree_level(text) in ("other", "unknown"))


_LABELLED = re.compile(r"^(.{3,70}?)(?:\s{2,}|\t|\s*:\s+)(\S.*)$")


def _unlabelled(text: str) -> str:
    """A heading printed after its label ("Occupation or position held  Programme Officer") without the label."""
    m = _LABELLED.match(text)
    return m.group(2) if m and field_key(m.group(1)) is not None else text


def _single_date(line: str) -> tuple[YearMonth | None, bool, str] | None:
    matches = _matches(_SINGLE_RE, line, lambda m: _months_ok(m.group(2)))
    if len(matches) != 1 or degree_level(line) in ("other", "unknown"):
        return None
    m = matches[0]
    end = parse_year_month(m.group(2))
    if end is not None and end.approximate:
        end = YearMonth(end.year, 6, approximate=True)
    return end, bool(m.group(1)), _strip_head(line[: m.start()] + " " + line[m.end():])


def _strip_head(text: str) -> str:
    text = re.sub(r"\(\s*\)", " ", text)
    return " ".join(text.split()).strip(" ,;|-\u2013\u2014:()")


def split_head(head: str) -> list[str]:
    """ "Title, Employer, City" / "Title - Employer" / "Title at Employer" -> its parts."""
    return [p.strip() for p in _HEAD_SPLIT.split(head) if p and p.strip()]


def is_intern(text: str) -> bool:
    """True when a title names an internship (Intern, Stagiaire, Stage, Trainee...)."""
    return bool(_INTERN_RE.search(text or ""))


def employment(lines: list[str], *, internships: bool = False) -> list[EmploymentEntry]:
    """Jobs from an experience section (``internships`` when the section is headed as such)."""
    out = []
    for e in dated_entries(lines):
        parts = split_head(_unlabelled(e.head))
        title = parts[0] if parts else ""
        employer = parts[1] if len(parts) > 1 else ""
        out.append(EmploymentEntry(start=e.start, end=e.end, present=e.present, title=title, employer=employer,
                                   duties=" ".join(e.rest), internship=internships or is_intern(e.head)))
    return out


def education(lines: list[str]) -> list[EducationEntry]:
    """Degrees from an education section: the part naming a degree level is the degree, a university the place."""
    out = []
    for e in dated_entries(lines, singles=True):
        parts = split_head(e.head)
        if degree_level(e.head) in ("other", "unknown") and e.rest and is_head_like(e.rest[0]):
            parts += split_head(e.rest[0])
        degree = next((p for p in parts if degree_level(p) not in ("other", "unknown")), "")
        institution = next((p for p in parts if p != degree and _INSTITUTION.search(p)), "")
        if not degree:
            degree = next((p for p in parts if p != institution), "")
        if not institution:
            institution = next((p for p in parts if p != degree), "")
        end = e.end
        if end is not None and end.approximate:
            end = YearMonth(end.year, 6, approximate=True)
        out.append(education_entry(degree, institution, e.start, end, ongoing=e.present or e.expected))
    return out

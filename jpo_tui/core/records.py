"""Plain records produced by the document parsers: the contract between parsing and the database.

Nothing here knows about PDFs, SQL or Textual; parsers fill these, the importer stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DocumentKind = Literal["p11", "cv", "cover_letter", "other"]
DegreeLevel = Literal["doctorate", "master", "bachelor", "secondary", "other", "unknown"]
LanguageLevel = Literal["fluent", "working", "basic"]

DEGREE_RANK: dict[str, int] = {"doctorate": 4, "master": 3, "bachelor": 2, "secondary": 1, "other": 0, "unknown": 0}


class DocumentRefused(Exception):
    """A file that cannot be imported; ``reason`` is one line a committee member understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month; ``approximate`` when the document gave only a year."""

    year: int
    month: int
    approximate: bool = False

    def index(self) -> int:
        """Months since year 0, for arithmetic."""
        return self.year * 12 + (self.month - 1)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class LanguageSkill:
    language: str
    read: bool | None = None
    write: bool | None = None
    speak: bool | None = None
    understand: bool | None = None
    mother_tongue: bool = False
    stated_level: LanguageLevel | None = None  # a CV's "fluent / good / basic" when no grid is given

    @property
    def level(self) -> LanguageLevel:
        """fluent = all four easily (or mother tongue); working = speaks and understands easily; else basic."""
        if self.mother_tongue:
            return "fluent"
        skills = (self.read, self.write, self.speak, self.understand)
        if any(s is not None for s in skills):
            if all(skills):
                return "fluent"
            if self.speak and self.understand:
                return "working"
            return "basic"
        return self.stated_level or "basic"


@dataclass
class EducationEntry:
    institution: str = ""
    degree: str = ""
    start: YearMonth | None = None
    end: YearMonth | None = None
    level: DegreeLevel = "unknown"
    ongoing: bool = False


@dataclass
class EmploymentEntry:
    start: YearMonth | None = None
    end: YearMonth | None = None
    present: bool = False
    title: str = ""
    employer: str = ""
    duties: str = ""
    internship: bool = False
    relevant: bool = True  # a reviewer can mark an entry "not relevant"; it then counts for no experience


@dataclass
class ApplicantFacts:
    """What a P11 or CV says about its author (never about referees, supervisors or dependants)."""

    name: str = ""
    family_name: str = ""
    first_name: str = ""
    date_of_birth: date | None = None
    nationality: str = ""  # canonical English short name where recognised, else as written
    nationality_raw: str = ""
    email: str = ""
    languages: list[LanguageSkill] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    employment: list[EmploymentEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read_by_ocr: list[str] = field(default_factory=list)  # the facts above taken from a document read by OCR


# The start of every flag and warning that says a value was read by OCR (a person must check it).
OCR_MARK = "read by OCR: check"


@dataclass
class ParsedDocument:
    """One PDF after reading: its kind, its text (what reviewers read and keywords are matched in) and facts."""

    path: str
    sha256: str
    kind: DocumentKind
    layout: str  # form | flat | grid | cv | letter | php | ... (how it was read)
    pages: int
    text: str
    facts: ApplicantFacts | None = None
    flags: list[str] = field(default_factory=list)
    size_bytes: int = 0
    # Keyword hits in ``text`` (matching.KeywordHit), computed by the importer's reader processes.
    hits: list = field(default_factory=list)
    # ``facts`` as the JSON-safe dict stored with the document, made by the reader process (spares the parent).
    facts_data: dict | None = None
    # True when the text was read from images of the pages (OCR): every value then needs checking by a person.
    read_by_ocr: bool = False

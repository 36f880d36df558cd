"""Document parsing: PDFs (P11 forms, CVs, cover letters) -> ParsedDocument records with the applicant's facts."""

from jpo_tui.parsing.document import NO_TEXT_FLAG, parse_pdf_bytes, read_pdf
from jpo_tui.parsing.merge import merge_facts
from jpo_tui.parsing.records import (
    ApplicantFacts,
    DocumentRefused,
    EducationEntry,
    EmploymentEntry,
    LanguageSkill,
    ParsedDocument,
    YearMonth,
)

__all__ = [
    "NO_TEXT_FLAG",
    "ApplicantFacts",
    "DocumentRefused",
    "EducationEntry",
    "EmploymentEntry",
    "LanguageSkill",
    "ParsedDocument",
    "YearMonth",
    "merge_facts",
    "parse_pdf_bytes",
    "read_pdf",
]

"""Document parsing: PDFs (P11 forms, CVs, cover letters) -> ParsedDocument records with the applicant's facts."""

from jpo_tui.core.merge import merge_facts
from jpo_tui.core.records import (
    ApplicantFacts,
    DocumentRefused,
    EducationEntry,
    EmploymentEntry,
    LanguageSkill,
    ParsedDocument,
    YearMonth,
)
from jpo_tui.ingest.document import NO_TEXT_FLAG, parse_pdf_bytes, read_pdf

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

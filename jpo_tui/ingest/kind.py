"""What a document is, told from its content alone: P11, CV, cover letter or something else."""

from __future__ import annotations

from jpo_tui.core.records import DocumentKind
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.cv import capped, is_first_person_prose, is_letter, sections
from jpo_tui.ingest.cv_entries import RANGE_RE
from jpo_tui.ingest.dates import fold

_P11_MARKERS = lexicon.pattern("markers", "p11")
_P11_LABELS = lexicon.pattern("markers", "p11_labels")
_CV_MARKERS = lexicon.pattern("markers", "cv")


def p11_score(text: str) -> int:
    """Evidence that the text is a Personal History form: its title (3 points) and its typical labels."""
    folded = fold(text[:20000])
    score = 3 if _P11_MARKERS.search(folded) else 0
    return score + len({m.group(0) for m in _P11_LABELS.finditer(folded)})


def classify(text: str, *, form_fields: int = 0) -> DocumentKind:
    """p11 / cv / cover_letter / other from the text (and the number of filled form fields)."""
    if p11_score(text) >= 3 or (form_fields >= 3 and p11_score(text) >= 1):
        return "p11"
    text = capped(text)
    found = {name for name, _ in sections(text)} - {"top", "other", "references"}
    ranges = len(RANGE_RE.findall(text))
    if _CV_MARKERS.search(fold(text[:300])) and (found or ranges):
        return "cv"  # "Curriculum vitae", "Lebenslauf", "Europass" at the top
    letter = is_letter(text)
    if letter and (len(found) < 2 or ranges < 2):
        return "cover_letter"
    if len(found) >= 2 or (found and ranges >= 1):
        return "cv"
    if letter or is_first_person_prose(text):
        return "cover_letter"
    return "other"

"""What a document is, told from its content alone: P11, CV, cover letter or something else."""

from __future__ import annotations

import re

from jpo_tui.core.records import DocumentKind
from jpo_tui.ingest.cv import is_letter, sections
from jpo_tui.ingest.cv_entries import RANGE_RE
from jpo_tui.ingest.dates import fold

_P11_MARKERS = re.compile(
    r"personal history|\bp\s?\.?\s?11\b|notice personnelle|historique personnel|personal history profile|"
    r"persoonlijke historiek|formulaire p\s?\.?\s?11"
)
_P11_LABELS = re.compile(
    r"family name|nom de famille|mother tongue|langue maternelle|present nationality|nationalite actuelle|"
    r"exact title of your post|intitule exact du poste|name of employer|nom de l employeur|"
    r"description of (your )?duties|description des fonctions|nationality ?\(?ies\)? at birth"
)


def p11_score(text: str) -> int:
    """Evidence that the text is a Personal History form: its title (3 points) and its typical labels."""
    folded = fold(text[:20000])
    score = 3 if _P11_MARKERS.search(folded) else 0
    return score + len({m.group(0) for m in _P11_LABELS.finditer(folded)})


def classify(text: str, *, form_fields: int = 0) -> DocumentKind:
    """p11 / cv / cover_letter / other from the text (and the number of filled form fields)."""
    if p11_score(text) >= 3 or (form_fields >= 3 and p11_score(text) >= 1):
        return "p11"
    found = {name for name, _ in sections(text)} - {"top", "other"}
    ranges = len(RANGE_RE.findall(text))
    letter = is_letter(text)
    if letter and (len(found) < 2 or ranges < 2):
        return "cover_letter"
    if len(found) >= 2 or (found and ranges >= 1):
        return "cv"
    if letter:
        return "cover_letter"
    return "other"

"""One applicant's facts from all their documents: the P11 first, then the CV, then the cover letter."""

from __future__ import annotations

from jpo_tui.core.records import OCR_MARK, ApplicantFacts, ParsedDocument

_PRIORITY = {"p11": 0, "cv": 1, "cover_letter": 2, "other": 3}
_SCALARS = ("name", "family_name", "first_name", "date_of_birth", "nationality", "nationality_raw", "email")
_LISTS = ("languages", "education", "employment")


def merge_facts(docs: list[ParsedDocument]) -> ApplicantFacts:
    """Each field from the highest-ranked document that has it (P11 > CV > cover letter: a letter gives only what
    it states under a label, "Né le 10/08/1992, de nationalité belge"); warnings are kept."""
    ranked = sorted((d for d in docs if d.facts is not None), key=lambda d: _PRIORITY.get(d.kind, 3))
    merged = ApplicantFacts()
    for doc in ranked:
        facts = doc.facts
        assert facts is not None
        ocr = doc.read_by_ocr or any(f.startswith(OCR_MARK) for f in doc.flags)
        for name in _SCALARS:
            if not getattr(merged, name) and getattr(facts, name):
                setattr(merged, name, getattr(facts, name))
                if ocr:
                    merged.read_by_ocr.append(name)
        for name in _LISTS:
            if not getattr(merged, name) and getattr(facts, name) and doc.kind in ("p11", "cv"):
                setattr(merged, name, list(getattr(facts, name)))
                if ocr:
                    merged.read_by_ocr.append(name)
        merged.warnings.extend(w for w in facts.warnings if w not in merged.warnings)
    shown = [_SHOWN.get(n, n) for n in merged.read_by_ocr if n not in ("family_name", "first_name", "nationality_raw")]
    if shown:
        merged.warnings.append(f"{OCR_MARK} {', '.join(shown)}")
    return merged


_SHOWN = {"date_of_birth": "date of birth", "email": "e-mail"}

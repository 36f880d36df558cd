"""People's names as applicants write them -> "First Family": "PEETERS, Lotte" and "PEETERS Lotte" become
"Lotte Peeters"; two-surname names ("Rodrigues Lopes") and particles ("Van den Broeck", "El Amrani") stay whole."""

from __future__ import annotations

import re

# Words that join a family name; lower case inside a name ("Van den Broeck"), capitalised when they start it.
_PARTICLES = frozenset({"van", "von", "de", "den", "der", "du", "des", "di", "da", "del", "della", "dos", "das",
                        "do", "la", "le", "ter", "ten", "te", "y", "e", "zu", "af", "bin", "ben", "ibn", "al", "el"})
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019.\-])*")


def _upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _title(word: str, *, first: bool) -> str:
    """ "PEETERS" -> "Peeters", "VAN" -> "Van" first / "van" inside, "D'HONDT" -> "D'Hondt", "EL-AMRANI" -> "El-Amrani"."""
    if not _upper(word):
        return word
    if not first and word.casefold() in _PARTICLES:
        return word.casefold()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.casefold())


def person_name(text: str) -> str:
    """The name as "First Family" with a family name in capitals written as a name; "" when it holds no name."""
    text = " ".join((text or "")[:200].split()).strip(" ,;")
    if not text:
        return ""
    if text.count(",") == 1:
        family, first = (p.strip() for p in text.split(","))
        if family and first and (_upper(family.replace(" ", "")) or len(family.split()) <= 3) and \
                len(first.split()) <= 3:
            text = f"{first} {family}"  # "PEETERS, Lotte", "Van den Broeck, Anna"
    words = text.split()
    if not all(_WORD.fullmatch(w) for w in words):
        return text
    upper = [_upper(w) for w in words]
    if any(upper) and not all(upper):
        lead = 0
        while lead < len(words) and upper[lead]:
            lead += 1
        if lead and not any(upper[lead:]):
            words = words[lead:] + words[:lead]  # "PEETERS Lotte", "GARCÍA LÓPEZ María"
    return " ".join(_title(w, first=i == 0 or not _upper(words[i - 1])) for i, w in enumerate(words))

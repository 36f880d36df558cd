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


# "MBA", "SHRM-CP", "M.D.": a short acronym, or capitals joined by a hyphen or dots
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|[A-Z]+[\-.][A-Z.\-]*)$")


def _credential(word: str) -> bool:
    """ "PhD", "PharmD", "MSc" (capitals and small letters, two capitals at least), "MBA", "SHRM-CP", "M.D."."""
    capitals = sum(c.isupper() for c in word)
    return bool(_CREDENTIAL.match(word)) or (capitals >= 2 and any(c.islower() for c in word) and len(word) <= 8
                                              and word[0].isupper())


def without_credentials(text: str) -> str:
    """A name as a profile prints it without what follows it: "Kanishka Manna, PhD", "Brianna Swanson - SHRM-CP",
    "Elisa Park, PharmD, MBA" -> the name; a part in brackets ("Cathrine Sant (Petersen)", a maiden name) goes too."""
    text = " ".join(re.sub(r"\([^()]{0,60}\)", " ", text[:200]).split())
    parts = re.split(r"\s*,\s*|\s+[-\u2013\u2014|]\s+", text)
    if len(parts) > 1 and not _upper(parts[0].replace(" ", "")) and \
            all(p and all(_credential(w) for w in p.split()) for p in parts[1:]):
        return parts[0]
    return text


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
        rest = {w.casefold() for w in words[lead:]}
        if lead and not any(upper[lead:]) and not any(w.casefold() in rest for w in words[:lead]):
            words = words[lead:] + words[:lead]  # "PEETERS Lotte", "GARCÍA LÓPEZ María" (not "LI Erran Li")
    return " ".join(_title(w, first=i == 0 or not _upper(words[i - 1])) for i, w in enumerate(words))

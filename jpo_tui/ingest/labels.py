"""The printed labels of P11-like forms and CVs (every lexicon language, numbered or not) mapped to field keys.

Labels are matched by their words, never by their numbers, which move between versions of the form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jpo_tui.ingest import lexicon
from jpo_tui.ingest.dates import fold

# Sections whose names, dates and e-mails belong to other people.
OTHER_PEOPLE = frozenset({"references", "dependants"})

# The sections a heading may open, in the order of precedence; their words are in the lexicon's [headings].
_SECTION_ORDER = ("references", "dependants", "languages", "education", "employment", "personal")

# (key, lexicon label key) in priority order; the first match wins. Composite keys are built in _field_patterns.
_FIELD_ORDER: tuple[tuple[str, str], ...] = (
    ("ignore", "ignore"), ("status", "status"), ("degree_level", "degree_level"),
    ("nationality_birth", "*nationality_birth"), ("nationality", "nationality"), ("mother_tongue", "mother_tongue"),
    ("period", "*period"), ("from", "*from"), ("to", "*to"), ("dob", "dob_place"), ("place_of_birth", "place_of_birth"),
    ("dob", "*dob"), ("dob_day", "*day"), ("dob_month", "*month"), ("dob_year", "*year"), ("ignore", "other_names"),
    ("family_name", "family_name"), ("first_name", "first_name"), ("email", "email"), ("ignore", "ignore_late"),
    ("employer", "employer"), ("full_name", "full_name"), ("language", "language"), ("level", "level"),
    ("read", "*read"), ("write", "*write"), ("speak", "*speak"), ("understand", "*understand"),
    ("duties", "*duties"), ("title", "title"), ("appointment", "appointment"), ("current", "current"),
    ("institution", "institution"), ("degree", "degree"), ("course", "course"),
)


def _alt(key: str) -> str:
    return lexicon.alternation("labels", key)


def _plain(key: str) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(lexicon.plain_words("labels", key), key=len, reverse=True)) + ")"


def _composite(name: str) -> str:
    """Labels made of two word lists ("Nationality at birth", "Employment From", "Language Read", "Birth Day")."""
    if name == "nationality_birth":
        return f"{_alt('nationality')}.{{0,60}}?{_alt('birth_qualifier')}|{_alt('birth_qualifier')} {_alt('nationality')}"
    if name == "period":  # "Period", "Dates (from - to)", "Du / Au"
        return f"{_alt('period')}|^\\w{{0,12}} ?\\(?{_alt('from')} ?[-/]? ?{_alt('to')}\\)?$"
    if name == "duties":  # "Duties", "Emploi1 Description"
        plain = "|".join(re.escape(w) for w in sorted(lexicon.plain_words("labels", "duties"), key=len, reverse=True))
        return f"{_alt('duties')}|^(?:{_plain('record_prefix')})\\d{{0,2}} (?:{plain})$"
    if name in ("from", "to"):
        return f"^(?:{_plain('record_prefix')} )?{_alt(name)}"
    if name == "dob":
        return f"{_alt('dob')}(?!.*\\b(?:{_plain('day')}|{_plain('month')}|{_plain('year')})$)"
    if name in ("day", "month", "year"):
        return f"(?:^|{_alt('birth')}.{{0,80}}?)\\b{_plain(name)}$"
    if name in ("read", "write", "speak", "understand"):
        return f"^(?:{_plain('language')} )?{_alt(name)}"
    raise KeyError(name)


_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[a-z]?\)?|[a-h]\)|[a-h]\.|[ivx]{1,4}\.)[.)]?\s+", re.IGNORECASE)
_PLURAL_MARK = re.compile(r"\((?:s|es|ies|x|e|e\)\(s)\)", re.IGNORECASE)
_QUALIFIERS = lexicon.plain_words("labels", "qualifiers")  # words before a label's key words ("Present ...")
# Label words that are just as often values ("Ghent University From:" holds the label "From", not "University").
_CONTENT_WORDS = lexicon.plain_words("labels", "content_words")
_LABEL_TAIL = re.compile(r"\s*\((?:dd|mm|jj|yyyy|aaaa|mo|month|mois|day)[^)]*\)\s*$")


def clean_label(label: str) -> str:
    """Folded label without numbering, trailing colon, plural marks or format hints: "2. Date of birth
    (dd/mm/yyyy):" -> "date of birth", "Nationalité(s) actuelle(s)" -> "nationalite actuelle"."""
    text = _NUMBERING.sub("", label[:400].strip())
    text = _LABEL_TAIL.sub("", text)
    text = _PLURAL_MARK.sub("", text)
    text = fold(text).replace("/", " / ").strip(" :*?")
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def field_key(label: str) -> str | None:
    """The field a printed label asks for, or None when it is not a known label."""
    text = clean_label(label[:400])
    if not text or len(text) > 160:
        return None
    for key, pattern in _compiled_fields():
        if pattern.search(text):
            return key
    return None


def trailing_label(text: str) -> tuple[str, str] | None:
    """Split "Vermeulen First name" (the words before a colon) into (value so far, label) when it ends with a
    known label: the longest run of label words at its end that opens with a capital and names a field."""
    words = text.split()
    start = len(words)
    while start > 0 and len(words) - start < 10 and _label_word(words[start - 1]):
        start -= 1
    for i in range(start, len(words)):
        label = " ".join(words[i:])
        if words[i][:1].isupper() and field_key(label) is not None:
            return " ".join(words[:i]), label
    return None


def _label_word(word: str) -> bool:
    """A word printed labels are made of (not a name, a date, an institution or a place)."""
    if any(ch.isdigit() for ch in word):
        return False
    vocabulary = _vocabulary()
    for part in re.findall(r"[a-z]+", fold(_PLURAL_MARK.sub("", word))):
        if part in _CONTENT_WORDS:
            return False
        if part not in vocabulary and not any(part[:k] in vocabulary for k in range(5, len(part))):
            return False
    return True


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Every word the label and heading patterns use, with hints and small joining words."""
    words = {w for w in lexicon.vocabulary() if len(w) >= 2}
    return frozenset(words | _QUALIFIERS | {"", "dd", "mm", "yyyy", "jj", "aaaa", "d", "l", "a", "des", "in", "with",
                                            "per", "for", "or", "ou", "if", "any", "si", "name", "nom", "status", "statut"})


@lru_cache(maxsize=4096)
def section_of(label: str) -> str | None:
    """The section a heading opens (languages / education / employment / references / dependants / personal)."""
    text = clean_label(label[:400])
    if not text or len(text) > 200:
        return None
    found = [(m.start(), i, name) for i, (name, pattern) in enumerate(_compiled_sections())
             if (m := pattern.search(text))]
    return min(found)[2] if found else None  # the section named first: "Education ... in original language"


@lru_cache(maxsize=4096)
def skill_polarity(label: str) -> bool | None:
    """For grid headers like "READ Easily" / "LIRE Difficilement": True, False, or None when not stated."""
    text = clean_label(label[:400])
    if lexicon.has("words", "not_easily", text):
        return False
    if lexicon.has("words", "easily", text):
        return True
    return None


def is_known_label(label: str) -> bool:
    """True when the text is a form label or a section heading."""
    return field_key(label) is not None or section_of(label) is not None


@lru_cache(maxsize=1)
def _compiled_fields() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((key, re.compile(_composite(name[1:]) if name.startswith("*") else _alt(name)))
                 for key, name in _FIELD_ORDER)


@lru_cache(maxsize=1)
def _compiled_sections() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, lexicon.pattern("headings", k)) for k in _SECTION_ORDER)

"""The words applicants use for proficiency in a language (language names: :mod:`jpo_tui.core.languages`)."""

from __future__ import annotations

import re
from functools import lru_cache

from jpo_tui.core.records import LanguageLevel
from jpo_tui.ingest import lexicon
from jpo_tui.ingest.dates import fold

# Proficiency words come from the lexicon's [levels] (every language, the CEFR and LinkedIn scales); the longest
# phrase found in a text decides ("full professional proficiency" before "professional", "very good" before "good").
_LEVELS: tuple[LanguageLevel, ...] = ("fluent", "working", "basic")
_TICK_MARKS = frozenset("✓✔☑☒✗✘•")
MAX_LEVEL_CHARS = 200  # a level is a few words: longer values are cut before they are read


@lru_cache(maxsize=1)
def _level_phrases() -> tuple[tuple[re.Pattern[str], LanguageLevel], ...]:
    pairs = [(w.strip("=^*"), lv) for lv in _LEVELS for w in lexicon.words("levels", lv)]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])"), lv) for w, lv in pairs)


_CEFR_CODE = re.compile(r"(?<![a-z0-9])([abc][12])(?![a-z0-9])")
_CEFR_LEVEL: dict[str, LanguageLevel] = {"a": "basic", "b": "working", "c": "fluent"}


def stated_level(text: str) -> LanguageLevel | None:
    """A stated level: "fluent" / "courant" / "C1" / "full professional proficiency" -> fluent, "good" / "bonne
    maîtrise" / "B2" -> working, "basic" / "notions" / "A2" -> basic; the longest phrase found decides."""
    folded = fold(text[:MAX_LEVEL_CHARS].replace("-", " "))
    if not folded:
        return None
    codes = _CEFR_CODE.findall(folded)
    if codes:  # "gevorderd (B2)": the stated CEFR level decides over the words beside it
        return _CEFR_LEVEL[min(codes)[0]]
    best: tuple[int, LanguageLevel] | None = None
    for pattern, level in _level_phrases():
        m = pattern.search(folded)
        if m and (best is None or len(m.group(0)) > best[0]):
            best = (len(m.group(0)), level)
    return best[1] if best else None


def easily(text: str) -> bool | None:
    """A P11 skill cell: "Easily" / "X" / a tick -> True, "Not easily" -> False, a level word -> fluent or working is
    easy, blank -> None."""
    text = text[:MAX_LEVEL_CHARS]
    if text.strip() in _TICK_MARKS:
        return True
    folded = fold(text)
    if not folded:
        return None
    if lexicon.has("words", "not_easily", folded) or lexicon.has("words", "no", folded) or \
            folded.startswith(("not ", "pas ")):
        return False
    if lexicon.has("words", "easily", folded) or lexicon.has("words", "yes", folded):
        return True
    level = stated_level(text)
    if level is not None:
        return level == "fluent" or (level == "working" and not re.search(r"\b(b1|intermedi\w*)\b", folded))
    return None


def is_mother_tongue(text: str) -> bool:
    """True when a level says the language is the applicant's first ("native", "langue maternelle", "nativo")."""
    return lexicon.has("levels", "mother", fold(text[:MAX_LEVEL_CHARS]))

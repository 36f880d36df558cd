"""Language names (canonical English via Babel) and the words applicants use for proficiency."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from jpo_tui.core.records import LanguageLevel
from jpo_tui.ingest.dates import fold

NAME_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")
_ALIASES = {"flemish": "Dutch", "vlaams": "Dutch", "flamand": "Dutch", "nederlands": "Dutch", "farsi": "Persian",
            "kinyarwanda": "Kinyarwanda", "kirundi": "Rundi", "wolof": "Wolof", "lingala": "Lingala",
            "pulaar": "Fula", "pular": "Fula", "fulfulde": "Fula", "peul": "Fula", "moore": "Mossi", "mossi": "Mossi",
            "tamazight": "Tamazight", "amazigh": "Tamazight", "berbere": "Tamazight", "berber": "Tamazight",
            "darija": "Arabic", "tshiluba": "Luba-Lulua", "kikongo": "Kongo", "dioula": "Dyula"}

# Proficiency words (folded) in English, French, Dutch, Spanish and German, with the CEFR and ILR scales. The longest
# phrase found in a text decides ("full professional proficiency" before "professional", "very good" before "good").
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "fluent": (
        "fluent", "fluently", "fluency", "native", "native speaker", "mother tongue", "first language", "bilingual",
        "excellent", "proficient", "advanced", "very good", "full professional proficiency", "native or bilingual",
        "near native", "full command", "mastery", "expert", "c1", "c2",
        "courant", "courante", "couramment", "langue maternelle", "maternelle", "bilingue", "excellente", "tres bien",
        "tres bon", "tres bonne", "parfaite maitrise", "excellente maitrise", "maitrise parfaite", "tres bonne maitrise",
        "avance", "avancee", "parfaitement", "moedertaal", "vloeiend", "uitstekend", "zeer goed", "gevorderd",
        "lengua materna", "nativo", "nativa", "fluido", "avanzado", "excelente", "muy bien", "muy bueno",
        "muttersprache", "fliessend", "verhandlungssicher", "sehr gut",
    ),
    "working": (
        "good", "working", "working knowledge", "good working knowledge", "professional working proficiency",
        "working proficiency", "professional", "intermediate", "upper intermediate", "conversational", "good command",
        "operational", "competent", "functional", "independent user", "b1", "b2",
        "bon", "bonne", "bien", "bon niveau", "bonne maitrise", "bonnes connaissances", "bonne connaissance",
        "intermediaire", "niveau professionnel", "professionnel", "maitrise", "goed", "redelijk", "gemiddeld",
        "bueno", "buena", "intermedio", "gut", "gute kenntnisse", "niveau correct",
    ),
    "basic": (
        "basic", "basics", "notions", "notion", "elementary", "beginner", "limited", "limited working proficiency",
        "elementary proficiency", "some knowledge", "some", "pre intermediate", "school level", "a1", "a2",
        "debutant", "debutante", "elementaire", "de base", "notions de base", "niveau scolaire", "scolaire",
        "connaissances de base", "basis", "basiskennis", "beginner", "matig", "basico", "basica", "principiante",
        "grundkenntnisse", "anfanger", "passive", "passive knowledge", "passive understanding", "connaissance passive",
        "connaissances passives", "moyen", "fair", "passieve kennis",
    ),
}
_EASY_TRUE = ("easily", "facilement", "yes", "oui", "x", "confident", "makkelijk", "gemakkelijk", "vlot")
_TICK_MARKS = frozenset("✓✔☑☒✗✘•")
_EASY_FALSE = ("not easily", "difficilement", "pas facilement", "no", "non", "moeilijk", "niet makkelijk",
               "niet gemakkelijk")


@lru_cache(maxsize=1)
def _level_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = [(w, lv) for lv, words in _LEVEL_WORDS.items() for w in words]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])"), lv) for w, lv in pairs)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    english = Locale("en").languages
    table: dict[str, str] = {}
    for loc in NAME_LOCALES:
        for code, name in Locale(loc).languages.items():
            if "_" in code or code not in english:
                continue
            table.setdefault(fold(name), english[code])
    for alias, name in _ALIASES.items():
        table[alias] = name
    return table


def canonical_language(text: str) -> str | None:
    """English name of a language written in English, French, Dutch, German, Spanish, ... or None."""
    key = fold(re.sub(r"\(.*?\)", " ", text or "")).strip(" :-")
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    first = key.split(" ")[0]
    return names.get(first) if len(first) > 3 else None


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", text) for w in words)


def stated_level(text: str) -> LanguageLevel | None:
    """A stated level: "fluent" / "courant" / "C1" / "full professional proficiency" -> fluent, "good" / "bonne
    maîtrise" / "B2" -> working, "basic" / "notions" / "A2" -> basic; the longest phrase found decides."""
    folded = fold(text.replace("-", " "))
    if not folded:
        return None
    best: tuple[int, str] | None = None
    for pattern, level in _level_phrases():
        m = pattern.search(folded)
        if m and (best is None or len(m.group(0)) > best[0]):
            best = (len(m.group(0)), level)
    return best[1] if best else None  # type: ignore[return-value]


def easily(text: str) -> bool | None:
    """A P11 skill cell: "Easily" / "X" -> True, "Not easily" -> False, a level word -> fluent or working is easy,
    blank -> None."""
    if text.strip() in _TICK_MARKS:
        return True
    folded = fold(text)
    if not folded:
        return None
    if _has(folded, _EASY_FALSE) or folded.startswith("not ") or folded.startswith("pas "):
        return False
    if _has(folded, _EASY_TRUE):
        return True
    level = stated_level(text)
    if level is not None:
        return level in ("fluent",) or (level == "working" and not _has(folded, ("intermediate", "intermediaire",
                                                                                  "b1", "intermedio")))
    return None

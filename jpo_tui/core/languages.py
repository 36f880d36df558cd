"""Language names: the English name (Babel's) of a language written in any of the committee's languages."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from jpo_tui.core.text import fold

NAME_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")
_ALIASES = {"flemish": "Dutch", "vlaams": "Dutch", "flamand": "Dutch", "nederlands": "Dutch", "farsi": "Persian",
            "castilian": "Spanish", "castellano": "Spanish",
            "kinyarwanda": "Kinyarwanda", "kirundi": "Rundi", "wolof": "Wolof", "lingala": "Lingala",
            "pulaar": "Fula", "pular": "Fula", "fulfulde": "Fula", "peul": "Fula", "moore": "Mossi", "mossi": "Mossi",
            "tamazight": "Tamazight", "amazigh": "Tamazight", "berbere": "Tamazight", "berber": "Tamazight",
            "darija": "Arabic", "tshiluba": "Luba-Lulua", "kikongo": "Kongo", "dioula": "Dyula"}


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


@lru_cache(maxsize=4096)
def canonical_language(text: str) -> str | None:
    """English name of a language written in English, French, Dutch, German, Spanish, ... ("Anglais", "Frans
    (courant)" -> "French"), or None."""
    key = fold(re.sub(r"\([^()]{0,80}\)", " ", (text or "")[:120])).strip(" :-")
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    first = key.split(" ")[0]
    return names.get(first) if len(first) > 3 else None

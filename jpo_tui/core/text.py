"""The one text fold: the form in which words from applicants, lexicons and Babel are compared."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case ASCII form: accents removed, "ß" as "ss", apostrophes, dots and commas read as spaces."""
    text = re.sub(r"[.'\u2019\u2018`,]", " ", text.replace("ß", "ss").replace("ẞ", "ss"))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(text.split())

"""Showing text from applicants literally: no markup, no escape sequences, no control characters.

Replacements keep the length of the text, so (start, end) spans into a document stay valid.
"""

from __future__ import annotations

import re

from rich.text import Text

_BLANKS = re.compile(r"[\t\r\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def clean(text: str, *, single_line: bool = False) -> str:
    """``text`` with blanks-like controls as spaces and other control characters as U+FFFD (same length)."""
    text = _CONTROLS.sub(REPLACEMENT, _BLANKS.sub(" ", text))
    return text.replace("\n", " ") if single_line else text


def plain(text: str, style: str = "") -> Text:
    """A one-line rich Text holding ``text`` literally (never parsed as markup)."""
    return Text(clean(text, single_line=True), style=style, no_wrap=True, end="")

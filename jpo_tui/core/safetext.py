"""Text from applicants (file names, field values, reasons quoting a file) made safe to print on a terminal.

Control and format characters (ESC, newline, carriage return, bidi overrides, zero-width marks) are shown as
visible escapes (``\\x1b``, ``\\n``, ``\\u202e``), so a file called ``a\\x1b[31mb.pdf`` cannot colour the
terminal and a name with a newline cannot forge a second output line. Rich/Textual markup is a separate
concern: render such text with ``markup=False`` or ``rich.markup.escape``.
"""

from __future__ import annotations

import unicodedata


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with every control/format character replaced by a visible escape (one line, no ANSI)."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        # isprintable() is False for control, format, separator (but space), surrogate and unassigned code points
        out.append(ch if ch.isprintable() or (keep_tabs and ch == "\t") else _escape(ch))
    return "".join(out)


def is_safe(text: str) -> bool:
    """True when printing ``text`` cannot move the cursor, change colours or start a new line."""
    return printable(text) == text


_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def strip_controls(text: str, keep: str = "\n\t") -> str:
    """``text`` to store: control characters (ESC, BEL, CR... which make terminal sequences such as OSC 52) and
    bidi overrides removed; the characters of ``keep`` (line feed and tab) kept."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in keep or not (unicodedata.category(ch) == "Cc" or ch in _BIDI))

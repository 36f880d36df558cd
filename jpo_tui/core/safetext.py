"""Text from applicants (file names, field values, reasons quoting a file) made safe to print on a terminal.

Control and format characters (ESC, newline, carriage return, bidi overrides, zero-width marks) are shown as
visible escapes (``\\x1b``, ``\\n``, ``\\u202e``), so a file called ``a\\x1b[31mb.pdf`` cannot colour the
terminal and a name with a newline cannot forge a second output line. Rich/Textual markup is a separate
concern: render such text with ``markup=False`` or ``rich.markup.escape``.
"""

from __future__ import annotations


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

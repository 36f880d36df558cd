"""The errors every adapter (CLI, screens) shows as one line: a refused action and a thing not found.

``Refused`` is what the rulebook (:mod:`jpo_tui.committee.rules`) and the services raise when the acting person
may not do something; ``NotFound`` replaces a bare ``KeyError`` for an unknown vacancy, applicant or member. Both
keep their message on one line, so ``str(exc)`` is what the CLI prints after ``jpo-tui:`` and what a screen
notifies.
"""

from __future__ import annotations


def one_line(message: object) -> str:
    """``message`` as one line (whitespace runs, newlines included, become one space)."""
    return " ".join(str(message).split())


class Refused(PermissionError):
    """The acting person may not do this; the message (one line) says why."""

    def __init__(self, message: object = "not allowed") -> None:
        super().__init__(one_line(message))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not allowed"


class NotFound(KeyError):
    """No such vacancy, applicant, member or entry; the message (one line) names it.

    A ``KeyError`` subclass, so older ``except KeyError`` callers still catch it, but ``str()`` gives the message
    itself rather than its ``repr``.
    """

    def __init__(self, message: object = "not found") -> None:
        super().__init__(one_line(message))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


def message(exc: BaseException) -> str:
    """The one line to show for ``exc`` (a bare ``KeyError``'s quotes removed)."""
    if isinstance(exc, KeyError) and not isinstance(exc, NotFound) and exc.args:
        return one_line(exc.args[0])
    return one_line(exc) or type(exc).__name__

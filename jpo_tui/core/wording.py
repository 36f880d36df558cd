"""How the interface counts things in English ("1 review", "3 reviews")."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with the noun in the number it takes: ``counted(1, "review")`` is "1 review"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"

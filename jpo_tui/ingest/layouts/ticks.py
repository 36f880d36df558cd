"""The language grid of a fillable P11: which skill and which column ("READ" + "Easily") a tick box sits under.

The real P.11 (and its French version) prints a row of skills (Read / Write / Speak / Understand, Lire / Écrire /
Parler / Comprendre) and under each an "Easily" / "Not easily" (Facilement / Difficilement) pair of columns; each
language row has one tick box (or a small text field holding "X") per column. A box's meaning is read from the
column headers printed above it, by position only: field names ("Check12") tell nothing.
"""

from __future__ import annotations

from jpo_tui.ingest.labels import field_key, skill_polarity
from jpo_tui.ingest.pdf.pdfio import Run, Widget

SKILL_KEYS = ("read", "write", "speak", "understand")
TICKS = frozenset({"x", "✓", "✔", "☑", "☒", "✗", "✘", "v", "*", "+", "•"})
_REACH = 220.0  # how far below its header row a language row may lie (points)
_NARROW = 60.0  # text fields wider than this are answers, not tick boxes


def is_tick(text: str) -> bool:
    """True for a tick mark typed in a box: "X", "x", "✓", "✔"..."""
    return text.strip().casefold() in TICKS


def run_width(run: Run) -> float:
    """Printed width of a run, estimated from its length (Helvetica averages about half its size per letter)."""
    return 0.5 * run.size * len(run.text)


def grid_headers(runs: list[Run]) -> list[tuple[Run, str]]:
    """The short column headers of one page that state a polarity ("Easily", "Not easily", "LIRE Facilement"),
    with their text (a header wrapped over two lines, "Not" / "easily", read as one)."""
    headers: list[tuple[Run, str]] = []
    for run in runs:
        if len(run.text) > 24 or skill_polarity(run.text) is None or field_key(run.text) not in (None, *SKILL_KEYS):
            continue
        text = run.text
        for other in runs:
            if (other is not run and abs(other.x - run.x) <= 2.0 and 0 < other.y - run.y <= 1.6 * max(run.size, 1.0)
                    and len(other.text) <= 12 and field_key(other.text) is None):
                text = f"{other.text} {run.text}"
                break
        if skill_polarity(text) is not None:
            headers.append((run, text))
    return headers


def tick_header(widget: Widget, headers: list[tuple[Run, str]], runs: list[Run]) -> str:
    """ "READ Easily" / "ÉCRIRE Difficilement" for a tick box under a language grid's columns, else ""."""
    x0, _, x1, y1 = widget.rect
    if not headers or (not widget.is_button and x1 - x0 > _NARROW and not is_tick(widget.value)):
        return ""
    if _labelled_beside(widget, runs):
        return ""
    centre = (x0 + x1) / 2
    candidates = [(r, t) for r, t in headers if y1 - 3 <= r.y <= y1 + _REACH]
    if not candidates:
        return ""
    nearest_y = min(r.y for r, _ in candidates)
    line = sorted(((r, t) for r, t in candidates if abs(r.y - nearest_y) <= 2.0), key=lambda p: p[0].x)
    header, text = min(line, key=lambda p: abs(p[0].x + run_width(p[0]) / 2 - centre))
    if abs(header.x + run_width(header) / 2 - centre) > max(40.0, run_width(header)):
        return ""
    if _blocked(widget, header, {id(r) for r, _ in headers}, runs):
        return ""
    if field_key(header.text) in SKILL_KEYS:
        return text
    skill = _skill_over(header, [r for r, _ in line], runs)
    return f"{skill.text} {text}" if skill is not None else text


def _labelled_beside(widget: Widget, runs: list[Run]) -> bool:
    """A box with its own word printed just beside it on its line ("[x] Yes", "Non [ ]") answers a question."""
    x0, y0, x1, y1 = widget.rect
    return any(y0 - 3 <= run.y <= y1 + 1 and not is_tick(run.text)
               and (x1 - 1 <= run.x <= x1 + 12 or 0 <= x0 - (run.x + run_width(run)) <= 6) for run in runs)


def _blocked(widget: Widget, header: Run, header_ids: set[int], runs: list[Run]) -> bool:
    """Printed words (another table's headings) between the header and the box: the box is not in that grid."""
    x0, _, x1, y1 = widget.rect
    for run in runs:
        if (y1 + 1 < run.y < header.y - 1 and run.x < x1 and run.x + run_width(run) > x0
                and id(run) not in header_ids and not is_tick(run.text)):
            return True
    return False


def _skill_over(header: Run, line: list[Run], runs: list[Run]) -> Run | None:
    """The skill heading whose columns include this header: paired by order when every skill has two columns
    (the skill may be centred over its pair), else the nearest skill heading starting at or left of it."""
    skills = [r for r in runs if field_key(r.text) in SKILL_KEYS and skill_polarity(r.text) is None
              and header.y < r.y <= header.y + 4 * max(header.size, 8.0)]
    if not skills:
        return None
    lowest = min(r.y for r in skills)
    row = sorted((r for r in skills if abs(r.y - lowest) <= 2.0), key=lambda r: r.x)
    columns = [r for r in line if field_key(r.text) is None]
    if len(columns) == 2 * len(row) and header in columns:
        return row[columns.index(header) // 2]
    left = [r for r in row if r.x <= header.x + 2.0]
    return max(left, key=lambda r: r.x) if left else min(row, key=lambda r: abs(r.x - header.x))

"""Fillable forms (AcroForm): each widget's value with the printed label it sits beside -> labelled items.

The label is the printed text just left of the widget on its line, else just above it, else the field's tooltip
(/TU), else its name split into words ("FamilyName" -> "Family Name"). Opaque names such as "Text1" therefore
still get their meaning from the page. Printed text that labels no widget (section headings) is kept as headings.
"""

from __future__ import annotations

import re

from jpo_tui.parsing.interpret import Item
from jpo_tui.parsing.labels import field_key, is_known_label, skill_polarity
from jpo_tui.parsing.pdfio import Run, Widget

_OPAQUE = re.compile(r"^(text|field|textfield|check ?box|txt|fill|untitled|tf|cb)[\s_\-.]*\d*$", re.IGNORECASE)


def form_items(runs: list[Run], widgets: list[Widget]) -> list[Item]:
    """Items in reading order: widgets with their labels, interleaved with the printed headings."""
    by_page: dict[int, list[Run]] = {}
    for run in runs:
        by_page.setdefault(run.page, []).append(run)
    used: set[int] = set()
    entries: list[tuple[int, float, float, Item]] = []
    for widget in widgets:
        page_runs = by_page.get(widget.page, [])
        label_run = _label_left(widget, page_runs) or _label_above(widget, page_runs)
        if label_run is not None:
            used.add(id(label_run))
            label = label_run.text
            if widget.is_button:
                label = _button_label(widget, label_run, page_runs)
        else:
            label = widget.tooltip or _name_words(widget.name)
        if widget.tooltip and not field_key(label) and field_key(widget.tooltip):
            label = widget.tooltip
        if not field_key(label) and not _OPAQUE.match(widget.name.split(".")[-1]):
            named = _name_words(widget.name)
            label = named if field_key(named) else label
        x0, y0, x1, y1 = widget.rect
        entries.append((widget.page, -y1, x0, Item(label, widget.value)))
    for run in runs:
        if id(run) not in used:
            entries.append((run.page, -(run.y + run.size), run.x, Item(run.text, None)))
    entries.sort(key=lambda e: (e[0], round(e[1] / 3), e[2]))
    return [e[3] for e in entries]


def _label_left(widget: Widget, runs: list[Run]) -> Run | None:
    x0, y0, x1, y1 = widget.rect
    best: Run | None = None
    for run in runs:
        if run.x < x0 - 1 and y0 - 3 <= run.y <= y1 + 1 and (best is None or run.x > best.x):
            best = run
    return best


def _label_above(widget: Widget, runs: list[Run]) -> Run | None:
    x0, y0, x1, y1 = widget.rect
    best: Run | None = None
    for run in runs:
        if not (y1 - 1 <= run.y <= y1 + 3 * max(run.size, 8) and x0 - 15 <= run.x <= x1):
            continue
        if best is None or run.y < best.y or (run.y == best.y and abs(run.x - x0) < abs(best.x - x0)):
            best = run
    return best


def _button_label(widget: Widget, left: Run, runs: list[Run]) -> str:
    """A tick box in a grid: its column header ("READ" + "Easily"), else the text beside it."""
    above = _label_above(widget, runs)
    if above is None:
        return left.text
    header = above.text
    if skill_polarity(header) is not None and not field_key(header):
        x0, _, x1, _ = widget.rect
        higher = [r for r in runs if r.y > above.y and r.x <= x1 and field_key(r.text) in
                  ("read", "write", "speak", "understand")]
        if higher:
            header = f"{min(higher, key=lambda r: r.y).text} {header}"
    return header if is_known_label(header) or skill_polarity(header) is not None else left.text


def _name_words(name: str) -> str:
    """ "Emp1_From" -> "Emp From", "FamilyName" -> "Family Name", "date_of_birth" -> "date of birth"."""
    last = name.split(".")[-1]
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", last)
    words = re.sub(r"[_\-\d]+", " ", words)
    return " ".join(words.split())

"""Fillable forms (AcroForm): each widget's value with the printed label it sits beside -> labelled items.

The label is the printed text just left of the widget on its line, else just above it, else the field's tooltip
(/TU), else its name split into words ("FamilyName" -> "Family Name"). Opaque names such as "Text1" therefore
still get their meaning from the page. Printed text that labels no widget (section headings) is kept as headings.
"""

from __future__ import annotations

import re

from jpo_tui.core.languages import canonical_language
from jpo_tui.ingest.interpret import Item
from jpo_tui.ingest.labels import field_key, is_known_label, skill_polarity
from jpo_tui.ingest.layouts.ticks import SKILL_KEYS, grid_headers, run_width, tick_header
from jpo_tui.ingest.pdf.pdfio import Run, Widget

_LINE_TOL = 4.0
_NUMBERED_LABEL = re.compile(r"^\s*\d{1,2}\s*[.)]\s")
_OPAQUE = re.compile(r"^(text|field|textfield|check ?box|txt|fill|untitled|tf|cb)[\s_\-.]*\d*$", re.IGNORECASE)


def form_items(runs: list[Run], widgets: list[Widget]) -> list[Item]:
    """Items in reading order: widgets with their labels, interleaved with the printed headings."""
    by_page: dict[int, list[Run]] = {}
    for run in runs:
        by_page.setdefault(run.page, []).append(run)
    headers = {page: grid_headers(page_runs) for page, page_runs in by_page.items()}
    used: set[int] = set()
    labelled: list[tuple[Widget, str]] = []
    printed: list[tuple[Widget, str]] = []  # widgets labelled by the page, for table rows below them
    for widget in sorted(widgets, key=lambda w: (w.page, -w.rect[3], w.rect[0])):
        page_runs = by_page.get(widget.page, [])
        label = tick_header(widget, headers.get(widget.page, []), page_runs)
        label_run = None if label else _label_run(widget, page_runs, widgets)
        if label_run is not None and not label and label_run.y < widget.rect[3] - 1 and canonical_language(
                label_run.text):
            column = _column_header(widget, printed, page_runs)  # a grid row under a skill labelled above
            if field_key(column) in SKILL_KEYS:
                label, label_run = column, None
        if label:
            pass
        elif label_run is not None:
            used.add(id(label_run))
            label = label_run.text
            if label_run.y >= widget.rect[3] - 1:  # printed above the field: it may wrap over lines
                lines = _stacked(label_run, page_runs)
                used.update(id(r) for r in lines)
                label = " ".join(r.text for r in [*reversed(lines), label_run])
            if widget.is_button:
                label = _button_label(widget, label_run, page_runs)
            printed.append((widget, label))
        else:
            label = _label_from_field(widget)
            if not label:
                label = _column_header(widget, printed, page_runs)
                if label:
                    printed.append((widget, label))
            label = label or widget.tooltip or _name_words(widget.name)
        if widget.tooltip and not field_key(label) and field_key(widget.tooltip):
            label = widget.tooltip
        if not field_key(label) and not _OPAQUE.match(widget.name.split(".")[-1]):
            named = _name_words(widget.name)
            label = named if field_key(named) else label
        labelled.append((widget, label))
    labelled = _date_parts(labelled)
    entries: list[tuple[int, float, float, Item]] = []  # (page, vertical centre, x, item)
    for widget, label in labelled:
        x0, y0, x1, y1 = widget.rect
        entries.append((widget.page, (y0 + y1) / 2, x0, Item(label, widget.value)))
    for run in runs:
        if id(run) not in used:
            entries.append((run.page, run.y + 0.35 * run.size, run.x, Item(run.text, None)))
    return [e[3] for e in _reading_order(entries)]


def _reading_order(entries: list[tuple[int, float, float, Item]]) -> list[tuple[int, float, float, Item]]:
    """Top to bottom by lines (entries whose vertical centres lie within a few points), left to right in a line."""
    entries.sort(key=lambda e: (e[0], -e[1]))
    lines: list[list[tuple[int, float, float, Item]]] = []
    for entry in entries:
        if lines and lines[-1][0][0] == entry[0] and lines[-1][0][1] - entry[1] <= _LINE_TOL:
            lines[-1].append(entry)
        else:
            lines.append([entry])
    return [e for line in lines for e in sorted(line, key=lambda e: e[2])]


def _date_parts(labelled: list[tuple[Widget, str]]) -> list[tuple[Widget, str]]:
    """Unlabelled boxes just right of a date of birth's day (or month) box on its line are its month and year."""
    following = {"dob": "Month", "dob_day": "Month", "dob_month": "Year"}
    out = list(labelled)
    for i, (widget, label) in enumerate(out):
        if field_key(label) or not widget.value:
            continue
        x0, y0, _, y1 = widget.rect
        left = [(w, lab) for w, lab in out if w.page == widget.page and w is not widget and w.rect[2] <= x0 + 1
                and x0 - w.rect[2] < 40 and abs((w.rect[1] + w.rect[3]) / 2 - (y0 + y1) / 2) < 4]
        if not left:
            continue
        near, near_label = max(left, key=lambda p: p[0].rect[2])
        key = field_key(near_label)
        short = len(near.value.strip()) <= 4 and near.value.strip().isalnum()
        if key in following and (key != "dob" or short):
            out[i] = (widget, following[key])
    return out


def _label_from_field(widget: Widget) -> str:
    """The tooltip, else the field's name in words, when either reads as a known label."""
    if widget.tooltip and field_key(widget.tooltip):
        return widget.tooltip
    if not _OPAQUE.match(widget.name.split(".")[-1]):
        named = _name_words(widget.name)
        if field_key(named):
            return named
    return ""


def _column_header(widget: Widget, printed: list[tuple[Widget, str]], runs: list[Run]) -> str:
    """A table row without printed labels takes the label of the labelled widget above it in the same column,
    unless printed text (a new heading) lies between them."""
    x0, _, x1, y1 = widget.rect
    best: tuple[Widget, str] | None = None
    for other, label in printed:
        ox0, oy0, ox1, _ = other.rect
        if other.page != widget.page or oy0 < y1 or abs(ox0 - x0) > 4 or abs(ox1 - x1) > 120:
            continue
        if best is None or oy0 < best[0].rect[1]:
            best = (other, label)
    if best is None:
        return ""
    top = best[0].rect[1]
    if any(y1 < run.y < top and run.x < x1 and run.x + 5 * len(run.text) > x0 for run in runs):
        return ""
    return best[1]


def _label_run(widget: Widget, runs: list[Run], widgets: list[Widget]) -> Run | None:
    """The printed label of a widget: the text left of it on its line, unless another field sits between them
    (that text labels the other field) or a label printed right above the widget's left edge is much nearer."""
    left = _label_left(widget, runs)
    above = _label_above(widget, runs)
    if left is None:
        return above
    x0, y0, x1, y1 = widget.rect
    between = any(o is not widget and o.page == widget.page and left.x - 2 <= o.rect[0] and o.rect[2] <= x0 + 1
                  and o.rect[1] < y1 and o.rect[3] > y0 for o in widgets)
    if between:
        return above
    if above is not None and abs(above.x - x0) <= 4 and x0 - (left.x + run_width(left)) > 12:
        return above
    if above is not None and field_key(above.text) in SKILL_KEYS and canonical_language(left.text):
        return above  # a grid row: the language printed at its start, the skill over the column
    return left


def _stacked(run: Run, runs: list[Run]) -> list[Run]:
    """The lines printed just above a label, in its column and size: the start of a label that wraps ("Attended
    from" over "Mo./Year", "Main course" over "of study"), nearest first. A numbered line starts a label."""
    lines: list[Run] = []
    current = run
    while len(lines) < 2 and not _NUMBERED_LABEL.match(current.text):
        up = [r for r in runs if abs(r.x - current.x) <= 2.0 and abs(r.size - current.size) <= 0.3
              and 0 < r.y - current.y <= 1.8 * max(current.size, 1.0)]
        if not up:
            break
        nearest = min(up, key=lambda r: r.y)
        if nearest.text.isupper() and not current.text.isupper():
            break  # a heading in capitals over the table
        current = nearest
        lines.append(current)
    return lines


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


_ABBREVIATIONS = {"lang": "language", "emp": "employment", "empl": "employment", "edu": "education",
                  "educ": "education", "dob": "date of birth", "nat": "nationality", "inst": "institution",
                  "desc": "description", "org": "organisation", "tel": "telephone", "fname": "first name",
                  "lname": "family name", "mt": "mother tongue"}


def _name_words(name: str) -> str:
    """ "Emp1_From" -> "Employment From", "FamilyName" -> "Family Name", "date_of_birth" -> "date of birth"."""
    last = name.split(".")[-1]
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", last)
    words = re.sub(r"[_\-\d]+", " ", words)
    return " ".join(_ABBREVIATIONS.get(w.casefold(), w) for w in words.split())

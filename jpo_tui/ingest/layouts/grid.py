"""Forms drawn as boxes (the real P.11, its French version, online profiles): labelled items read by position.

Each text run is a label (a known label or heading, or printed in the labels' font size) or a value. Labels that
share a band of height form a row; each label owns the column from its x to the next label's x. The values below
a row (down to the next row of labels) fill the columns; a value line that fills two or more columns starts a new
record (a table row), a line in one column only continues the cell above (a wrapped description).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from jpo_tui.core.languages import canonical_language
from jpo_tui.ingest.dates import fold, month_number
from jpo_tui.ingest.interpret import Item
from jpo_tui.ingest.labels import field_key, is_known_label, section_of, skill_polarity
from jpo_tui.ingest.pdf.pdfio import Run

_Y_TOL = 1.5
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)]\s")


@dataclass
class _Label:
    x: float
    top: float
    bottom: float
    size: float
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def grid_items(runs: list[Run], page_widths: list[float]) -> list[Item]:
    """Items from positioned runs, page by page, top to bottom."""
    sizes = _sizes(runs)
    items: list[Item] = []
    pages = sorted({r.page for r in runs})
    for page in pages:
        page_runs = [r for r in runs if r.page == page and not _page_number(r)]
        width = page_widths[page] if page < len(page_widths) else 612.0
        items.extend(_page_items(page_runs, width, sizes))
    return items


def _page_number(run: Run) -> bool:
    """A folio in the bottom margin ("1", "Page 2 of 3", "- 2 -")."""
    return run.y < 45 and bool(re.fullmatch(r"(?i)\W*(page\s*)?\d{1,3}(\s*(/|of|sur|van)\s*\d{1,3})?\W*",
                                            run.text.strip()))


def _sizes(runs: list[Run]) -> tuple[float | None, float | None]:
    """(labels' font size, values' font size) when the form prints them in different sizes, else (None, None)."""
    known = Counter(r.size for r in runs if is_known_label(r.text))
    unknown = Counter(r.size for r in runs if not is_known_label(r.text))
    if not known or not unknown:
        return None, None
    label_size = known.most_common(1)[0][0]
    value_size = unknown.most_common(1)[0][0]
    if abs(value_size - label_size) <= 0.3:
        return None, None  # the answers typed in the labels' size: told apart by their words alone
    return label_size, value_size


def _is_value(run: Run, sizes: tuple[float | None, float | None]) -> bool:
    label_size, value_size = sizes
    if label_size is None or value_size is None:
        return not is_known_label(run.text)
    if abs(run.size - label_size) <= 0.3:
        return False
    if abs(run.size - value_size) <= 0.3:
        return not (_NUMBERED.match(run.text) and is_known_label(run.text))  # "11. Dependants" is a question
    text = run.text.strip()  # another size: a heading or instructions, unless it is a short tick mark
    return not is_known_label(text) and (len(text) <= 3 or text.isdigit())


def _page_items(runs: list[Run], width: float, sizes: tuple[float | None, float | None]) -> list[Item]:
    ordered = sorted(runs, key=lambda r: (-r.y, r.x))
    values = [r for r in ordered if _is_value(r, sizes)]
    labels = _merge_labels([r for r in ordered if not _is_value(r, sizes)], values)
    groups, answers = _answer_rows(_group_rows(labels), runs[0].page if runs else 0)
    if answers:
        values = sorted([*values, *answers], key=lambda r: (-r.y, r.x))
    groups = _merge_subheaders(groups, values)
    if not groups:
        return []
    tops = [-g[0].top for g in groups]  # ascending for bisect
    cells: list[list[tuple[float, int, str, float]]] = [[] for _ in groups]  # (y, column, text, size)
    for run in values:
        gi = bisect.bisect_right(tops, -run.y + _Y_TOL) - 1  # last group whose top is not below the run
        if gi < 0:
            continue
        group = groups[gi]
        col = _column(group, run.x)
        if col is not None:
            cells[gi].append((run.y, col, run.text, run.size))
    items: list[Item] = []
    for group, group_cells in zip(groups, cells, strict=True):
        items.extend(_group_items(group, group_cells))
    return items


def _merge_labels(runs: list[Run], values: list[Run]) -> list[_Label]:
    """Stack a label's wrapped lines ("2. Date of" / "birth Day", "READ" / "Easily") into one label; a label with
    its value beside it on its line (a label-left table: "Institution  Ghent University") is complete."""
    rows: dict[int, list[Run]] = {}
    for v in values:
        rows.setdefault(round(v.y), []).append(v)
    labels: list[_Label] = []
    for run in runs:
        target = None
        for lab in reversed(labels[-12:]):
            if (abs(lab.x - run.x) <= 2.0 and abs(lab.size - run.size) <= 0.3
                    and 0 < lab.bottom - run.y <= 1.8 * max(run.size, lab.size)):
                target = lab
                break
        if target is not None and _has_value_beside(target, rows):
            target = None
        if target is not None and not (is_known_label(target.text) and is_known_label(run.text)):
            target.parts.append(run.text)
            target.bottom = run.y
        else:
            labels.append(_Label(run.x, run.y, run.y, run.size, [run.text]))
    return labels


def _has_value_beside(label: _Label, rows: dict[int, list[Run]]) -> bool:
    y = round(label.bottom)
    return any(abs(v.y - label.bottom) <= 1.5 and v.x > label.x for d in (-1, 0, 1) for v in rows.get(y + d, ()))


def _group_rows(labels: list[_Label]) -> list[list[_Label]]:
    """Labels whose height bands overlap form one row, sorted left to right."""
    groups: list[list[_Label]] = []
    low = 0.0
    for lab in sorted(labels, key=lambda lb: -lb.top):
        if groups and lab.top >= low - _Y_TOL:
            groups[-1].append(lab)
            low = min(low, lab.bottom)
        else:
            groups.append([lab])
            low = lab.bottom
    for g in groups:
        g.sort(key=lambda lb: lb.x)
    return groups


def _answer_rows(groups: list[list[_Label]], page: int) -> tuple[list[list[_Label]], list[Run]]:
    """A row of two or more cells in the labels' size, none of them a known label, right under a row of labels:
    answers typed in the labels' size ("English | X | X", "UCLouvain | 09/2019 | 06/2022"), not a header."""
    kept: list[list[_Label]] = []
    answers: list[Run] = []
    for group in groups:
        above = kept[-1] if kept else None
        if (above is not None and len(group) >= 2 and not any(_header_word(lab.text) for lab in group)
                and any(_header_word(lab.text) for lab in above)):
            for lab in group:  # one answer per line of the cell
                step = (lab.top - lab.bottom) / max(1, len(lab.parts) - 1)
                answers.extend(Run(page, lab.x, lab.top - i * step, lab.size, part) for i, part in enumerate(lab.parts))
            continue
        kept.append(group)
    return kept, answers


def _header_word(text: str) -> bool:
    """A label or a column heading ("Easily"); a language's name starting a grid row is an answer."""
    return (is_known_label(text) and canonical_language(text) is None) or skill_polarity(text) is not None


def _merge_subheaders(groups: list[list[_Label]], values: list[Run]) -> list[list[_Label]]:
    """A row of labels right under another, with no answers between them, that splits the columns above it
    ("Attended from/to" over "From" | "To", "READ" over "Easily" | "Not easily") is one header: the lower labels
    take the place of the column they split, each named with it when it names no field by itself."""
    merged: list[list[_Label]] = []
    for group in groups:
        parent = merged[-1] if merged else None
        if parent is not None and _splits(parent, group, values):
            merged[-1] = _split_columns(parent, group)
        else:
            merged.append(group)
    return merged


def _splits(parent: list[_Label], group: list[_Label], values: list[Run]) -> bool:
    low = min(lab.bottom for lab in parent)
    size = max(lab.size for lab in group)
    top = max(lab.top for lab in group)
    if low - top > 2.6 * size or any(re.match(r"^\s*\d{1,2}\s*[.)]", lab.text) for lab in group):
        return False
    if any(top + _Y_TOL < v.y < low - _Y_TOL for v in values):
        return False  # answers between the two rows: the lower one is a new question
    if any(lab.x < parent[0].x - 2.0 for lab in group):
        return False
    inside: dict[int, int] = {}
    for lab in group:
        col = _column(parent, lab.x)
        if col is not None:
            inside[col] = inside.get(col, 0) + 1
    if any(_NUMBERED.match(parent[col].text) or len(parent[col].text) > 40 or section_of(parent[col].text)
           for col in inside):
        return False  # a question ("13. Have you any dependants?") heads the table below it, it is not split
    polar = all(skill_polarity(lab.text) is not None for lab in group)
    return any(n >= 2 for n in inside.values()) or (polar and bool(inside))


def _split_columns(parent: list[_Label], group: list[_Label]) -> list[_Label]:
    subs: dict[int, list[_Label]] = {}
    for lab in group:
        subs.setdefault(_column(parent, lab.x) or 0, []).append(lab)
    out: list[_Label] = []
    for i, lab in enumerate(parent):
        if i not in subs:
            out.append(lab)
            continue
        for sub in subs[i]:
            text = sub.text if field_key(sub.text) is not None else f"{lab.text} {sub.text}"
            out.append(_Label(sub.x, lab.top, sub.bottom, sub.size, [text]))
    out.sort(key=lambda lb: lb.x)
    return out


def _column(group: list[_Label], x: float) -> int | None:
    col = None
    for i, lab in enumerate(group):
        if x >= lab.x - 2.0:
            col = i
    return col


def _group_items(group: list[_Label], cells: list[tuple[float, int, str, float]]) -> list[Item]:
    names = _column_names(group)
    if not cells:
        return [Item(name, None if section_of(name) and not field_key(name) else "") for name in names]
    rows: list[tuple[float, dict[int, str], float]] = []
    for y, col, text, size in sorted(cells, key=lambda c: (-c[0], c[1])):
        if rows and abs(rows[-1][0] - y) <= 2 * _Y_TOL:
            rows[-1][1][col] = f"{rows[-1][1].get(col, '')} {text}".strip()
        else:
            rows.append((y, {col: text}, size))
    records: list[dict[int, str]] = []
    last_y = 0.0
    for y, row, size in rows:
        prev = records[-1] if records else None
        # A wrapped line: only columns the row above has, close under it, and not the table's first column.
        wrapped = prev is not None and all(c in prev for c in row) and (
            len(row) < 2 or len(prev) < 2 or (last_y - y <= 1.6 * size and (
                min(prev) not in row or any(_unfinished(prev[c]) for c in row))))
        if prev is not None and wrapped:
            for col, text in row.items():
                prev[col] = join_wrapped(prev[col], text)
        elif prev is not None and len(row) < 2 and len(prev) >= 2 and all(c not in prev for c in row):
            prev.update(row)
        else:
            records.append(dict(row))
        last_y = y
    filled = {col for record in records for col in record}
    items = [Item(name, None) for i, name in enumerate(names)
             if i not in filled and section_of(name) and not field_key(name)]
    for record in records:
        items.extend(Item(name, record.get(i, "")) for i, name in enumerate(names) if i in filled)
    return items


def join_wrapped(text: str, more: str) -> str:
    """A cell's line and the line it wraps onto: with a space, except inside an e-mail address or a web address cut
    by the cell's edge ("jonas.peeters@examp" / "le.be", "name.surname" / "@example.org")."""
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    tail = more.strip()
    lower = bool(tail) and (tail[0].islower() or tail[0].isdigit() or tail[0] in ".-_@/")
    if lower and " " not in tail and (tail.startswith("@") or ("@" in last and not last.endswith((",", ";"))
                                                              and "@" not in tail) or last.startswith(("http", "www."))):
        return f"{text}{tail}"
    return f"{text} {more}"


_JOINING = frozenset({"of", "and", "the", "in", "for", "at", "on", "de", "du", "des", "d", "la", "le", "les", "et",
                      "en", "au", "aux", "l", "van", "het", "voor", "und", "der", "die", "fur"})


def _unfinished(text: str) -> bool:
    """A cell whose text goes on in the line below: it ends with a comma, a dash or a joining word ("Université
    de Liège,", "Master en économie du"), or names a month without its year ("September" / "2014")."""
    text = text.rstrip()
    if text.endswith((",", "-", "\u2013", "/", "&", "(")):
        return True
    words = fold(text).split()
    if not words:
        return False
    return words[-1] in _JOINING or (month_number(words[-1]) is not None and not re.search(r"\d", text))


def _column_names(group: list[_Label]) -> list[str]:
    """Label texts; a bare "Not easily" column borrows the skill of the column to its left ("READ Not easily")."""
    names: list[str] = []
    last_skill = ""
    for lab in group:
        text = lab.text
        key = field_key(text)
        if key in ("read", "write", "speak", "understand"):
            last_skill = text.split()[0]
        elif key is None and last_skill and skill_polarity(text) is not None:
            text = f"{last_skill} {text}"
        names.append(text)
    return names

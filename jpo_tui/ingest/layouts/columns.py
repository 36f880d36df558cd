"""Two-column pages (a sidebar beside a main column, as LinkedIn's "Save to PDF" profile prints them) read column by
column from the runs' positions, and the typography that tells a CV's parts apart.

A page has a sidebar when its runs start in two bands of x split by a wide gutter and almost no line of one band
shares its baseline with a line of the other (a label column beside its values, as the Europass CV prints it,
shares them: that is one table, read line by line). The column that holds the largest type (the name) is read
first, then the other, so that each section's lines stay together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jpo_tui.ingest import lexicon
from jpo_tui.ingest.pdf.pdfio import Run

_MIN_RUNS = 3  # on each side of the gutter
_MAX_SHARED = 0.5  # of the sidebar's lines that may share a baseline (within a tenth of a font size) with the main column's
_EMAIL_END = re.compile(r"[\w.+\-']@[\w\-.]+$")
_EMAIL_TAIL = re.compile(r"^[A-Za-z0-9.\-]{1,12}$")
_DURATION = lexicon.RawRegex(r"\(?\s{0,2}\d{1,2}\s{0,2}(?:" + lexicon.alternation("words", "duration", raw=True)
                             + r")(?:\s{0,2}\d{1,2}\s{0,2}(?:" + lexicon.alternation("words", "duration", raw=True)
                             + r"))?\s{0,2}\)?\s*$", re.IGNORECASE)


@dataclass
class Line:
    """One printed line of a column: its page, baseline, left edge, largest font size and text."""

    page: int
    y: float
    x: float
    size: float
    text: str


def _lines(runs: Sequence[Run]) -> list[Line]:
    """Runs on one baseline of a page joined (left to right) into lines, top to bottom."""
    out: list[Line] = []
    for run in sorted(runs, key=lambda r: (r.page, -round(r.y), r.x)):
        last = out[-1] if out else None
        if last is not None and last.page == run.page and abs(last.y - run.y) <= 0.3 * max(run.size, 1.0):
            last.text = f"{last.text}   {run.text}"
            last.size = max(last.size, run.size)
        else:
            out.append(Line(run.page, run.y, run.x, run.size, run.text))
    return out


def sidebar_split(runs: Sequence[Run], page_widths: Sequence[float]) -> float | None:
    """The x of the gutter between a sidebar and the main column on the first page, or None when it has none."""
    split, table = _gutter(runs, page_widths)
    return None if split is None or table else split


def table_rows_text(runs: Sequence[Run], page_widths: Sequence[float]) -> str | None:
    """The pages' text line by line across the gutter when the first page's two columns share their baselines (a
    column of dates beside the entries they date, drawn one column after the other), or None."""
    split, table = _gutter(runs, page_widths)
    if split is None or not table:
        return None
    return "\n".join(_typeset(_lines(runs)))


def _gutter(runs: Sequence[Run], page_widths: Sequence[float]) -> tuple[float | None, bool]:
    """The x of a wide gutter between two columns of the first page, and whether the columns share their
    baselines (one table) rather than run apart (a sidebar beside a main column)."""
    first = [r for r in runs if r.page == 0 and r.text.strip()]
    width = page_widths[0] if page_widths else 612.0
    xs = sorted({round(r.x) for r in first})
    if len(first) < 2 * _MIN_RUNS or len(xs) < 2:
        return None, False
    gap, split = max((b - a, (a + b) / 2) for a, b in zip(xs, xs[1:], strict=False))
    if gap < 0.2 * width or not 0.15 * width <= split <= 0.6 * width:
        return None, False
    left = [r for r in first if r.x < split]
    right = [r for r in first if r.x >= split]
    if len(left) < _MIN_RUNS or len(right) < _MIN_RUNS:
        return None, False
    right_ys = [r.y for r in right]
    shared = sum(any(abs(r.y - y) <= 0.1 * max(r.size, 1.0) for y in right_ys) for r in left)
    top = max(r.y for r in first)
    if not any(r.y >= top - 0.3 * (top - min(r.y for r in first)) for r in left):
        return None, False  # a left column only at the foot of the page is no sidebar
    return split, shared > _MAX_SHARED * len(left)


@dataclass(frozen=True)
class Columns:
    """A page read column by column: its text, and the lines set as its headings (None: any heading-like line)."""

    text: str
    headings: frozenset[str] | None


def column_text(runs: Sequence[Run], page_widths: Sequence[float]) -> Columns | None:
    """The pages' text read column by column (the column with the largest type first), or None without a sidebar.

    A column's headings are the lines that read as a heading set in its largest heading type: "Projects" or
    "Project Manager" in the type of a job title or a description is no heading there.
    """
    split = sidebar_split(runs, page_widths)
    if split is None:
        return None
    side = _lines([r for r in runs if r.x < split])
    main = _lines([r for r in runs if r.x >= split])
    if _dated_rows(side, main) >= 2:  # a column of dates (and headings) beside the entries: one table, by rows
        return Columns("\n".join(_typeset(_lines(runs))), None)
    first_page = [ln for ln in side + main if ln.page == 0]
    biggest = max(first_page, key=lambda ln: ln.size)
    columns = (side, main) if biggest in side else (main, side)
    texts: list[str] = []
    headings: set[str] = set()
    for column in columns:
        lines = _emails_joined(column)
        found = _headings(lines, biggest.size)
        texts.append("\n".join(_typeset(lines, found)))
        headings |= found
    return Columns("\n\n".join(texts), frozenset(headings))


def _dated_rows(side: list[Line], main: list[Line]) -> int:
    """How many date ranges of the sidebar stand on the baseline of a main-column line ("mai/2021 – presente"
    beside "Técnico/a de projetos — Camões"): the dates of the entries beside them."""
    from jpo_tui.ingest.cv_entries import find_ranges

    return sum(1 for line in side if find_ranges(" ".join(line.text.split())) and any(
        m.page == line.page and abs(m.y - line.y) <= 0.1 * max(line.size, 1.0) for m in main))


def _headings(lines: list[Line], name_size: float) -> set[str]:
    from jpo_tui.ingest.cv import is_heading

    found = [(" ".join(ln.text.split()), ln.size) for ln in lines]
    found = [(text, size) for text, size in found if size < name_size - 0.25 and is_heading(text)]
    if not found:
        return set()
    top = max(size for _, size in found)
    return {text for text, size in found if size >= top - 0.25}


def _emails_joined(lines: list[Line]) -> list[Line]:
    """An e-mail address wrapped onto the next line of its column ("zhaoqi.yan@gladstone.ucsf.e" / "du") joined."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and _EMAIL_END.search(prev.text) and \
                _EMAIL_TAIL.match(line.text.strip()) and abs(prev.x - line.x) < 2 and \
                0 < prev.y - line.y <= 1.6 * max(prev.size, line.size, 1.0):
            prev.text += line.text.strip()
            prev.y = line.y
            continue
        out.append(Line(line.page, line.y, line.x, line.size, line.text))
    return out


def _typeset(lines: list[Line], headings: set[str] | None = None) -> list[str]:
    """The column's lines as text; a date range set alone on its line under a line in larger type (a job title)
    is joined to that line and to the nearest line above set larger still (the employer): "Title, Employer  March
    2019 - Present", without the written duration that follows it ("(3 years 1 month)"); never to a heading (one
    of ``headings``, or any heading-like line without them)."""
    from jpo_tui.ingest.cv import is_heading
    from jpo_tui.ingest.cv_entries import find_ranges

    out: list[str] = []
    sizes: list[float] = []
    for i, line in enumerate(lines):
        text = " ".join(line.text.split())
        found = find_ranges(text)
        if found and i and out and lines[i - 1].size > line.size + 0.25 and not _rest(text, found[0]) \
                and not (out[-1] in headings if headings is not None else is_heading(out[-1])):
            title_size = lines[i - 1].size
            employer = next((out[j] for j in range(len(out) - 2, max(-1, len(out) - 60), -1)
                             if sizes[j] > title_size + 0.25), "")
            from jpo_tui.ingest.labels import section_of

            if employer and section_of(employer) is None:
                out[-1] = f"{out[-1]}, {employer}"
            out[-1] = f"{out[-1]}   {_without_duration(text)}"
            continue
        out.append(text)
        sizes.append(line.size)
    return out


def _rest(text: str, m: re.Match[str]) -> str:
    """What a line holds besides its date range and a written duration."""
    return _without_duration(text[: m.start()] + " " + text[m.end():]).strip(" ·-,")


def _without_duration(text: str) -> str:
    m = _DURATION.search(text)
    return text[: m.start()].rstrip(" ·,") if m else text


def _worded(run: Run) -> bool:
    return sum(c.isalpha() for c in run.text) >= 2  # not an icon, a bullet or a rule


def largest_line(runs: Sequence[Run]) -> str:
    """The first page's text set in the largest type (a CV's name, as most templates print it), or "" when no run
    stands out or several lines do (headings)."""
    first = [r for r in runs if r.page == 0 and _worded(r)]
    if len(first) < 3:
        return ""
    sizes = sorted(r.size for r in first)
    body = sizes[len(sizes) // 2]
    top = max(first, key=lambda r: (r.size, r.y))
    if top.size < 1.3 * body or any(abs(r.y - top.y) > 0.3 * top.size and r.size >= top.size - 0.25 for r in first):
        return ""
    return top.text


def topmost_line(runs: Sequence[Run]) -> str:
    """The first page's highest line of words (a name set in a header above everything else), or ""."""
    first = [r for r in runs if r.page == 0 and _worded(r)]
    return max(first, key=lambda r: r.y).text if first else ""

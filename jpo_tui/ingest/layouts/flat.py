"""Printed forms read line by line -> labelled items: "Label: value" (several pairs may share a line), a label
without a colon before its value ("2. Date of Birth February 16, 1996", "From Dec 2019 To Jun 2020"), a label alone
with its value on the next line, and tables written as rows of cells ("Institution | From | To | Degree" over rows of
values)."""

from __future__ import annotations

import re

from jpo_tui.ingest.interpret import Item
from jpo_tui.ingest.labels import _label_word, field_key, section_of, trailing_label

# A pair starts at the line start or after two or more spaces: "From: 09/2018   To: 06/2019".
_PAIR_START = re.compile(r"(?:^|(?<=\s\s)|(?<=\t))(?=[^\s:][^:]{0,80}?\s?:(?:\s|$))")
_LABEL_VALUE = re.compile(r"^([^:]{1,90}?)\s?:(?:\s+|$)(.*)$")
_COLON = re.compile(r"\s?:(?:\s+|$)")
_FREE_TEXT = {"duties"}
_FOLIO = re.compile(r"(?i)^\s*[-\u2013]?\s*(page\s*)?\d{1,3}(\s*(/|of|sur|van)\s*\d{1,3})?\s*[-\u2013]?\s*$")  # values that are prose: a colon inside them starts no new pair


MAX_LINE_CHARS = 2_000
_CELL_SPLIT = re.compile(r"[ \t]{0,8}[|\u2502][ \t]{0,8}")
_NUMBER = re.compile(r"^\s{0,8}(?:\d{1,2}[a-z]?|[A-Ha-h])[.)]\s{1,8}")
_MAX_LABEL_WORDS = 8


def flat_items(text: str) -> list[Item]:
    """Items from a printed form's text; lines without a label continue the previous value or are headings."""
    items: list[Item] = []
    continuing = False
    header: list[str] = []  # the labels of the table being read
    for raw in text.splitlines():
        line = raw[:MAX_LINE_CHARS].rstrip()
        cells = _cells(line)
        if cells is not None:
            if all(not c or field_key(c) is not None for c in cells) and sum(bool(c) for c in cells) >= 2:
                header = cells  # a row of labels: the rows below hold their values
                continuing = False
                continue
            if header and len(cells) <= len(header):
                items.extend(Item(label, cell) for label, cell in zip(header, cells, strict=False))
                continuing = False
                continue
        header = [] if cells is None else header
        if _FOLIO.match(line):
            continue  # a page number: a description may go on past it on the next page
        if not line.strip():
            continuing = continuing and bool(items) and field_key(items[-1].label) in _FREE_TEXT
            continue
        pairs = _pairs(line) or bare_pairs(line)
        if pairs:
            items.extend(Item(label, value) for label, value in pairs)
            continuing = True
            continue
        stripped = line.strip()
        if continuing and items and items[-1].value is not None and not _looks_heading(stripped):
            items[-1].value = f"{items[-1].value} {stripped}".strip()
            continue
        items.append(Item(stripped, None))
        continuing = False
    return items


def count_labelled_lines(text: str) -> int:
    """How many lines hold at least one known "Label: value" pair (to tell a flat form from other text)."""
    return sum(1 for line in text.splitlines()
               if ":" in line and any(field_key(lab) for lab, _ in _pairs(line[:MAX_LINE_CHARS])))


def count_bare_lines(text: str) -> int:
    """How many lines start with a known label followed by its value without a colon ("Family name Dupont")."""
    return sum(1 for line in text.splitlines()
               if any(value and field_key(lab) not in (None, "ignore") for lab, value in bare_pairs(line)))


def _pairs(line: str) -> list[tuple[str, str]]:
    starts = [m.start() for m in _PAIR_START.finditer(line)]
    if not starts or line[: starts[0]].strip():
        return []
    segments = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=False)]
    pairs: list[tuple[str, str]] = []
    for seg in segments:
        m = _LABEL_VALUE.match(seg.strip())
        if not m:
            if pairs:
                pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {seg.strip()}".strip())
            continue
        label, value = m.group(1).strip(), m.group(2).strip()
        if "@" in label or "http" in label.casefold() or len(label.split()) > 12:
            return []
        pairs.extend(_split_value(label, value))
    return pairs


def _split_value(label: str, value: str) -> list[tuple[str, str]]:
    """ "Family name: Vermeulen First name: Pieter" -> two pairs: a colon whose words before it end with a known
    label ("First name", "Au", "To") starts a new pair inside the value."""
    pairs: list[tuple[str, str]] = []
    while field_key(label) not in _FREE_TEXT:
        for m in _COLON.finditer(value):
            split = trailing_label(value[: m.start()])
            if split is not None:
                pairs.append((label, split[0].strip()))
                label, value = split[1], value[m.end():]
                break
        else:
            break
    pairs.append((label, value.strip()))
    return pairs


def _looks_heading(line: str) -> bool:
    if section_of(line) is None:
        return False
    return len(line) < 90 and (bool(re.match(r"^\s*(\d{1,2}|[A-H])[.)]\s", line)) or line.isupper()
                               or len(line.split()) <= 6)


def _cells(line: str) -> list[str] | None:
    """The cells of a table row written with bars ("English | Easily | Easily"), or None."""
    if "|" not in line and "\u2502" not in line:
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|\u2502"))]
    return cells if len(cells) >= 2 else None


def bare_pairs(line: str) -> list[tuple[str, str]]:
    """ "1. Family name Dupont", "Date of Birth February 16, 1996", "From Dec 2019 To Jun 2020", "Middle Name": a
    known label at the start of the line without a colon, its value after it (empty when none); several such pairs
    when a later run of label words names a field ("Nationality Belgian Gender Female"). [] when the line does not
    start with a label."""
    if len(line) > 300:
        return []  # a paragraph, not a label and its value
    text = _NUMBER.sub("", line.strip(), count=1)
    words = text.split()
    if not words or len(words) > 16 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return []
    label_len = _leading_label(words)
    if not label_len:
        return []
    pairs: list[tuple[str, str]] = []
    label = " ".join(words[:label_len])
    rest = words[label_len:]
    start = 0
    for i in range(1, len(rest)):
        n = _leading_label(rest[i:], inner=True, before=rest[i - 1])
        if n:
            pairs.append((label, " ".join(rest[start:i])))
            label, start = " ".join(rest[i:i + n]), i + n
            break
    pairs.append((label, " ".join(rest[start:])))
    return [(lab, "" if _HINT.fullmatch(value) else value) for lab, value in pairs]


_HINT = re.compile(r"\([^()]{0,40}\)")  # "(if any)", "(dd/mm/yyyy)": a hint printed after a label, not a value


_PARTICLES = frozenset({"van", "von", "de", "du", "des", "der", "den", "ter", "da", "di", "del", "dos", "la", "le",
                        "el", "al", "bin", "ben"})


def _leading_label(words: list[str], *, inner: bool = False, before: str = "") -> int:
    """How many words at the start form a known label (the longest run of label words naming a field), else 0.
    Inside a value a label must start with a capital and be more than a name particle ("Van", "De"): two words or
    more, a word of four letters or more, or a "To" after a date."""
    if not words[0][:1].isupper():
        return 0
    run = 0
    while run < min(len(words), _MAX_LABEL_WORDS) and _label_word(words[run]):
        run += 1
    for n in range(run, 0, -1):
        label = " ".join(words[:n])
        key = field_key(label)
        if key is None:
            continue
        if inner:
            single = n == 1
            if single and (words[0].casefold() in _PARTICLES or len(words[0]) < 4) and \
                    not (key in ("to", "from") and before[-1:].isdigit()):
                continue
            if key in ("ignore",) and single and len(words) == 1:
                continue
        while n > 1 and words[n - 1][:1].isupper() and words[n - 1].casefold() in _PARTICLES and \
                field_key(" ".join(words[:n - 1])) == key:
            n -= 1  # "Family name Van den Broeck": "Van" adds nothing to the label, it starts the value
        if inner and n == len(words) and n > 1 and field_key(" ".join(words[:n - 1])) == key:
            n -= 1  # "To Present": the last word is the value, not part of the label
        return n
    return 0

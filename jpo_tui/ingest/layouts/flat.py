"""Printed forms written as "Label: value" lines (several pairs may share a line) -> labelled items."""

from __future__ import annotations

import re

from jpo_tui.ingest.interpret import Item
from jpo_tui.ingest.labels import field_key, section_of, trailing_label

# A pair starts at the line start or after two or more spaces: "From: 09/2018   To: 06/2019".
_PAIR_START = re.compile(r"(?:^|(?<=\s\s)|(?<=\t))(?=[^\s:][^:]{0,80}?\s?:(?:\s|$))")
_LABEL_VALUE = re.compile(r"^([^:]{1,90}?)\s?:(?:\s+|$)(.*)$")
_COLON = re.compile(r"\s?:(?:\s+|$)")
_FREE_TEXT = {"duties"}
_FOLIO = re.compile(r"(?i)^\s*[-\u2013]?\s*(page\s*)?\d{1,3}(\s*(/|of|sur|van)\s*\d{1,3})?\s*[-\u2013]?\s*$")  # values that are prose: a colon inside them starts no new pair


def flat_items(text: str) -> list[Item]:
    """Items from "Label: value" text; lines without a label continue the previous value or are headings."""
    items: list[Item] = []
    continuing = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if _FOLIO.match(line):
            continue  # a page number: a description may go on past it on the next page
        if not line.strip():
            continuing = continuing and bool(items) and field_key(items[-1].label) in _FREE_TEXT
            continue
        pairs = _pairs(line)
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
    return sum(1 for line in text.splitlines() if any(field_key(lab) for lab, _ in _pairs(line)))


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

"""A scanned page made ready for Tesseract, as a person reads a form: straightened, the table's rules taken away
(Tesseract reads a cell border as "|" and joins words across cells), and its tick boxes seen as boxes.

Everything works on the page image with numpy (no OpenCV): the skew is the angle whose row profile is sharpest;
a rule is a run of dark pixels longer than any stroke of a letter; a tick box is a small square outline, ticked
when its inside holds ink. Boxes become "☒" / "☐" runs at their place on the page, so the position reader treats
them as it treats boxes typed in a Word file.
"""

from __future__ import annotations

from dataclasses import dataclass

_DARK = 150  # grey level below which a pixel is ink
_MAX_SKEW = 3.0  # degrees tried either way
_TICK_INK = 0.12  # share of a box's inside that is ink when it is ticked


@dataclass(frozen=True)
class Box:
    """A tick box found on the page, in pixels of the prepared image."""

    x0: int
    y0: int
    x1: int
    y1: int
    ticked: bool


def prepare(image, dpi: float):  # noqa: ANN001, ANN201 - a PIL image in, (PIL image, [Box], Borders) out
    """The page straightened, without its rules and boxes; the tick boxes found on it; where its rules stood."""
    import numpy as np
    from PIL import Image

    gray = image.convert("L")
    angle = _skew(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(gray, dtype=np.uint8).copy()
    dark = pixels < _DARK
    length = max(20, int(dpi * 0.3))
    rules = _rules(dark, length)
    pixels[rules] = 255
    upright = _runs_mask(dark.T, length).T  # the vertical rules: cell borders between words
    dark &= ~rules
    boxes = _boxes(dark, dpi)
    for box in boxes:
        pixels[max(0, box.y0 - 2):box.y1 + 3, max(0, box.x0 - 2):box.x1 + 3] = 255
    return Image.fromarray(pixels), boxes, Borders(upright)


class Borders:
    """Where the page's vertical rules stood (before they were taken away), to split words that Tesseract puts on
    one line across a cell border."""

    def __init__(self, upright) -> None:  # noqa: ANN001 - a numpy bool array, True on a vertical rule
        self.upright = upright

    def between(self, x0: float, x1: float, y0: float, y1: float) -> bool:
        """True when a vertical rule runs through most of the rows y0..y1 somewhere between x0 and x1 (pixels)."""
        h, w = self.upright.shape
        a, b = max(0, int(x0)), min(w, int(x1) + 1)
        top, bottom = max(0, int(y0)), min(h, int(y1) + 1)
        if b <= a or bottom <= top:
            return False
        return bool((self.upright[top:bottom, a:b].mean(axis=0) > 0.6).any())


def _skew(gray) -> float:  # noqa: ANN001
    """The angle (degrees, counter-clockwise) that makes the page's lines of text and rules horizontal: the one
    whose row profile of ink changes most sharply from row to row."""
    import numpy as np
    from PIL import Image

    small = gray.copy()
    small.thumbnail((600, 800))
    small = small.point(lambda v: 0 if v < _DARK + 40 else 255)

    def sharpness(angle: float) -> float:
        rotated = small.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=255)
        ink = (np.asarray(rotated, dtype=np.uint8) < 128).sum(axis=1).astype(np.float64)
        return float(np.square(np.diff(ink)).sum())

    coarse = max((a / 2 for a in range(int(-_MAX_SKEW * 2), int(_MAX_SKEW * 2) + 1)), key=sharpness)
    return max((coarse + a / 10 for a in range(-4, 5)), key=sharpness)


def _runs_mask(dark, length: int):  # noqa: ANN001, ANN202
    """Pixels that lie on a horizontal run of at least ``length`` dark pixels (an erosion then a dilation by a
    row of ``length`` pixels, each done by doubling shifts)."""
    run = dark.copy()
    k = 1
    while k * 2 <= length:  # run[:, x]: dark from x to x + 2k - 1
        run[:, :-k] &= run[:, k:]
        run[:, -k:] = False
        k *= 2
    rest = length - k
    if rest:
        run[:, :-rest] &= run[:, rest:]
        run[:, -rest:] = False
    out = run.copy()  # out[:, x]: some run of ``length`` starting at x - length + 1 .. x
    k = 1
    while k * 2 <= length:
        out[:, k:] |= out[:, :-k]
        k *= 2
    if length - k:
        out[:, length - k:] |= out[:, :k - length]
    return out


def _rules(dark, length: int):  # noqa: ANN001, ANN202
    """The table's horizontal and vertical rules (and a pixel around them, their antialiased edges)."""
    import numpy as np

    mask = _runs_mask(dark, length) | _runs_mask(dark.T, length).T
    grown = mask.copy()
    grown[1:, :] |= mask[:-1, :]
    grown[:-1, :] |= mask[1:, :]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown & (dark | np.roll(dark, 1, axis=0) | np.roll(dark, -1, axis=0) | mask)


def _boxes(dark, dpi: float) -> list[Box]:  # noqa: ANN001
    """Small square outlines (7 to 16 points a side: a letter's bowl in body text is smaller): a top and a bottom
    edge of the same extent, a side's
    height apart, joined by dark left and right sides."""
    import numpy as np

    lo, hi = int(dpi * 7 / 72), int(dpi * 16 / 72)
    h, w = dark.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    edges = np.diff(padded, axis=1)
    starts_y, starts_x = np.nonzero(edges == 1)
    ends_y, ends_x = np.nonzero(edges == -1)
    segments: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (x0 // 3, length // 3) -> [(y, x0)]
    for y, x0, x1 in zip(starts_y.tolist(), starts_x.tolist(), ends_x.tolist(), strict=True):
        length = x1 - x0
        if lo <= length <= hi:
            segments.setdefault((x0 // 3, length // 3), []).append((y, x0))
    _ = ends_y
    found: list[Box] = []
    taken = np.zeros_like(dark, dtype=bool)
    for (_, _), group in segments.items():
        group.sort()
        for y, x0 in group:
            if taken[y, x0]:
                continue
            row = dark[y]
            x1 = x0
            while x1 < w and row[x1]:
                x1 += 1
            side = x1 - x0
            box = _square(dark, x0, y, x1, side)
            if box is None:
                continue
            y1 = box
            inner = dark[y + side // 4:y1 - side // 4 + 1, x0 + side // 4:x1 - side // 4]
            ink = float(inner.mean()) if inner.size else 0.0
            found.append(Box(x0, y, x1 - 1, y1, ink > _TICK_INK))
            taken[max(0, y - 2):y1 + 3, max(0, x0 - 2):x1 + 2] = True
    return _same_size(found)


def _same_size(boxes: list[Box]) -> list[Box]:
    """The boxes of the form's own size: a form draws its tick boxes alike, so a square of another size met once
    is a letter ("D", "O" in bold), not a box."""
    if not boxes:
        return []
    sides = sorted(b.x1 - b.x0 for b in boxes)
    mode = max(sides, key=lambda s: sum(abs(t - s) <= 3 for t in sides))
    kept = [b for b in boxes if abs((b.x1 - b.x0) - mode) <= 3 and abs((b.y1 - b.y0) - mode) <= 4]
    return kept if len(kept) >= 2 else []


def _square(dark, x0: int, y: int, x1: int, side: int) -> int | None:  # noqa: ANN001
    """The bottom row of a square outline whose top edge runs from x0 to x1 on row y, or None: its four sides
    dark, its corners sharp (a round letter's are not)."""
    h = dark.shape[0]
    tol = max(2, int(side * 0.08))
    for y1 in range(y + side - tol, min(h, y + side + tol + 1)):
        bottom = dark[y1, x0:x1]
        if bottom.size and bottom.mean() > 0.85:
            left = dark[y:y1 + 1, x0:x0 + 3].any(axis=1).mean()
            right = dark[y:y1 + 1, max(x0, x1 - 3):x1].any(axis=1).mean()
            corners = (dark[y:y + 3, x0:x0 + 3], dark[y:y + 3, x1 - 3:x1], dark[y1 - 2:y1 + 1, x0:x0 + 3],
                       dark[y1 - 2:y1 + 1, x1 - 3:x1])
            if left > 0.85 and right > 0.85 and all(c.any() for c in corners):
                return y1
    return None


__all__ = ["Borders", "Box", "prepare"]

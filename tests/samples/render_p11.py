"""The layouts an application's main document comes in, by name, and one function to render any of them."""

from __future__ import annotations

from collections.abc import Callable

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import Rendered
from tests.samples.profiles import Profile
from tests.samples.render_cv import render_cv
from tests.samples.render_flat import render_flat
from tests.samples.render_form import render_form
from tests.samples.render_grid import render_grid
from tests.samples.render_letter import render_letter
from tests.samples.render_php import render_php

Renderer = Callable[[Profile, VacancySpec, bool], Rendered]

RENDERERS: dict[str, Renderer] = {
    "form": lambda p, v, c: render_form(p, v, compress=c),
    "form-opaque": lambda p, v, c: render_form(p, v, opaque=True, compress=c),
    "flat": lambda p, v, c: render_flat(p, v, lang="en", compress=c),
    "flat-fr": lambda p, v, c: render_flat(p, v, lang="fr", compress=c),
    "grid": lambda p, v, c: render_grid(p, v, compress=c),
    "php": lambda p, v, c: render_php(p, v, compress=c),
    "cv": lambda p, v, c: render_cv(p, v, lang="en", compress=c),
    "cv-fr": lambda p, v, c: render_cv(p, v, lang="fr", compress=c),
}
LAYOUTS: tuple[str, ...] = tuple(RENDERERS)
P11_LAYOUTS: tuple[str, ...] = ("form", "form-opaque", "flat", "flat-fr", "grid", "php")


def render(layout: str, profile: Profile, vacancy: VacancySpec, *, compress: bool = True) -> Rendered:
    """The applicant's main document in ``layout`` (one of LAYOUTS)."""
    try:
        fn = RENDERERS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}") from None
    return fn(profile, vacancy, compress)


def render_cover_letter(profile: Profile, vacancy: VacancySpec, lang: str, *, compress: bool = True) -> Rendered:
    return render_letter(profile, vacancy, lang=lang, compress=compress)

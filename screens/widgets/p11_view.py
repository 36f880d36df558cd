"""The P11 as a structured view: personal data, languages, education and employment with their dates.

Rendered as rich tables in one Static (updated in place: no widgets mounted per applicant). ``j`` / ``k`` select
an employment entry; the applicant screen's ``t`` marks it (not) relevant.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from jpo_tui.services.queries import ApplicantDetail, EmploymentView

from ..safe import clean


def _t(value: str | None, style: str = "") -> Text:
    return Text(clean(value or "", single_line=True), style=style)


def _yes(value: bool | None) -> Text:
    return Text("?" if value is None else ("yes" if value else "no"), style="" if value else "dim")


def _period(start: str | None, end: str | None, present: bool = False) -> Text:
    return _t(f"{start or '?'} – {'present' if present else (end or '?')}")


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


class P11View(VerticalScroll, can_focus=True):
    """Read-only view of the parsed facts; :attr:`selected` is the chosen employment entry's index."""

    BINDINGS = [
        Binding("j,down", "select(1)", "Next entry", show=False),
        Binding("k,up", "select(-1)", "Previous entry", show=False),
    ]
    DEFAULT_CSS = """
    P11View { height: 1fr; padding: 0 1; }
    P11View > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: ApplicantDetail | None = None
        self.selected = 0

    def compose(self) -> ComposeResult:
        yield Static(id="p11-content")

    def show(self, detail: ApplicantDetail, *, keep_selection: bool = False) -> None:
        if not keep_selection:
            self.selected = 0
            self.scroll_home(animate=False)
        self.detail = detail
        self._redraw()

    @property
    def selected_entry(self) -> EmploymentView | None:
        if self.detail is None or not self.detail.employment:
            return None
        return self.detail.employment[min(self.selected, len(self.detail.employment) - 1)]

    def action_select(self, step: int) -> None:
        if self.detail and self.detail.employment:
            self.selected = max(0, min(self.selected + step, len(self.detail.employment) - 1))
            self._redraw()

    def _redraw(self) -> None:
        d = self.detail
        if d is None:
            return
        personal = Text()
        nationality = d.nationality or "?"
        if d.nationality_raw and d.nationality_raw != d.nationality:
            nationality += f" (written: {d.nationality_raw})"
        for label, value in (("Name", d.name), ("Key", d.key),
                             ("Date of birth", d.date_of_birth.isoformat() if d.date_of_birth else "?"),
                             ("Nationality", nationality), ("E-mail", d.email)):
            personal.append(f"{label}: ", style="bold")
            personal.append(clean(value or "?", single_line=True) + "\n")
        languages = _table("Language", "Read", "Write", "Speak", "Understand", "Level")
        for x in d.languages:
            languages.add_row(_t(x.language + (" (mother tongue)" if x.mother_tongue else "")), _yes(x.read),
                              _yes(x.write), _yes(x.speak), _yes(x.understand), _t(x.level))
        education = _table("Period", "Degree", "Level", "Institution")
        for e in d.education:
            education.add_row(_period(e.start, e.end, e.ongoing), _t(e.degree), _t(e.level), _t(e.institution))
        employment = _table("", "Period", "Title", "Employer", "Intern", "Relevant")
        for n, job in enumerate(d.employment):
            chosen = n == self.selected
            employment.add_row(Text("▶" if chosen else " "), _period(job.start, job.end, job.present), _t(job.title),
                               _t(job.employer), _t("intern" if job.internship else ""),
                               Text("✔ yes") if job.relevant else Text("✘ not relevant", style="bold"),
                               style="reverse" if chosen and self.has_focus else ("bold" if chosen else ""))
        empty = Text("— none found —", style="dim italic")
        parts = [
            Text("Personal data", style="bold underline"), personal,
            Text("Languages", style="bold underline"), languages if d.languages else empty, Text(""),
            Text("Education", style="bold underline"), education if d.education else empty, Text(""),
            Text.assemble(("Employment", "bold underline"), ("   j/k select · t (not) relevant", "dim")),
            employment if d.employment else empty,
        ]
        self.query_one("#p11-content", Static).update(Group(*parts))

    def on_focus(self) -> None:
        self._redraw()

    def on_blur(self) -> None:
        self._redraw()

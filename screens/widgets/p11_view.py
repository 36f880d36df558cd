"""The P11 as a structured view: personal data, languages, education and employment with their dates."""

from __future__ import annotations

from jpo_tui.screens.safe import clean
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from jpo_tui.queries import ApplicantDetail, EmploymentView


def _t(value: str | None, style: str = "") -> Text:
    return Text(clean(value or "", single_line=True), style=style, no_wrap=True, overflow="ellipsis")


def _yes(value: bool | None) -> Text:
    return Text("?" if value is None else ("yes" if value else "no"), style="" if value else "dim")


def _period(start: str | None, end: str | None, present: bool = False) -> Text:
    return _t(f"{start or '?'} – {'present' if present else (end or '?')}")


class EmploymentTable(DataTable):
    """Employment entries; the applicant screen's ``t`` marks the selected one (not) relevant."""

    def __init__(self, entries: tuple[EmploymentView, ...]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id="employment")
        self.entries = {str(e.id): e for e in entries}

    def on_mount(self) -> None:
        self.add_columns("Period", "Title", "Employer", "Intern", "Relevant")
        for e in self.entries.values():
            self.add_row(_period(e.start, e.end, e.present), _t(e.title), _t(e.employer),
                         _t("intern" if e.internship else ""),
                         Text("✔ yes") if e.relevant else Text("✘ not relevant", style="bold"),
                         key=str(e.id))

    def selected_entry(self) -> EmploymentView | None:
        """The entry under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.entries.get(str(key))


class P11View(VerticalScroll):
    """Read-only view of the parsed facts, built from an :class:`ApplicantDetail`."""

    DEFAULT_CSS = """
    P11View { height: 1fr; padding: 0 1; }
    P11View .section { text-style: bold; margin-top: 1; }
    P11View DataTable { height: auto; max-height: 14; }
    """

    def __init__(self, detail: ApplicantDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        d = self.detail
        personal = Text()
        for label, value in (("Name", d.name), ("Key", d.key),
                             ("Date of birth", d.date_of_birth.isoformat() if d.date_of_birth else "?"),
                             ("Nationality", d.nationality + (f" (written: {d.nationality_raw})"
                                                              if d.nationality_raw and d.nationality_raw != d.nationality
                                                              else "")),
                             ("E-mail", d.email)):
            personal.append(f"{label}: ", style="bold")
            personal.append(clean(value or "?", single_line=True) + "\n")
        yield Static("Personal data", classes="section")
        yield Static(personal)
        yield Static("Languages", classes="section")
        languages: DataTable = DataTable(cursor_type="row", id="languages")
        languages.add_columns("Language", "Read", "Write", "Speak", "Understand", "Level")
        for x in d.languages:
            languages.add_row(_t(x.language + (" (mother tongue)" if x.mother_tongue else "")), _yes(x.read),
                              _yes(x.write), _yes(x.speak), _yes(x.understand), _t(x.level))
        yield languages
        yield Static("Education", classes="section")
        education: DataTable = DataTable(cursor_type="row", id="education")
        education.add_columns("Period", "Degree", "Level", "Institution")
        for e in d.education:
            education.add_row(_period(e.start, e.end, e.ongoing), _t(e.degree), _t(e.level), _t(e.institution))
        yield education
        yield Static(Text.assemble(("Employment", "bold"), ("   t: mark the selected entry (not) relevant",
                                                            "dim")), classes="section")
        yield EmploymentTable(d.employment)

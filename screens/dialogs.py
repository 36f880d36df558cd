"""Small modal dialogs: the reviewer's name, the vacancy picker, a comment, the export file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from jpo_tui.services.queries import VacancyInfo

from .base import JpoNode
from .safe import clean


class Dialog(JpoNode, ModalScreen):
    """A centred box; escape closes it without an answer."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Close", id="dialog.close")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewerDialog(Dialog):
    """Asks who is reviewing (prefilled, e.g. with the OS user)."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Who is reviewing?", classes="title")
            yield Label("Your scores and comments are saved under this name.", classes="hint")
            yield Input(value=self.default, placeholder="your name", id="reviewer-name", max_length=120)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        name = clean(event.value, single_line=True).strip()
        if name:
            self.dismiss(name)


class CommentDialog(Dialog):
    """Edits one comment; enter saves, escape cancels."""

    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(clean(self.title_text, single_line=True)), classes="title")
            yield Input(value=clean(self.value, single_line=True), placeholder="comment (enter saves, escape cancels)",
                        id="comment", max_length=4000)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class VacancyPicker(Dialog):
    """Choose the vacancy to review; the last one used is highlighted."""

    BINDINGS = [Binding("q", "cancel", "Close", show=False)]

    def __init__(self, vacancies: Sequence[VacancyInfo], last: str | None) -> None:
        super().__init__()
        self.vacancies = tuple(vacancies)
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Choose a vacancy", classes="title")
            options = []
            for v in self.vacancies:
                prompt = Text(no_wrap=True, overflow="ellipsis")
                prompt.append(clean(v.id, single_line=True), style="bold")
                prompt.append(f"  {clean(v.title, single_line=True)}  ")
                prompt.append(f"{v.call_year} · {v.applicants} applicants", style="dim")
                options.append(Option(prompt, id=v.id))
            yield OptionList(*options, id="vacancies")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        ids = [v.id for v in self.vacancies]
        picker.highlighted = ids.index(self.last) if self.last in ids else 0

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def export_file_name(vacancy_id: str) -> str:
    """A safe default file name for the vacancy's export."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", vacancy_id).strip("_") + ".json"


class ExportDialog(Dialog):
    """Asks where to write the JSON export, then writes it in a worker."""

    def __init__(self, vacancy_id: str) -> None:
        super().__init__()
        self.vacancy_id = vacancy_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Export the vacancy (JSON)", classes="title")
            yield Input(value=export_file_name(self.vacancy_id), id="export-path")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.export(Path(event.value.strip()).expanduser())

    @work(thread=True, exclusive=True, exit_on_error=False, description="export the vacancy")
    def export(self, path: Path) -> None:
        from jpo_tui.core.files import write_atomic
        from jpo_tui.services.exports import export

        from .app import refusal_text

        app = self.jpo
        try:  # the same service as 'jpo-tui export --format json': the rulebook decides, the service audits
            result = export(app.engine, self.vacancy_id, app.who, "json", destination=str(path))
            write_atomic(path, result.data)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            app.call_from_thread(app.notify, f"Export refused: {refusal_text(exc)}", severity="error", markup=False)
            return
        app.call_from_thread(app.notify, f"Exported {result.applicants} applicants to {path}", markup=False)
        app.call_from_thread(self.dismiss, str(path))

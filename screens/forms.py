"""Reusable dialogs for the committee's actions: a small form, a choice among options, a yes/no question."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from .dialogs import Dialog
from .safe import clean


@dataclass(frozen=True)
class Field:
    """One line of a :class:`FormDialog`."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    password: bool = False


class FormDialog(Dialog):
    """Labelled inputs; enter moves to the next one and submits on the last. ``check`` may refuse the answers
    with a message (the dialog stays open); the result is {field name: value}. ``compact``: one-line inputs
    with their labels close above them, so that a form of several fields fits an 80x24 terminal whole, its
    message included."""

    def __init__(self, title: str, fields: Sequence[Field], hint: str = "",
                 check: Callable[[dict[str, str]], str | None] | None = None, *, compact: bool = False) -> None:
        super().__init__()
        self.title_text, self.fields, self.hint, self.check = title, tuple(fields), hint, check
        self.compact = compact

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide compact" if self.compact else "dialog wide"):
            yield Label(Text(clean(self.title_text, single_line=True)), classes="title")
            if self.hint:
                yield Label(Text(clean(self.hint)), classes="hint")
            for f in self.fields:
                yield Label(Text(f.label), classes="field-label")
                yield Input(value=clean(f.value, single_line=True), placeholder=f.placeholder, password=f.password,
                            id=f"field-{f.name}", max_length=4000, compact=self.compact)
            yield Label("", id="form-error", classes="error")

    def on_mount(self) -> None:
        # focusing the first field scrolls a form taller than the terminal: start from its title and hint
        self.call_after_refresh(self.query_one(".dialog", Vertical).scroll_home, animate=False)

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index < len(inputs) - 1:
            inputs[index + 1].focus()
            return
        answers = self.values()
        problem = self.check(answers) if self.check else None
        if problem:
            self.query_one("#form-error", Label).update(Text(clean(problem), style="bold red"))
            return
        self.dismiss(answers)


class ChoiceDialog(Dialog):
    """Pick one of ``options`` (id, label); the result is the id."""

    BINDINGS = [Binding("q", "cancel", "Close", show=False)]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text, self.options, self.hint = title, tuple(options), hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(clean(self.title_text, single_line=True)), classes="title")
            if self.hint:
                yield Label(Text(clean(self.hint)), classes="hint")
            yield OptionList(*(Option(Text(clean(label, single_line=True)), id=key) for key, label in self.options),
                             id="choices")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConfirmDialog(Dialog):
    """A yes/no question: y or enter confirms, n or escape declines."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, question: str, *, yes: str = "y / enter: yes", no: str = "n / escape: no") -> None:
        super().__init__()
        self.title_text, self.question, self.keys = title, question, f"{yes} · {no}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide" if len(self.question) > 200 else "dialog"):
            yield Label(Text(clean(self.title_text, single_line=True)), classes="title")
            yield Label(Text(clean(self.question)))
            yield Label(self.keys, classes="hint keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)

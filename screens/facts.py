"""One applicant's facts with their evidence: the chair corrects, adds, removes, withdraws and enters facts by
hand, a reviewer flags a doubt, the chair resolves it; eligibility is re-screened at once and shown per rule.

Every change goes through ``jpo_tui.services.facts``, which asks the rulebook: this screen decides nothing."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from jpo_tui.committee.rules import Action
from jpo_tui.services import facts as service
from jpo_tui.services.acting import refusal_for

from .forms import ChoiceDialog, Field, FormDialog
from .help import HELP_BINDING
from .latest import NewestLoadWins
from .safe import clean
from .widgets.footer import SteadyFooter

RULE_MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "review": ("?", "yellow")}
STATUS_STYLE = {"eligible": "bold green", "ineligible": "bold red"}
ENTRY_SHAPES = {"employment": "FROM..TO; TITLE; EMPLOYER[; internship]  (e.g. 2019-01..present; Officer; UNDP)",
                "education": "FROM..TO; LEVEL; DEGREE; INSTITUTION  (e.g. 2016-09..2018-06; master; MSc; KU Leuven)"}


def _need_reason(v: dict[str, str]) -> str | None:
    return None if v.get("reason", "").strip() else "Give a reason (it is recorded in the audit trail), or escape."


class FactsScreen(NewestLoadWins, Screen[bool]):
    """The facts of applicant ``key``; dismissed with True when something changed (the caller reloads)."""

    CSS = """
    FactsScreen { layout: vertical; }
    FactsScreen #facts-header { height: 1; padding: 0 1; }
    FactsScreen #facts-table { height: 1fr; min-height: 5; }
    FactsScreen #facts-detail { height: 45%; min-height: 6; border-top: solid $primary; padding: 0 1; }
    """
    BINDINGS = [
        HELP_BINDING,
        Binding("e,enter", "correct", "Correct", id="facts.correct",
                tooltip="Chair: correct the selected fact (new value and a reason); eligibility is re-screened"),
        Binding("x", "remove", "Remove entry", id="facts.remove", show=False,
                tooltip="Chair: remove the selected employment or education entry, with a reason"),
        Binding("a", "add", "Add entry", id="facts.add", show=False,
                tooltip="Chair: add an employment or education entry, with a reason"),
        Binding("w", "withdraw", "Withdraw", id="facts.withdraw",
                tooltip="Chair: withdraw the selected correction (the documents' value applies again)"),
        Binding("d", "doubt", "Doubt", id="facts.doubt", tooltip="Flag the selected fact as doubtful, with a note"),
        Binding("r", "resolve", "Resolve", id="facts.resolve",
                tooltip="Chair: mark the selected doubt resolved, with a note"),
        Binding("M", "manual", "Enter by hand", id="facts.manual",
                tooltip="Chair: type the P11's facts of an application that could not be read (a scan)"),
        Binding("escape,q", "close", "Back", id="facts.back"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.view: service.FactsView | None = None
        self.rows: list[tuple[str, object]] = []  # (kind, item) per table row: fact | correction | doubt
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="facts-header")
        with Vertical():
            yield DataTable(cursor_type="row", zebra_stripes=True, id="facts-table")
        with VerticalScroll(id="facts-detail"):
            yield Static(id="facts-evidence")
            yield Static(id="facts-rules")
            yield Static(id="facts-notes")
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = self.app.size.width
        source = max(14, min(32, width // 5))
        table.add_column("Fact", width=20)
        table.add_column("Value", width=max(20, width - 20 - source - 8))
        table.add_column("Source", width=source)
        table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # the services refuse what the rulebook does not allow, with the reason

    # ---- loading ------------------------------------------------------------------------------------------

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, group="facts", exit_on_error=False)
    def _load(self, token: int) -> None:
        app = self.app
        try:
            view = service.show_facts(app.engine, app.vacancy_id, app.who, self.key)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a refusal, shown as one line
            app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        app.call_from_thread(self._show, view, token)

    def _show(self, view: service.FactsView, token: int) -> None:
        if not self.is_newest(token):
            return
        self.view = view
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(f"Facts of {clean(view.key, single_line=True)}  ", style="bold")
        header.append(view.status, style=STATUS_STYLE.get(view.status, "bold yellow"))
        if view.missing:
            header.append("  waits for data: not assigned to reviewers", style="bold yellow")
        if view.withdrawn:
            header.append(f"  {view.withdrawn}", style="bold red")
        self.query_one("#facts-header", Static).update(header)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        self.rows = []
        for line in view.lines:
            if line.field in ("family_name", "first_name") and not line.value:
                continue
            source = "documents" if line.source == "documents" else line.source.split(":")[0]
            table.add_row(clean(line.field, single_line=True), clean(line.value or "-", single_line=True),
                          clean(source, single_line=True))
            self.rows.append(("fact", line))
        for c in view.corrections:
            state = "" if c.active else " (withdrawn)"
            table.add_row(Text(f"correction {c.field}", style="italic"),
                          clean(f"{c.value} (was {c.original if c.original is not None else '-'})", single_line=True),
                          clean(f"{c.by}, {c.at[:10]}{state}", single_line=True))
            self.rows.append(("correction", c))
        for d in view.doubts:
            table.add_row(Text(f"doubt {d.field}", style="italic yellow" if not d.resolved else "italic"),
                          clean(d.note, single_line=True),
                          clean(f"{d.by}" + (" (resolved)" if d.resolved else " (open)"), single_line=True))
            self.rows.append(("doubt", d))
        if self.rows:
            table.move_cursor(row=min(max(cursor, 0), len(self.rows) - 1))
        self._show_detail()
        self._show_rules(view)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _selected(self) -> tuple[str, object] | None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _show_detail(self) -> None:
        box = Text()
        chosen = self._selected()
        if chosen is not None:
            kind, item = chosen
            if kind == "fact":
                box.append("Evidence  ", style="bold")
                box.append(clean(item.evidence or "none (no value)", single_line=True))  # type: ignore[attr-defined]
                if item.source != "documents":  # type: ignore[attr-defined]
                    box.append("\n" + clean(item.source, single_line=True), style="italic")  # type: ignore[attr-defined]
            elif kind == "correction":
                c = item
                box.append(f"Correction of {c.field}  ", style="bold")  # type: ignore[attr-defined]
                box.append(clean(f"{c.value}, was {c.original if c.original is not None else '-'}; by {c.by} at "  # type: ignore[attr-defined]
                                 f"{c.at}: {c.reason}", single_line=True))  # type: ignore[attr-defined]
                if c.withdrawn:  # type: ignore[attr-defined]
                    box.append(clean(f"\nwithdrawn {c.withdrawn}", single_line=False), style="italic")  # type: ignore[attr-defined]
            else:
                d = item
                box.append(f"Doubt about {d.field}  ", style="bold")  # type: ignore[attr-defined]
                box.append(clean(f"{d.note} (by {d.by}, {d.at[:10]})", single_line=True))  # type: ignore[attr-defined]
                if d.resolved:  # type: ignore[attr-defined]
                    box.append(clean(f"\nresolved by {d.resolution}", single_line=False), style="italic")  # type: ignore[attr-defined]
        self.query_one("#facts-evidence", Static).update(box)

    def _show_rules(self, view: service.FactsView) -> None:
        rules = Text()
        rules.append("Eligibility  ", style="bold")
        rules.append(view.status + "\n", style=STATUS_STYLE.get(view.status, "bold yellow"))
        for r in view.rules:
            mark, colour = RULE_MARKS.get(r.status, ("?", "yellow"))
            rules.append(f"{mark} ", style=f"bold {colour}")
            rules.append(f"{r.rule}: ", style="bold")
            rules.append(clean(r.sentence, single_line=True) + (" (overridden)" if r.overridden else ""))
            rules.append(clean(f"  ← {r.facts}", single_line=True) + "\n", style="dim")
        self.query_one("#facts-rules", Static).update(rules)
        notes = Text()
        if view.missing:
            notes.append("Waits for data  ", style="bold yellow")
            notes.append(f"{', '.join(view.missing)} to enter by hand (M); not assigned to reviewers until then\n")
        for line in view.disagreements:
            notes.append("Documents disagree  ", style="bold")
            notes.append(clean(line, single_line=True) + "\n")
        for note in view.quality:
            notes.append("Note  ", style="bold")
            notes.append(clean(note, single_line=True) + "\n", style="italic")
        for w in view.warnings:
            notes.append("Flag  ", style="bold")
            notes.append(clean(w, single_line=True) + "\n", style="dim")
        self.query_one("#facts-notes", Static).update(notes)

    # ---- actions (each a service; the rulebook refuses, the screen only says so) ----------------------------

    def _refused(self, action: Action) -> bool:
        app = self.app
        why = refusal_for(app.engine, app.vacancy_id, app.who, action)  # type: ignore[attr-defined]
        if why:
            self.notify(why, severity="error", markup=False)
            return True
        return False

    def _run(self, fn, *args: object) -> None:  # noqa: ANN001 - a service
        app = self.app

        def done(result: object) -> None:
            self.changed = True
            self.notify(getattr(result, "message", "Done."), timeout=5, markup=False)
            self.load()

        app.call(fn, app.engine, app.vacancy_id, app.who, self.key, *args, on_done=done)  # type: ignore[attr-defined]

    def _fact(self) -> service.FactLine | None:
        chosen = self._selected()
        if chosen is None or chosen[0] != "fact":
            self.notify("Select a fact first.", timeout=2)
            return None
        return chosen[1]  # type: ignore[return-value]

    def action_correct(self) -> None:
        line = self._fact()
        if line is None or self._refused(Action.CORRECT_FACT):
            return
        field = line.field
        value = "" if field.count(".") == 1 and field.split(".")[0] in ("employment", "education") else line.value
        if field.split(".")[0] in ("employment", "education"):
            field_label = f"Field ({field}.from / .to / .title / .employer / .internship ...)"
            fields = [Field("field", field_label, f"{field}.from"), Field("value", "New value", "")]
        else:
            fields = [Field("value", f"New value of {field}", value)]
        fields.append(Field("reason", "Reason (recorded in the audit trail)", placeholder="required"))

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                self._run(service.correct, answer.get("field", field).strip(), answer["value"], answer["reason"])

        self.app.push_screen(FormDialog(
            f"Correct {field} of {self.key}", fields,
            hint=f"Evidence: {line.evidence or 'none'}\nEligibility is re-screened at once; re-imports keep it.",
            check=_need_reason), save)

    def action_remove(self) -> None:
        line = self._fact()
        if line is None or self._refused(Action.CORRECT_FACT):
            return
        if line.field.split(".")[0] not in ("employment", "education", "language"):
            self.notify("Only an entry or a language can be removed; correct a value with e.", timeout=3)
            return
        value = "none" if line.field.startswith("language.") else "remove"

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                self._run(service.correct, line.field, value, answer["reason"])

        self.app.push_screen(FormDialog(
            f"Remove {line.field}: {line.value}", [Field("reason", "Reason", placeholder="required")],
            hint="Re-imports keep it removed.", check=_need_reason), save)

    def action_add(self) -> None:
        if self._refused(Action.CORRECT_FACT):
            return

        def chosen(group: str | None) -> None:
            if not group:
                return

            def save(answer: dict[str, str] | None) -> None:
                if answer:
                    self._run(service.correct, f"{group}.add", answer["value"], answer["reason"])

            self.app.push_screen(FormDialog(
                f"Add an {group} entry to {self.key}",
                [Field("value", ENTRY_SHAPES[group]), Field("reason", "Reason", placeholder="required")],
                check=_need_reason), save)

        self.app.push_screen(ChoiceDialog("Add which entry?", [("employment", "An employment entry"),
                                                                ("education", "An education entry")]), chosen)

    def action_withdraw(self) -> None:
        chosen = self._selected()
        view = self.view
        if chosen is None or view is None:
            return
        kind, item = chosen
        if kind == "fact":  # the fact's latest active correction
            field = item.field  # type: ignore[attr-defined]
            active = [c for c in view.corrections if c.active and (c.field == field or c.field.startswith(field + "."))]
            item = active[-1] if active else None
        elif kind != "correction":
            item = None
        if item is None or not item.active:  # type: ignore[attr-defined]
            self.notify("Select an active correction (or a fact someone corrected) to withdraw.", timeout=3)
            return
        if self._refused(Action.CORRECT_FACT):
            return
        c = item

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                self._run(service.withdraw_correction, c.id, answer["reason"])  # type: ignore[attr-defined]

        self.app.push_screen(FormDialog(
            f"Withdraw the correction of {c.field} ({c.value})",  # type: ignore[attr-defined]
            [Field("reason", "Reason", placeholder="required")],
            hint="The documents' value (or an earlier correction) applies again; the correction stays on record.",
            check=_need_reason), save)

    def action_doubt(self) -> None:
        line = self._fact()
        if line is None or self._refused(Action.FLAG_FACT):
            return

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                self._run(service.flag, line.field, answer["reason"])

        self.app.push_screen(FormDialog(
            f"Doubt about {line.field}: {line.value}", [Field("reason", "Note for the chair", placeholder="required")],
            check=lambda v: None if v["reason"].strip() else "Say why the fact is doubtful."), save)

    def action_resolve(self) -> None:
        chosen = self._selected()
        if chosen is None or chosen[0] != "doubt" or chosen[1].resolved:  # type: ignore[attr-defined]
            self.notify("Select an open doubt to resolve.", timeout=3)
            return
        if self._refused(Action.CORRECT_FACT):
            return
        d = chosen[1]

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                self._run(service.resolve_doubt, d.id, answer["reason"])  # type: ignore[attr-defined]

        self.app.push_screen(FormDialog(
            f"Resolve the doubt about {d.field}", [Field("reason", "How it was resolved", placeholder="required")],  # type: ignore[attr-defined]
            hint=f"{d.note} (by {d.by})", check=_need_reason), save)  # type: ignore[attr-defined]

    def action_manual(self) -> None:
        if self._refused(Action.CORRECT_FACT):
            return
        view = self.view
        names = {name.replace(".", "_"): name for name, _ in service.ENTRY_FIELDS}  # widget ids have no dots
        fields = [Field(name.replace(".", "_"), label) for name, label in service.ENTRY_FIELDS]
        fields.append(Field("reason", "Where these facts come from", "the scanned P11"))

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                reason = answer.pop("reason")
                self._run(service.enter_facts, {names[k]: v for k, v in answer.items()}, reason)

        missing = f"Still to enter: {', '.join(view.missing)}. " if view is not None and view.missing else ""
        self.app.push_screen(FormDialog(
            f"Enter {self.key}'s facts by hand", fields,
            hint=f"{missing}Leave a field empty to skip it. Facts are marked 'entered by hand'.",
            check=_need_reason), save)

    def action_close(self) -> None:
        self.dismiss(self.changed)

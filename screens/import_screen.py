"""Importing from the app: pick a folder (or type its path) and a vacancy file or a vacancy already imported,
watch the progress, see refusals, open applicants."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DirectoryTree, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from jpo_tui.committee.members import Member
from jpo_tui.services import views as committee_view

from .base import JpoNode
from .help import HELP_BINDING
from .safe import clean
from .signin import PassphraseDialog
from .widgets.footer import SteadyFooter

Imported = tuple[str, Member | None] | None  # what the screen answers: the vacancy imported into, and as whom


class ImportTree(DirectoryTree):
    """The folder tree; shift+left on its top folder climbs to the folder above."""

    def action_cursor_parent(self) -> None:
        node = self.cursor_node
        if node is None or node is self.root:
            self.go_up()
            return
        super().action_cursor_parent()

    def go_up(self) -> None:
        here = Path(self.path).resolve()
        if here.parent != here:
            self.path = here.parent
            self.screen.notify(f"Now in {clean(str(here.parent), single_line=True)}", timeout=2, markup=False)


class ImportScreen(JpoNode, Screen["Imported"]):
    """Enter on a folder chooses it, enter on a ``.toml`` file chooses the vacancy; ``i`` starts."""

    CSS_PATH = "import_screen.tcss"
    HELP_LEGEND = ("A folder of applications holds one sub-folder per applicant; a folder of files with no "
                   "sub-folder is one applicant's; a file is one applicant. ✔ imported · ⚠ every file refused "
                   "(no readable document) · ✘ refused file · – ignored (plain text, hidden files)")
    BINDINGS = [
        HELP_BINDING,
        Binding("f", "use_folder", "Use folder", id="import.folder", tooltip="Import the highlighted folder"),
        Binding("p", "edit_path", "Path", id="import.path", tooltip="Type a folder or a vacancy file's path"),
        Binding("v", "pick_vacancy", "Vacancy", id="import.vacancy",
                tooltip="Import into a vacancy already in the database (late applications)"),
        Binding("i", "start", "Start import", id="import.start"),
        Binding("ctrl+c", "stop", "Stop", id="import.stop", show=False),
        Binding("escape,q", "close", "Back", id="import.back"),
    ]

    def __init__(self, root: Path, *, hint: str = "", workers: int | None = None,
                 vacancy_id: str | None = None) -> None:
        super().__init__()
        self.root = Path(root)
        self.hint = hint
        self.reader_processes = workers
        self.folder: Path | None = None
        self.vacancy_file: Path | None = None
        self.existing: str | None = vacancy_id  # a vacancy already imported, used when no file is chosen
        self.vacancy_id: str | None = None  # the vacancy imported into, once an import succeeded
        self.member: Member | None = None  # signed in for that import (the list then opens without asking)
        self.running = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Import applications", style="bold"), id="import-title")
        yield Input(placeholder="p: type a folder or a .toml file's path, enter goes there", id="path")
        with Horizontal(id="import-body"):
            yield ImportTree(self.root, id="tree")
            with Vertical(id="import-side"):
                yield Static(id="choice")
                yield ProgressBar(id="progress", show_eta=False)
                yield Label(id="current")
                yield Label("Results (enter opens an applicant)", classes="section")
                yield OptionList(id="results")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # shown when an import starts
        self._show_choice()
        self.query_one(DirectoryTree).focus()

    def _show_choice(self) -> None:
        text = Text()
        if self.hint:
            text.append(self.hint + "\n", style="italic")
        text.append("Folder: ", style="bold")
        text.append(clean(str(self._shown(self.folder)), single_line=True) if self.folder else "— (f or enter on a folder)")
        if self.vacancy_file is not None:
            text.append("\nVacancy file: ", style="bold")
            text.append(clean(str(self._shown(self.vacancy_file)), single_line=True))
        elif self.existing is not None:
            text.append("\nVacancy: ", style="bold")
            text.append(clean(self.existing, single_line=True))
            text.append(" (already imported: late applications need no file; v another, or enter on a .toml "
                        "file)", style="dim")
        else:
            text.append("\nVacancy file: ", style="bold")
            text.append("— (enter on a .toml file" + (", or v: one already imported)" if self._has_vacancies()
                                                      else ")"))
        text.append("\ni starts the import", style="dim")
        self.query_one("#choice", Static).update(text)

    def _has_vacancies(self) -> bool:
        from jpo_tui.services import queries

        return bool(queries.list_vacancies(self.jpo.engine))

    def _shown(self, path: Path | None) -> str:
        if path is None:
            return ""
        try:
            return str(path.relative_to(self.root)) or "."
        except ValueError:
            return str(path)

    @on(DirectoryTree.DirectorySelected)
    def folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self.folder = event.path
        self._show_choice()

    @on(DirectoryTree.FileSelected)
    def file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        if event.path.suffix.lower() == ".toml":
            self.vacancy_file = event.path
            self._show_choice()
        else:
            self.notify("The vacancy file is a .toml file.", severity="warning", timeout=3)

    def action_edit_path(self) -> None:
        box = self.query_one("#path", Input)
        if not box.value:
            box.value = str(Path(self.query_one(DirectoryTree).path).resolve()) + os.sep
            box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Submitted, "#path")
    def path_entered(self, event: Input.Submitted) -> None:
        """A folder: the tree moves there and it is chosen; a .toml file: it is the vacancy file."""
        typed = event.value.strip()
        if not typed:
            self.query_one(DirectoryTree).focus()
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = Path(self.query_one(DirectoryTree).path) / path
        path = path.resolve()
        if path.is_dir():
            self.query_one(DirectoryTree).path = path
            self.folder = path
            event.input.value = ""
            self.query_one(DirectoryTree).focus()
        elif path.is_file() and path.suffix.lower() == ".toml":
            self.vacancy_file = path
            event.input.value = ""
            self.query_one(DirectoryTree).focus()
        elif path.is_file():
            self.folder = path  # one applicant's file
            event.input.value = ""
            self.query_one(DirectoryTree).focus()
        else:
            message = f"✘ {clean(typed, single_line=True)}: no such file or folder"
            self.query_one("#current", Label).update(Text(message, style="bold red"))
            return
        self._show_choice()

    def action_pick_vacancy(self) -> None:
        from jpo_tui.services import queries

        from .dialogs import VacancyPicker

        vacancies = queries.list_vacancies(self.jpo.engine)
        if not vacancies:
            self.notify("No vacancy in this database yet: choose its .toml file.", severity="warning", timeout=3)
            return

        def chosen(vacancy_id: str | None) -> None:
            if vacancy_id:
                self.existing = vacancy_id
                self.vacancy_file = None
                self._show_choice()

        self.app.push_screen(VacancyPicker(vacancies, self.existing), chosen)

    def action_use_folder(self) -> None:
        node = self.query_one(DirectoryTree).cursor_node
        if node is not None and node.data is not None:
            path = Path(node.data.path)
            self.folder = path if path.is_dir() else path.parent
            self._show_choice()

    def action_start(self) -> None:
        if self.running:
            return
        if self.folder is None or (self.vacancy_file is None and self.existing is None):
            self.notify("Choose a folder and a vacancy file first.", severity="warning", timeout=3)
            return
        vacancy_id = _vacancy_id_of(self.vacancy_file) if self.vacancy_file is not None else self.existing
        app = self.jpo
        member = app.member
        if vacancy_id is not None and (member is None or member.vacancy_id != vacancy_id):
            name = app.reviewer.name if app.reviewer else ""
            ctx = committee_view.context(app.engine, vacancy_id, name)
            if ctx.has_committee:  # importing into a committee's vacancy: as a member, once signed in on it
                if not ctx.is_member:
                    self._failed(f"not imported: {name} is not on the committee of vacancy {vacancy_id}: "
                                 "only its members import into it")
                    return

                def signed(result: Member | str | None) -> None:
                    if isinstance(result, Member):
                        self._begin(result)
                    else:
                        self._failed(f"not imported: {result or 'not signed in'}")

                app.push_screen(PassphraseDialog(vacancy_id, name, ctx.role), signed)
                return
            member = None
        self._begin(member)

    def _begin(self, member: Member | None) -> None:
        assert self.folder is not None
        self.running = True
        self.query_one(ProgressBar).display = True
        self.query_one("#results", OptionList).clear_options()
        self.query_one("#current", Label).update("")
        source: Path | str | None = self.vacancy_file if self.vacancy_file is not None else self.existing
        assert source is not None
        self.run_import(self.folder, source, member)

    def action_stop(self) -> None:
        for worker in self.workers_running():
            worker.cancel()

    def workers_running(self) -> list:
        return [w for w in self.app.workers if w.group == "import" and w.is_running]

    def action_close(self) -> None:
        box = self.query_one("#path", Input)
        if self.focused is box:  # escape leaves the path box for the tree
            box.value = ""
            self.query_one(DirectoryTree).focus()
            return
        if self.running:
            self.notify("The import is still running (ctrl+c stops it).", timeout=3)
            return
        self.dismiss((self.vacancy_id, self.member) if self.vacancy_id else None)

    # ---- the import itself (a thread worker posting progress) --------------------------------------------

    # Files are read in child processes (at least two): the reader's per-file time limit uses signals, which
    # only work in a main thread, and a hostile file must never take the app down with it.
    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="import the applications")
    def run_import(self, folder: Path, vacancy: Path | str, member: Member | None = None) -> None:
        """``vacancy``: the vacancy file, or the id of a vacancy already imported."""
        from jpo_tui.core.vacancy import VacancyFileError, load_vacancy
        from jpo_tui.services.acting import Login
        from jpo_tui.services.imports import NothingToImport, import_actor, run_import, stored_vacancy

        from .app import refusal_text

        app = self.jpo
        worker = get_current_worker()
        try:
            spec = (load_vacancy(vacancy) if isinstance(vacancy, Path)
                    else stored_vacancy(app.engine, vacancy))
        except (VacancyFileError, KeyError) as exc:
            app.call_from_thread(self._failed, refusal_text(exc))
            return

        def progress(done: int, total: int, file: str, outcome: str) -> None:
            app.call_from_thread(self._progress, done, total, file, outcome)

        # The service decides (the file may name another vacancy than the one signed in on).
        who = member if member is not None else Login(app.reviewer.name if app.reviewer else "")
        try:
            import_actor(app.engine, spec, who)
        except (PermissionError, KeyError) as exc:
            app.call_from_thread(self._failed, f"not imported: {refusal_text(exc)}")
            return
        try:
            report = run_import(
                app.engine, spec, [folder], who, workers=max(2, self.reader_processes or os.cpu_count() or 2),
                progress=progress, should_stop=lambda: worker.is_cancelled,
            )
        except (NothingToImport, FileNotFoundError) as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user
            app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._done, spec.id, report, member)

    def _progress(self, done: int, total: int, file: str, outcome: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#current", Label).update(Text(f"{done}/{total}  {clean(file, single_line=True)}",
                                                      no_wrap=True, overflow="ellipsis"))
        results = self.query_one("#results", OptionList)
        if outcome == "ignored":
            line = Text(no_wrap=True, overflow="ellipsis", style="dim")
            line.append("– ignored ")
            line.append(clean(file, single_line=True))
            results.add_option(Option(line))
        elif outcome not in ("ok", "unchanged"):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("✘ refused ", style="bold red")
            line.append(clean(f"{file}: {outcome}", single_line=True))
            results.add_option(Option(line))

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#current", Label).update(Text(f"✘ {clean(message, single_line=True)}", style="bold red"))
        self.notify(clean(message, single_line=True), severity="error", markup=False)

    def _done(self, vacancy_id: str, report, member: Member | None = None) -> None:  # noqa: ANN001 - ImportReport
        from jpo_tui.services import queries
        from jpo_tui.services.imports import summary

        self.running = False
        self.vacancy_id = vacancy_id
        self.member = member
        self.existing = vacancy_id  # more late applications go to the same vacancy without its file
        self.hint = ""  # the database holds a vacancy now
        self._show_choice()
        warn = bool(report.refused_only or report.empty) or not report.applicants_seen
        said = f"{'⚠' if warn else '✔'} vacancy {vacancy_id}: {summary(report)}"
        self.query_one("#current", Label).update(Text(said, style="bold yellow" if warn else "bold"))
        from .applicants import ApplicantsScreen

        for screen in self.app.screen_stack:  # the list below shows the new rows and searches their documents
            if isinstance(screen, ApplicantsScreen) and screen.vacancy_id == vacancy_id:
                screen.action_reload()
        results = self.query_one("#results", OptionList)
        rows = {row.key: row for row in queries.applicant_rows(self.jpo.engine, vacancy_id, None)}
        for key, outcome in report.outcomes.items():
            row = rows.get(key)
            if row is None:
                continue
            line = Text(no_wrap=True, overflow="ellipsis")
            if outcome.documents:
                line.append("✔ ", style="green")
                line.append(clean(f"{row.key}  {row.name}", single_line=True))
                if outcome.refused:
                    line.append(f"  ({outcome.refused} file(s) refused)", style="yellow")
            else:
                line.append("⚠ ", style="bold yellow")
                line.append(clean(f"{row.key}  {row.name}", single_line=True))
                line.append("  no readable document: every file refused", style="yellow")
            results.add_option(Option(line, id=f"applicant-{row.id}"))
        for key in report.empty:
            line = Text(no_wrap=True, overflow="ellipsis", style="dim")
            line.append(clean(f"– {key}: no application document (no applicant)", single_line=True))
            results.add_option(Option(line))
        self.notify(clean(f"vacancy {vacancy_id}: {summary(report)}", single_line=True), markup=False,
                    severity="warning" if warn else "information")

    @on(OptionList.OptionSelected, "#results")
    def open_result(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if not option_id.startswith("applicant-") or self.vacancy_id is None:
            return
        from .applicants import ApplicantsScreen

        applicant_id = int(option_id.removeprefix("applicant-"))
        listing = next((s for s in self.app.screen_stack
                        if isinstance(s, ApplicantsScreen) and s.vacancy_id == self.vacancy_id), None)
        if listing is None or self.jpo.vacancy_id != self.vacancy_id:
            # another vacancy (or none open yet): open it as a reviewer would, signing in to its committee; from
            # the app, as this screen is closed on the way (a dialog's answer would be lost with it)
            self.app.call_later(self.jpo.open_vacancy, self.vacancy_id, applicant_id)
            return
        listing.open_applicant_screen(applicant_id)


def _vacancy_id_of(vacancy_file: Path) -> str | None:
    """The vacancy id a vacancy file names, or None when it cannot be read (the import then says why)."""
    import tomllib

    try:
        with vacancy_file.open("rb") as fh:
            value = tomllib.load(fh).get("vacancy", {}).get("id")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return None
    return str(value) if value else None

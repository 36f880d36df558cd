"""The Textual app: holds the engine and the reviewer, and pushes screens. Domain code lives in ``jpo_tui``."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from textual.app import App
from textual.binding import Binding

from jpo_tui.committee import reviewers
from jpo_tui.committee.members import Member
from jpo_tui.committee.reviewers import ReviewerInfo
from jpo_tui.services import queries, workspace
from jpo_tui.services.acting import Login

from .commands import JpoCommands


def refusal_text(exc: Exception) -> str:
    """One readable line for a refusal, a missing thing or bad input (the same line the CLI prints)."""
    from jpo_tui.core.errors import message

    return message(exc)


class JpoApp(App[None]):
    """The reviewer's workbench."""

    TITLE = "jpo-tui"
    COMMANDS = App.COMMANDS | {JpoCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    def __init__(self, engine: Engine, reviewer: str | None = None, *, import_root: Path | None = None,
                 import_workers: int | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.requested_reviewer = reviewer
        self.reviewer: ReviewerInfo | None = None
        self.member: Member | None = None  # signed in on the open vacancy's committee (None: no committee)
        self.vacancy_id: str | None = None
        self.import_root = import_root or Path.cwd()
        self.import_workers = import_workers
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jpo-writer")
        self._pending: list[Future] = []

    # ---- start-up: reviewer, then vacancy ---------------------------------------------------------------

    def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)  # quit cleanly (on_unmount)
        theme = workspace.get_preference(workspace.THEME)
        if theme in self.available_themes:
            self.theme = theme
        name = self.requested_reviewer or reviewers.remembered_reviewer()
        if name:
            self._set_reviewer(name)
            self.choose_vacancy(first_run=True)
        else:
            self.ask_reviewer(then=lambda: self.choose_vacancy(first_run=True))

    def watch_theme(self, theme: str) -> None:
        workspace.put_preference(workspace.THEME, theme)

    def _set_reviewer(self, name: str) -> None:
        self.reviewer = reviewers.remember_reviewer(self.engine, name)
        self.sub_title = f"reviewer: {self.reviewer.name}"

    def ask_reviewer(self, then: Callable[[], None] | None = None) -> None:
        """Ask the reviewer's name (prefilled with the current or OS user) and remember it."""
        from .dialogs import ReviewerDialog

        def done(name: str | None) -> None:
            if name:
                self._set_reviewer(name)
            elif self.reviewer is None:
                self._set_reviewer(reviewers.os_user())
            if then:
                then()

        default = self.reviewer.name if self.reviewer else reviewers.os_user()
        self.push_screen(ReviewerDialog(default), done)

    def choose_vacancy(self, *, first_run: bool = False) -> None:
        """Open the only vacancy, or offer the picker when there are several."""
        from .dialogs import VacancyPicker

        vacancies = queries.list_vacancies(self.engine)
        if not vacancies:
            self.open_import(hint="This database holds no vacancy yet: choose a folder and a vacancy file.")
            return
        if len(vacancies) == 1 and first_run:
            self.open_vacancy(vacancies[0].id)
            return
        last = workspace.last_vacancy(str(self.engine.url))
        self.push_screen(VacancyPicker(vacancies, last), lambda vid: self.open_vacancy(vid) if vid else None)

    def open_vacancy(self, vacancy_id: str, applicant_id: int | None = None) -> None:
        """Open ``vacancy_id``: at once without a committee; a member after their passphrase; never a stranger.
        ``applicant_id``: then open that applicant from the list."""
        from .signin import sign_in

        sign_in(self, vacancy_id, lambda vid, member: self._show_vacancy(vid, member, applicant_id))

    def _show_vacancy(self, vacancy_id: str, member: Member | None, applicant_id: int | None = None) -> None:
        """Show the applicants of ``vacancy_id`` (replacing any list shown) and remember the choice."""
        from .applicants import ApplicantsScreen

        self.member = member
        self.vacancy_id = vacancy_id
        workspace.remember_vacancy(str(self.engine.url), vacancy_id)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.is_screen_installed(f"applicant:{vacancy_id}"):  # built for another identity maybe: start afresh
            self.uninstall_screen(f"applicant:{vacancy_id}")
        self.push_screen(ApplicantsScreen(vacancy_id, open_applicant=applicant_id))

    def open_import(self, hint: str = "") -> None:
        from .import_screen import ImportScreen

        self.push_screen(ImportScreen(self.import_root, hint=hint, workers=self.import_workers,
                                      vacancy_id=self.vacancy_id), self._after_import)

    def _after_import(self, imported: tuple[str, Member | None] | None = None) -> None:  # ImportScreen's answer
        """Back from the import screen: the list of the vacancy just imported into (another one than the list
        below included); with nothing imported and no list below (a new database), what the database holds,
        or quit when there is still nothing to open (never leave an empty screen)."""
        from .applicants import ApplicantsScreen

        listing = any(isinstance(s, ApplicantsScreen) for s in self.screen_stack)
        if imported is not None:
            vacancy_id, member = imported
            if listing and vacancy_id == self.vacancy_id:
                return  # the list below is that vacancy's, reloaded already
            if member is not None and member.vacancy_id == vacancy_id:
                self._show_vacancy(vacancy_id, member)  # signed in for the import: not asked again
            else:
                self.open_vacancy(vacancy_id)
            return
        if listing:
            return
        if queries.list_vacancies(self.engine):
            self.choose_vacancy(first_run=True)
        else:
            self.exit()

    def open_export(self) -> None:
        from .dialogs import ExportDialog

        if self.vacancy_id is None:
            self.notify("Open a vacancy first.", severity="warning")
            return
        self.push_screen(ExportDialog(self.vacancy_id))

    # ---- the committee -------------------------------------------------------------------------------------

    @property
    def is_chair(self) -> bool:
        """Whether the signed-in member chairs the open vacancy (the domain re-checks on every action)."""
        return self.member is not None and self.member.is_chair

    @property
    def viewer(self) -> Member | str:
        """Whose view the read models show: the signed-in member, or the single user's name."""
        return self.member if self.member is not None else (self.reviewer.name if self.reviewer else "")

    def open_ranking(self) -> None:
        """The ranking, as the rulebook lets the person see it (a reviewer's is redacted by blind scoring; the
        chair's actions on it are refused to anyone else by the services)."""
        from .ranking import RankingScreen

        if self.vacancy_id is None:
            self.notify("Open a vacancy first.", severity="warning")
        elif not isinstance(self.screen, RankingScreen):
            self.push_screen(RankingScreen(self.vacancy_id))

    def open_members(self) -> None:
        """The committee's members and their progress (the chair adds and removes members there)."""
        from .members import MembersScreen

        if self.member is None or self.vacancy_id is None:
            self.notify("This vacancy has no committee (jpo-tui committee add NAME creates one).", severity="warning")
            return
        self.push_screen(MembersScreen(self.vacancy_id))

    def ask_assignment(self) -> None:
        """Chair: assign k reviewers per applicant (0: everyone scores everyone)."""
        from .members import ask_assignment

        ask_assignment(self)

    @property
    def current_vacancy(self) -> str:
        """The open vacancy's id, for the screens of that vacancy (they exist only once one is open)."""
        if self.vacancy_id is None:
            raise RuntimeError("no vacancy is open")
        return self.vacancy_id

    @property
    def who(self) -> Member | Login:
        """Who acts in the services: the signed-in member, or (no committee) the single user by name."""
        from jpo_tui.services.acting import Login

        if self.member is not None:
            return self.member
        return Login(self.reviewer.name if self.reviewer else reviewers.os_user())

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[Exception], None] | None = None, **kwargs: Any) -> None:
        """Run the service ``fn(*args, **kwargs)`` on the writer thread (in submission order); a refusal is shown
        as one line (or passed to ``on_error``), ``on_done`` receives the result on the UI thread."""
        loop = asyncio.get_running_loop()
        ui_context = contextvars.copy_context()  # callbacks run as UI code (active app, screen stack)

        def later(callback: Callable[..., Any], *cb_args: Any, **cb_kwargs: Any) -> None:
            if not loop.is_closed():
                loop.call_soon_threadsafe(lambda: callback(*cb_args, **cb_kwargs), context=ui_context.copy())

        def run() -> None:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the user
                if on_error is not None:
                    later(on_error, exc)
                else:
                    later(self.notify, refusal_text(exc), severity="error", markup=False)
                return
            if on_done is not None:
                later(on_done, result)

        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._writer.submit(run))

    # ---- writes: one background thread, in order ----------------------------------------------------------

    def write(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[], None] | None = None) -> None:
        """Run a database write on the writer thread (in submission order); failures are shown, not raised."""
        loop = asyncio.get_running_loop()
        ui_context = contextvars.copy_context()  # callbacks run as UI code (active app, screen stack)

        def later(callback: Callable[..., Any], *cb_args: Any, **kwargs: Any) -> None:
            # never block the writer on the UI (it may be shutting down and waiting for us)
            if not loop.is_closed():
                loop.call_soon_threadsafe(lambda: callback(*cb_args, **kwargs), context=ui_context.copy())

        def run() -> None:
            try:
                fn(*args)
            except Exception as exc:  # noqa: BLE001 - shown to the user
                later(self.notify, f"Could not save: {refusal_text(exc)}", severity="error", markup=False)
                return
            if on_done is not None:
                later(on_done)

        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._writer.submit(run))

    async def flush_writes(self) -> None:
        """Wait until every submitted write is committed."""
        pending, self._pending = self._pending, []
        for future in pending:
            await asyncio.wrap_future(future)

    def on_unmount(self) -> None:
        from jpo_tui.ingest.readers import stop_all_readers

        stop_all_readers()  # an import in progress stops: its reader processes never outlive the app
        self._writer.shutdown(wait=True)
        workspace.close_engine(self.engine)  # WAL checkpointed into the database file, connections closed

    # ---- help ---------------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen, self.active_bindings))

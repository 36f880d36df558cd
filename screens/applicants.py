"""The main screen: every applicant of a vacancy, filtered as you type, sortable, with my progress."""

from __future__ import annotations

import gc

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from jpo_tui.core.wording import counted
from jpo_tui.services import queries
from jpo_tui.services import views as committee_view
from jpo_tui.services.queries import ApplicantRow, CriterionInfo

from .applicant import ApplicantScreen
from .base import JpoNode
from .help import CRITERIA_LEGEND, HELP_BINDING
from .latest import NewestLoadWins
from .listmodel import MATCH_DOCUMENTS, JoinedTexts, ListModel
from .safe import clean
from .widgets.applicant_list import ApplicantList, columns
from .widgets.footer import SteadyFooter


class ApplicantsScreen(JpoNode, NewestLoadWins, Screen):
    """Applicants list for one vacancy."""

    HELP_LEGEND = f"{CRITERIA_LEGEND}\n★ shortlisted · ~ maybe · ✘ rejected (my marks) · ¶ matched in the documents only"

    CSS_PATH = "applicants.tcss"
    BINDINGS = [
        HELP_BINDING,
        Binding("slash", "filter", "Filter", id="applicants.filter", tooltip="Filter by name, key or document text"),
        Binding("e", "toggle_eligible", "Eligible", id="applicants.eligible",
                tooltip="Eligible applicants only (again: everyone)"),
        Binding("u", "toggle_unscored", "Unscored", id="applicants.unscored",
                tooltip="Only applicants I have not scored on every criterion (with a committee: not submitted)"),
        Binding("s", "next_sort", "Sort", id="applicants.sort", tooltip="Sort by the next column"),
        Binding("S", "reverse_sort", "Reverse sort", id="applicants.reverse", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="applicants.clear", show=False),
        Binding("ctrl+r", "reload", "Reload", id="applicants.reload", show=False),
        Binding("i", "import", "Import", id="applicants.import", show=False),
        Binding("v", "switch_vacancy", "Switch vacancy", id="applicants.vacancy", show=False),
        Binding("R", "ranking", "Ranking", id="applicants.ranking", tooltip="The chair's ranking and decisions"),
        Binding("D", "duplicates", "Duplicates", id="applicants.duplicates", show=False,
                tooltip="The applications that may be one person; the chair decides per pair"),
        Binding("q", "quit", "Quit", id="applicants.quit", show=False),  # so is q: room for the chair's R at 80x24
    ]

    def __init__(self, vacancy_id: str, *, open_applicant: int | None = None) -> None:
        super().__init__()
        self.vacancy_id = vacancy_id
        self.open_applicant = open_applicant  # opened once the rows are shown (e.g. from the import screen)
        self.criteria: tuple[CriterionInfo, ...] = ()
        self.model = ListModel()
        self._generation = 0
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Input(placeholder="filter: name, key or words from the documents (escape clears)", id="filter")
        yield ApplicantList(id="applicants")
        yield Static(id="status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        vacancy = next((v for v in queries.list_vacancies(self.jpo.engine) if v.id == self.vacancy_id), None)
        title = Text(no_wrap=True, overflow="ellipsis")
        if vacancy is not None:
            title.append(clean(vacancy.title or vacancy.id, single_line=True), style="bold")
            title.append(f"  {clean(vacancy.id, single_line=True)} · {clean(vacancy.organisation, single_line=True)}"
                         f" · {clean(vacancy.duty_station, single_line=True)}", style="dim")
        reviewer = self.jpo.reviewer
        member = self.jpo.member
        if member is not None:
            title.append(f"  {member.role}: {clean(member.name, single_line=True)}", style="italic")
        elif reviewer is not None:
            title.append(f"  reviewer: {clean(reviewer.name, single_line=True)}", style="italic")
        self.query_one("#title", Static).update(title)
        self.query_one(ApplicantList).focus()
        self.query_one("#status", Static).update("loading…")
        self.load_rows()
        self.load_texts()

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.load_rows()

    # ---- loading (workers, one session each) --------------------------------------------------------------

    def load_rows(self) -> None:
        self._load_rows(self.new_load())

    @work(thread=True, exclusive=True, group="rows", exit_on_error=False, description="load the applicants")
    def _load_rows(self, token: int) -> None:
        app = self.jpo
        reviewer = app.reviewer
        criteria = queries.vacancy_criteria(app.engine, self.vacancy_id)
        rows = queries.applicant_rows(app.engine, self.vacancy_id, reviewer.id if reviewer else None)
        member = app.member
        app.call_from_thread(self._rows_loaded, criteria, rows, token)
        if member is not None:  # then the committee's columns, as blind scoring lets this member see them
            rows = committee_view.committee_rows(app.engine, self.vacancy_id, rows, member)
            app.call_from_thread(self._rows_loaded, criteria, rows, token)

    @work(thread=True, exclusive=True, group="texts", exit_on_error=False, description="load the documents' text for the search")
    def load_texts(self) -> None:
        texts = queries.search_texts(self.jpo.engine, self.vacancy_id)
        self.app.call_from_thread(self._texts_loaded, texts, ListModel.join_texts(texts))

    def _rows_loaded(self, criteria: tuple[CriterionInfo, ...], rows: tuple[ApplicantRow, ...], token: int) -> None:
        if not self.is_newest(token):
            return  # an older load finishing late
        self.criteria = criteria
        self.model.criteria_count = len(criteria)
        self.model.committee = self.jpo.member is not None
        self.query_one(ApplicantList).committee = self.model.committee
        self.model.set_rows(rows)
        self._loaded = True
        gc.freeze()  # long-lived rows: keep them out of the collector's full passes (no pauses while typing)
        self.refilter()
        if self.open_applicant is not None:
            applicant_id, self.open_applicant = self.open_applicant, None
            listing = self.query_one(ApplicantList)
            listing.move_to(applicant_id)
            if listing.current_id == applicant_id:
                self.open_applicant_screen(applicant_id)

    def _texts_loaded(self, texts: dict[int, str], joined: JoinedTexts | None = None) -> None:
        self.model.set_texts(texts, joined)
        gc.freeze()
        if self.model.filters.query.strip():
            self.refilter()

    # ---- filtering ----------------------------------------------------------------------------------------

    def refilter(self) -> None:
        """Recompute the visible rows (in a worker when the list is long)."""
        self._generation += 1
        if len(self.model.rows) <= 2000:
            order = self.model.compute()
            self._show(self._generation, order, self.model.match_kind)
        else:
            self._filter_worker(self._generation)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False, description="filter the applicants")
    def _filter_worker(self, generation: int) -> None:
        order = self.model.compute()
        self.app.call_from_thread(self._show, generation, order, self.model.match_kind)

    def _show(self, generation: int, order: list[int], match_kind: dict[int, int]) -> None:
        if generation != self._generation:
            return  # a newer keystroke already asked for another filter
        listing = self.query_one(ApplicantList)
        listing.set_sort(self.model.filters.sort, self.model.filters.descending)
        listing.set_data(self.model.rows, order, len(self.criteria), keep_id=listing.current_id,
                         match_kind=match_kind, snippet=self.model.snippet)
        self._update_status(len(order), match_kind)

    def _update_status(self, shown: int, match_kind: dict[int, int] | None = None) -> None:
        scored, total, shortlisted = self.model.progress()
        f = self.model.filters
        status = Text(no_wrap=True, overflow="ellipsis")
        if self.model.committee and self.model.rows and not self.model.rows[0].panel_state:
            status.append("my assigned: …", style="bold")
        elif self.model.committee:
            done, mine, conflicts = self.model.committee_progress()
            status.append(f"my assigned: {done}/{mine} submitted", style="bold")
            if conflicts:
                status.append(f" · {counted(conflicts, 'conflict')}")
        else:
            status.append(f"scored {scored} / {total} · {shortlisted} shortlisted", style="bold")
        status.append(f"   showing {shown}")
        if f.eligible_only:
            status.append("  [eligible only]", style="italic")
        if f.unscored_only:
            status.append("  [to submit]" if self.model.committee else "  [not scored by me]", style="italic")
        if f.query.strip():
            status.append("  filter: ")
            status.append(clean(f.query, single_line=True), style="italic")
            in_documents = sum(1 for kind in (match_kind or {}).values() if kind == MATCH_DOCUMENTS)
            if in_documents:
                status.append(f" ({in_documents} only in documents: ¶)", style="dim")
        status.append(f"   sort: {self.model.sort_label()}", style="dim")
        if not total:
            status.append("   no applicants yet: ctrl+p → Import", style="italic")
        self.query_one("#status", Static).update(status, layout=False)  # one line, fixed: no re-layout per keystroke

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.model.filters.query = event.value
        self.refilter()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one(ApplicantList).focus()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_focus and box.value or box.value:
            box.value = ""
        box.remove_class("-shown")
        self.query_one(ApplicantList).focus()

    def action_toggle_eligible(self) -> None:
        self.model.filters.eligible_only = not self.model.filters.eligible_only
        self.refilter()

    def action_toggle_unscored(self) -> None:
        self.model.filters.unscored_only = not self.model.filters.unscored_only
        self.refilter()

    def action_next_sort(self) -> None:
        listing = self.query_one(ApplicantList)
        shown = {name for name, _, _ in columns(listing.size.width or self.size.width, len(self.criteria),
                                                self.model.committee)}
        self.model.next_sort(shown)
        self.refilter()

    def action_reverse_sort(self) -> None:
        self.model.filters.descending = not self.model.filters.descending
        self.refilter()

    def action_reload(self) -> None:
        self.load_rows()
        self.load_texts()

    def action_import(self) -> None:
        self.jpo.open_import()

    def action_switch_vacancy(self) -> None:
        self.jpo.choose_vacancy()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # the ranking is redacted for the viewer; the chair's actions are refused to others

    def action_ranking(self) -> None:
        self.jpo.open_ranking()

    def action_duplicates(self) -> None:
        from .duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(), lambda _: self.action_reload())

    def action_quit(self) -> None:
        self.app.exit()

    # ---- opening an applicant -----------------------------------------------------------------------------

    @on(ApplicantList.Opened)
    def opened(self, event: ApplicantList.Opened) -> None:
        self.open_applicant_screen(event.applicant_id)

    def open_applicant_screen(self, applicant_id: int) -> None:
        """Open ``applicant_id``; ] and [ then follow the list's current order and filter."""
        order = self.query_one(ApplicantList).visible_ids()
        if applicant_id not in order:  # filtered out, or imported a moment ago
            order.append(applicant_id)
        name = f"applicant:{self.vacancy_id}"
        if not self.app.is_screen_installed(name):
            self.app.install_screen(ApplicantScreen(applicant_id, order, self.criteria), name)
        else:  # built once, then reused: opening is a query and a repaint
            screen = self.app.get_screen(name)
            assert isinstance(screen, ApplicantScreen)
            if screen in self.app.screen_stack:  # already open below (e.g. the import screen is on top of it)
                self.app.push_screen(ApplicantScreen(applicant_id, order, self.criteria), self._back_from_applicant)
                return
            screen.prepare(applicant_id, order)
        self.app.push_screen(name, self._back_from_applicant)

    def _back_from_applicant(self, applicant_id: int | None) -> None:
        if applicant_id is not None:
            self.query_one(ApplicantList).move_to(applicant_id)

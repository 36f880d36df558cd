"""One applicant: documents with highlighted hits on the left; eligibility and my scores on the right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from jpo_tui.committee.rules import Action
from jpo_tui.services import review
from jpo_tui.services import views as committee_view
from jpo_tui.services.acting import Done, refusal_for
from jpo_tui.services.queries import ApplicantDetail, CriterionInfo
from jpo_tui.services.queries import DocumentView as DocumentInfo
from jpo_tui.services.views import ApplicantPanel

from .base import JpoNode
from .help import HELP_BINDING, SCORE_LEGEND
from .latest import NewestLoadWins
from .safe import clean
from .widgets.applicant_list import BADGES, experience_text
from .widgets.committee_panel import committee_text
from .widgets.document_view import DocumentView, hit_style
from .widgets.footer import SteadyFooter
from .widgets.p11_view import P11View
from .widgets.score_panel import ScorePanel

KIND_TITLES = {"p11": "P11 text", "cv": "CV", "cover_letter": "Letter", "other": "Other"}
REFUSED_TITLE = "Refused"


def _no_text_notice(doc: DocumentInfo) -> str:
    """What a document tab says when no text was read from the file (a scan without OCR, an empty page)."""
    why = "; ".join(doc.flags) or "the file holds no text layer"
    pages = f" ({doc.pages} page{'s' if doc.pages != 1 else ''})" if doc.pages else ""
    return (f"No text was read from {doc.file_path}{pages}.\n\nWhy: {why}.\n\n"
            "Nothing of this file is screened or searched: open the file itself to read it, and check the "
            "facts on the Form tab against it.")


def _refused_notice(file_path: str, reason: str) -> str:
    """What the tab of a file refused at import says."""
    return (f"{file_path} was not imported.\n\nWhy: {reason}.\n\n"
            "Nothing of this file is shown, screened or searched. Ask the applicant for it as a PDF or a Word "
            ".docx file, then import the folder again: the new file is added to this applicant.")


def _flags_not_in_tabs(d: ApplicantDetail) -> list[str]:
    """The applicant's flags, less those a document or refused-file tab already explains."""
    shown = {flag for doc in d.documents if not doc.text.strip() for flag in doc.flags}
    shown |= {f"{PurePath(p.file_path).name}: {p.reason}" for p in d.refused}
    return [f for f in d.flags if f not in shown]
RULE_MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "review": ("?", "yellow")}


def _score_bindings() -> list[Binding]:
    out = []
    for n in range(6):
        out.append(Binding(str(n), f"score({n})", "Score", key_display="0-5", show=n == 0,
                           id=f"applicant.score{n}", tooltip="Score the selected criterion and move on"))
    for n in range(6, 10):  # outside the scale: said, never ignored silently
        out.append(Binding(str(n), "out_of_scale", "", show=False, id=f"applicant.outside{n}"))
    out.append(Binding("u", "undo", "Undo", show=False, id="applicant.undo",
                       tooltip="Undo your last score change on this screen"))
    out.append(Binding("backspace,delete", "clear_score", "Clear score", show=False, id="applicant.clear",
                       tooltip="Clear the selected criterion's score"))
    return out


class ApplicantScreen(JpoNode, NewestLoadWins, Screen[int]):
    """Reviewing one applicant; ``order`` is the list's current order, for ] and [."""

    HELP_LEGEND = SCORE_LEGEND

    CSS_PATH = "applicant.tcss"
    AUTO_FOCUS = "#scores"  # never the form first: its selected row is drawn differently when focused
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        HELP_BINDING,
        *_score_bindings(),
        Binding("right_square_bracket", "next_applicant", "Next", id="applicant.next"),
        Binding("left_square_bracket", "previous_applicant", "Previous", id="applicant.previous"),
        Binding("n", "next_hit", "Next hit", id="applicant.next_hit"),
        Binding("N", "previous_hit", "Prev. hit", id="applicant.previous_hit", show=False),
        Binding("c", "comment", "Comment", id="applicant.comment", tooltip="Comment on the selected criterion"),
        Binding("o", "overall_comment", "Overall comment", id="applicant.overall", show=False),
        Binding("s", "recommend('shortlist')", "Shortlist", id="applicant.shortlist"),
        Binding("m", "recommend('maybe')", "Maybe", id="applicant.maybe", show=False),
        Binding("x", "recommend('reject')", "Reject", id="applicant.reject", show=False),
        Binding("S", "submit", "Submit review", id="applicant.submit", show=False,
                tooltip="Submit my review (with a committee: then go to my next applicant)"),
        Binding("z", "skip", "Skip for now", id="applicant.skip", show=False,
                tooltip="Put this applicant aside and go to my next one"),
        Binding("a", "abstain", "Abstain (conflict)", id="applicant.abstain", show=False,
                tooltip="Declare a conflict of interest with this applicant (with a reason) and abstain"),
        Binding("E", "override_eligibility", "Override eligibility", id="applicant.override", show=False,
                tooltip="Chair: override one eligibility rule with a reason"),
        Binding("t", "toggle_relevant", "Not relevant", id="applicant.relevant", show=False,
                tooltip="Mark the selected employment entry (not) relevant"),
        Binding("l,right", "next_tab", "Next document", id="applicant.next_tab", show=False),
        Binding("h,left", "previous_tab", "Previous document", id="applicant.previous_tab", show=False),
        Binding("escape,q", "close", "Back", id="applicant.back"),
    ]

    def __init__(self, applicant_id: int, order: Sequence[int], criteria: Sequence[CriterionInfo]) -> None:
        super().__init__()
        self.applicant_id = applicant_id
        self.order = list(order) or [applicant_id]
        self.criteria = tuple(criteria)
        self.detail: ApplicantDetail | None = None
        self.panel: ApplicantPanel | None = None  # the committee's side (None: the vacancy has no committee)
        self.conflict_only: review.ConflictOnly | None = None  # a conflicted viewer: the key and the conflict only
        self.tabs: list[tuple[str, str, list[tuple[int, int, int]]]] = []  # (title, text, hits) per document
        self.active_tab = 0  # 0: the structured form; n: document n - 1
        self.hit_list: list[tuple[int, int]] = []  # (tab, hit index in that document)
        self.hit_cursor = -1
        self._undo: list[tuple[int, int, int | None, int]] = []  # (applicant, criterion, value before, cursor)

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="header")
        with Horizontal(id="body"):
            with Vertical(id="docs"):
                yield Static(id="tab-bar")
                with ContentSwitcher(initial="form", id="switcher"):
                    yield P11View(id="form")
                    yield DocumentView(id="document")
            with VerticalScroll(id="side"):
                yield Static(id="legend")
                yield ScorePanel(self.criteria, id="scores")
                yield Static(id="committee")
                yield Static(id="rules")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(ScorePanel).focus()
        self.load()

    def prepare(self, applicant_id: int, order: Sequence[int]) -> None:
        """Reuse this screen for another applicant (opening is then only a query and a repaint)."""
        self.applicant_id = applicant_id
        self.order = list(order) or [applicant_id]
        self.detail = None
        if self.is_mounted:
            self.query_one("#header", Static).update("loading…")
            self.load()

    # ---- loading ------------------------------------------------------------------------------------------

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False, description="load the applicant's file")
    def _load(self, token: int) -> None:
        app = self.jpo
        opened = review.open_applicant(app.engine, app.current_vacancy, app.who, self.applicant_id)
        if isinstance(opened, review.ConflictOnly):  # the key and the fact of the conflict, nothing else
            app.call_from_thread(self._show_conflict, opened, token)
            return
        detail = opened
        member = app.member
        panel = None
        if member is not None:  # others' reviews only through aggregate.visible_scores (blind scoring)
            panel = committee_view.applicant_panel(app.engine, detail.vacancy_id, detail.id, member)
        app.call_from_thread(self._show, detail, panel, token)

    def _show_conflict(self, seen: review.ConflictOnly, token: int = 0) -> None:
        if seen.applicant_id != self.applicant_id or (token and not self.is_newest(token)):
            return
        self.detail = None
        self.panel = None
        self.conflict_only = seen
        self.query_one("#body").display = False
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(clean(seen.key, single_line=True), style="bold")
        header.append(f"  {clean(seen.reason, single_line=True)}: nothing else of this applicant is shown to you",
                      style="italic")
        self.query_one("#header", Static).update(header)

    def _show(self, detail: ApplicantDetail, panel: ApplicantPanel | None = None, token: int = 0) -> None:
        if detail.id != self.applicant_id or (token and not self.is_newest(token)):
            return  # another applicant's, or an older load finishing late
        self.query_one("#body").display = True
        self.conflict_only = None
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        self.panel = panel
        self._show_committee(panel)
        index = {c.id: n for n, c in enumerate(self.criteria)}
        self._show_header(detail)
        self._show_legend(detail, index)
        self._show_rules(detail)
        scores = self.query_one(ScorePanel)
        scores.set_state(detail.review)
        self._label_next()
        if not same:
            first_open = next((n for n, c in enumerate(self.criteria) if c.id not in detail.review.scores), 0)
            self.query_one("#side", VerticalScroll).scroll_home(animate=False)
            scores.cursor = first_open
            scores.show_cursor()  # also when the cursor stays on the same row
            self._show_documents(detail, index)
        else:
            self.query_one(P11View).show(detail, keep_selection=True)

    def _show_header(self, d: ApplicantDetail) -> None:
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(clean(d.name or "(no name)", single_line=True), style="bold")
        header.append(f"  {clean(d.key, single_line=True)}  ", style="dim")
        badge = BADGES.get(d.status, "? review")
        header.append(badge, style={"eligible": "green", "ineligible": "red"}.get(d.status, "yellow") + " bold")
        position = self.order.index(d.id) + 1 if d.id in self.order else 0
        header.append(f"  {position}/{len(self.order)}", style="dim")  # before what 80 columns may cut
        age = "?" if d.age is None else str(d.age)
        header.append(f"  age {age} · {clean(d.nationality or '?', single_line=True)} · {d.degree} · "
                      f"{experience_text(d.experience_months)} exp.")
        self.query_one("#header", Static).update(header)

    def _show_legend(self, d: ApplicantDetail, index: dict[int, int]) -> None:
        counts = {c.id: 0 for c in self.criteria}
        for h in d.hits:
            if h.criterion_id in counts:
                counts[h.criterion_id] += 1
        legend = Text()
        legend.append("Keyword hits  ", style="bold")
        for c in self.criteria:
            legend.append(" ■ ", style=hit_style(index[c.id]))
            legend.append(f" {clean(c.name, single_line=True)} {counts[c.id]}  ")
        legend.append("  (n / N: next / previous hit)", style="dim")
        self.query_one("#legend", Static).update(legend)

    def _show_rules(self, d: ApplicantDetail) -> None:
        rules = Text()
        rules.append("Eligibility  ", style="bold")
        rules.append(BADGES.get(d.status, "? review") + "\n")
        if d.rules_summary:
            rules.append(clean(d.rules_summary, single_line=True) + "\n", style="dim")
        for r in d.rules:
            mark, colour = RULE_MARKS.get(r.status, ("?", "yellow"))
            rules.append(f"{mark} ", style=f"bold {colour}")
            rules.append(f"{r.rule}: ", style="bold")
            rules.append(clean(r.sentence, single_line=True))
            if r.overridden:
                rules.append(" (overridden)", style="italic")
            rules.append("\n")
        flags = _flags_not_in_tabs(d)
        if flags:
            rules.append("Flags: ", style="bold")
            rules.append("; ".join(clean(f, single_line=True) for f in flags) + "\n", style="italic")
        self.query_one("#rules", Static).update(rules)

    def _show_committee(self, panel: ApplicantPanel | None) -> None:
        box = self.query_one("#committee", Static)
        box.display = panel is not None
        if panel is not None:
            box.update(committee_text(panel, self.jpo.is_chair))

    def _show_documents(self, d: ApplicantDetail, index: dict[int, int]) -> None:
        self.tabs = []
        self.hit_list = []
        for doc in d.documents:
            hits = sorted((h.start, h.end, index.get(h.criterion_id, 0)) for h in d.hits
                          if h.document_id == doc.id and h.end <= len(doc.text))
            title = KIND_TITLES.get(doc.kind, doc.kind) + (f" ({len(hits)})" if hits else "")
            self.hit_list.extend((len(self.tabs) + 1, n) for n in range(len(hits)))
            self.tabs.append((title, doc.text if doc.text.strip() else _no_text_notice(doc), hits))
        stored = {doc.file_path for doc in d.documents}
        for problem in d.refused:  # a refused file: its own tab says why (never a blank tab, never only a flag)
            if problem.file_path not in stored:
                self.tabs.append((REFUSED_TITLE, _refused_notice(problem.file_path, problem.reason), []))
        self.hit_cursor = -1
        self.query_one(P11View).show(d)
        self._activate(0)

    def _activate(self, tab: int) -> None:
        """Show the form (0) or a document (1..) without mounting anything."""
        tab = max(0, min(tab, len(self.tabs)))
        changed = tab != self.active_tab
        self.active_tab = tab
        bar = Text(no_wrap=True, overflow="ellipsis")
        for n, title in enumerate(["Form", *(t for t, _, _ in self.tabs)]):
            bar.append(f" {title} ", style="reverse bold" if n == tab else "")
            bar.append("│", style="dim")
        bar.append("  h/l switch", style="dim")
        self.query_one("#tab-bar", Static).update(bar)
        switcher = self.query_one(ContentSwitcher)
        if tab == 0:
            switcher.current = "form"
            return
        view = self.query_one(DocumentView)
        if changed or switcher.current != "document" or view.text != self.tabs[tab - 1][1]:
            _, text, hits = self.tabs[tab - 1]
            view.set_document(text, hits)
        switcher.current = "document"

    # ---- navigation ---------------------------------------------------------------------------------------

    def _go(self, step: int) -> None:
        if self.applicant_id not in self.order:
            return
        position = self.order.index(self.applicant_id) + step
        if not 0 <= position < len(self.order):
            self.notify("No more applicants in this direction.", timeout=2)
            return
        self.applicant_id = self.order[position]
        self.query_one("#header", Static).update("loading…")
        self.load()

    def _fully_scored_unsubmitted(self) -> bool:
        """In a committee: every criterion scored and the review not yet submitted (] then submits it)."""
        if self.jpo.member is None or not self.criteria or self.detail is None:
            return False
        if self.detail.id != self.applicant_id:
            return False
        panel = self.panel
        if panel is not None and not panel.can_score:
            return False
        state = self.query_one(ScorePanel).state
        return not state.submitted and all(state.scores.get(c.id) is not None for c in self.criteria)

    def _label_next(self) -> None:
        """The footer says what ] does: "Submit & next" on a fully scored, unsubmitted review, else "Next"."""
        label = "Submit & next" if self._fully_scored_unsubmitted() else "Next"
        key_map = self._bindings.key_to_bindings
        current = key_map.get("right_square_bracket", [])
        if current and current[0].description != label:
            key_map["right_square_bracket"] = [replace(b, description=label) for b in current]
            self.refresh_bindings()

    def action_next_applicant(self) -> None:
        if self._fully_scored_unsubmitted():
            self.action_submit()  # never leaves a fully scored review unsubmitted silently
            return
        self._go(1)

    def action_previous_applicant(self) -> None:
        self._go(-1)

    def action_close(self) -> None:
        self.dismiss(self.applicant_id)

    def _jump(self, step: int) -> None:
        if not self.hit_list:
            self.notify("No keyword hits in these documents.", timeout=2)
            return
        self.hit_cursor = (self.hit_cursor + step) % len(self.hit_list)
        tab, n = self.hit_list[self.hit_cursor]
        self._activate(tab)
        view = self.query_one(DocumentView)
        view.current = n
        self.call_after_refresh(view.show_hit, n)

    def action_next_hit(self) -> None:
        self._jump(1)

    def action_previous_hit(self) -> None:
        self._jump(-1)

    def _switch_tab(self, step: int) -> None:
        self._activate((self.active_tab + step) % (len(self.tabs) + 1))

    def action_next_tab(self) -> None:
        self._switch_tab(1)

    def action_previous_tab(self) -> None:
        self._switch_tab(-1)

    # ---- scoring: each change is written at once (writer thread, in order) --------------------------------

    def _ready(self) -> bool:
        seen = self.conflict_only
        if seen is not None and seen.applicant_id == self.applicant_id:
            self.notify(f"{seen.key}: {seen.reason}: you cannot act on this applicant.", severity="warning",
                        markup=False)
            return False
        return self.detail is not None and self.detail.id == self.applicant_id and bool(self.jpo.reviewer)

    def _may_write(self) -> bool:
        """Ready, and allowed by the committee (member, no conflict, not locked); says why not."""
        if not self._ready():
            return False
        panel = self.panel
        if panel is not None and not panel.can_score:
            self.notify(panel.refusal or "You cannot score this applicant.", severity="warning", markup=False)
            return False
        return True

    def action_score(self, value: int) -> None:
        if not self._may_write() or not self.criteria:
            return
        panel = self.query_one(ScorePanel)
        crit = self.criteria[panel.cursor]
        state = panel.state
        self._undo.append((self.applicant_id, crit.id, state.scores.get(crit.id), panel.cursor))
        panel.set_state(replace(state, scores={**state.scores, crit.id: value}))
        app = self.jpo
        app.write(review.score, app.engine, app.vacancy_id, app.who, self.applicant_id, crit.id, value)
        if panel.cursor < len(self.criteria) - 1:
            panel.cursor += 1
        self._label_next()

    def action_undo(self) -> None:
        """Undo my last score change (set or cleared) on the applicant shown; written and audited like any."""
        stack = [u for u in self._undo if u[0] == self.applicant_id]
        if not stack:
            self.notify("Nothing of yours to undo on this applicant.", timeout=2)
            return
        if not self._may_write():
            return
        last = stack[-1]
        self._undo.remove(last)
        _, crit_id, before, cursor = last
        panel = self.query_one(ScorePanel)
        state = panel.state
        scores = {k: v for k, v in state.scores.items() if k != crit_id}
        if before is not None:
            scores[crit_id] = before
        panel.set_state(replace(state, scores=scores))
        panel.cursor = cursor
        app = self.jpo
        app.write(review.score, app.engine, app.vacancy_id, app.who, self.applicant_id, crit_id, before)
        name = next((c.name for c in self.criteria if c.id == crit_id), "score")
        self.notify(f"Undone: “{name}” back to {'no score' if before is None else before}.", timeout=2,
                    markup=False)
        self._label_next()

    def action_out_of_scale(self) -> None:
        self.notify("Scores run from 0 to 5.", severity="warning", timeout=2)

    def action_clear_score(self) -> None:
        if not self._may_write() or not self.criteria:
            return
        panel = self.query_one(ScorePanel)
        crit = self.criteria[panel.cursor]
        state = panel.state
        if crit.id not in state.scores:
            self.notify(f"“{crit.name}” has no score to clear.", timeout=2, markup=False)
            return
        self._undo.append((self.applicant_id, crit.id, state.scores[crit.id], panel.cursor))
        panel.set_state(replace(state, scores={k: v for k, v in state.scores.items() if k != crit.id}))
        app = self.jpo
        app.write(review.score, app.engine, app.vacancy_id, app.who, self.applicant_id, crit.id, None)
        self.notify(f"“{crit.name}”: score cleared.", timeout=2, markup=False)
        self._label_next()

    def action_comment(self) -> None:
        from .dialogs import CommentDialog

        if not self._may_write() or not self.criteria:
            return
        panel = self.query_one(ScorePanel)
        crit = self.criteria[panel.cursor]
        applicant_id = self.applicant_id

        def save(text: str | None) -> None:
            if text is None or applicant_id != self.applicant_id:
                return
            state = panel.state
            panel.set_state(replace(state, comments={**state.comments, crit.id: text.strip()}))
            app = self.jpo
            app.write(review.comment, app.engine, app.vacancy_id, app.who, applicant_id, text, crit.id)

        self.app.push_screen(CommentDialog(f"Comment on “{crit.name}”", panel.state.comments.get(crit.id, "")), save)

    def action_overall_comment(self) -> None:
        from .dialogs import CommentDialog

        if not self._may_write():
            return
        panel = self.query_one(ScorePanel)
        applicant_id = self.applicant_id

        def save(text: str | None) -> None:
            if text is None or applicant_id != self.applicant_id:
                return
            panel.set_state(replace(panel.state, comment=text.strip()))
            app = self.jpo
            app.write(review.comment, app.engine, app.vacancy_id, app.who, applicant_id, text)

        self.app.push_screen(CommentDialog("Overall comment", panel.state.comment), save)

    def action_recommend(self, recommendation: str) -> None:
        if not self._may_write():
            return
        panel = self.query_one(ScorePanel)
        value = "" if panel.state.recommendation == recommendation else recommendation
        panel.set_state(replace(panel.state, recommendation=value))
        app = self.jpo
        app.write(review.recommend, app.engine, app.vacancy_id, app.who, self.applicant_id, value)

    def action_submit(self) -> None:
        if not self._may_write():
            return
        panel = self.query_one(ScorePanel)
        panel.set_state(replace(panel.state, submitted=True))
        app = self.jpo
        if app.member is None:
            app.write(review.submit, app.engine, app.vacancy_id, app.who, self.applicant_id)
            self.notify("Review submitted.", timeout=2)
            return
        app.write(review.submit, app.engine, app.vacancy_id, app.who, self.applicant_id,
                  on_done=lambda: self.go_next("Review submitted."))

    def action_toggle_relevant(self) -> None:
        """The chair's (or single user's) decision, with a reason: the service refuses anyone else, with why
        (a reviewer proposes it in a comment)."""
        from .forms import Field, FormDialog

        if not self._ready():
            return
        entry = self.query_one(P11View).selected_entry
        if entry is None:
            self.notify("This applicant has no employment entry.", timeout=3)
            return
        self._activate(0)
        app = self.jpo
        applicant_id, relevant = self.applicant_id, not entry.relevant

        def saved(done: Done) -> None:
            self.notify(done.message, timeout=3, markup=False)
            self._reload_form()

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                app.call(review.set_entry_relevant, app.engine, app.current_vacancy, app.who, applicant_id,
                         entry.id, relevant, answer["reason"], on_done=saved)

        why = refusal_for(app.engine, app.current_vacancy, app.who, Action.MARK_NOT_RELEVANT, applicant_id)
        if why:
            app.notify(why, severity="error", markup=False)
            return
        self.app.push_screen(FormDialog(
            f"Mark “{clean(entry.title or entry.employer, single_line=True)}” "
            f"{'relevant' if relevant else 'not relevant'}",
            [Field("reason", "Reason (recorded in the audit trail)", placeholder="required")],
            hint="Eligibility is recomputed at once.",
            check=lambda v: None if v["reason"].strip() else "Give a reason, or escape."), save)

    def _reload_form(self) -> None:
        self.load()  # the form and the rules with the recomputed eligibility

    # ---- the committee: save and next, skip, abstain, the chair's eligibility override ----------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("skip", "abstain"):
            return self.jpo.member is not None
        return True  # the services refuse what the rulebook does not allow, with the reason

    def go_next(self, done: str = "") -> None:
        """Move to my next applicant to review (fewest reviews first; skipped ones come back last)."""
        self._find_next(done)

    @work(thread=True, exclusive=True, group="next", exit_on_error=False, description="find the next applicant")
    def _find_next(self, done: str) -> None:
        app = self.jpo
        if app.member is None:  # "save and next" belongs to a committee's review
            return
        found = committee_view.next_applicant(app.engine, app.current_vacancy, app.member)
        app.call_from_thread(self._arrive, found, done)

    def _arrive(self, applicant_id: int | None, done: str) -> None:
        prefix = f"{done} " if done else ""
        if applicant_id is None:
            self.notify(prefix + "Nothing left to review: every applicant assigned to you is done.", timeout=4)
            self.load()
            return
        if applicant_id == self.applicant_id:
            self.notify(prefix + "This is the last applicant left to review.", timeout=3)
            self.load()
            return
        if done:
            self.notify(done, timeout=2)
        if applicant_id not in self.order:
            self.order.append(applicant_id)
        self.applicant_id = applicant_id
        self.query_one("#header", Static).update("loading…")
        self.load()

    def action_skip(self) -> None:
        if not self._ready() or self.jpo.member is None:
            return
        app = self.jpo
        app.call(review.skip, app.engine, app.vacancy_id, app.who, self.applicant_id,
                 on_done=lambda done: self.go_next(done.message))

    def action_abstain(self) -> None:
        from .forms import Field, FormDialog

        if not self._ready() or self.jpo.member is None:
            return
        applicant_id = self.applicant_id

        def save(answer: dict[str, str] | None) -> None:
            if not answer:
                return
            app = self.jpo
            app.call(review.abstain, app.engine, app.vacancy_id, app.who, applicant_id, answer["reason"],
                     on_done=lambda done: self.go_next(done.message))

        self.app.push_screen(FormDialog(
            "Abstain: conflict of interest",
            [Field("reason", "Reason (worked together, relative, ...)", placeholder="required")],
            hint="Your scores of this applicant stop counting and you will not see the others'.",
            check=lambda v: None if v["reason"].strip() else "A conflict of interest needs a reason."), save)

    def action_override_eligibility(self) -> None:
        from .override import ask_override

        if self._ready() and self.detail is not None:
            ask_override(self, self.detail)

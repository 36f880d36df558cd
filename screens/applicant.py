"""One applicant: documents with highlighted hits on the left; eligibility and my scores on the right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from jpo_tui import queries, scoring
from jpo_tui.queries import ApplicantDetail, CriterionInfo

from .safe import clean
from .widgets.applicant_list import BADGES, experience_text
from .widgets.document_view import DocumentView, hit_style
from .widgets.p11_view import P11View
from .widgets.score_panel import ScorePanel

KIND_TITLES = {"p11": "P11 text", "cv": "CV", "cover_letter": "Letter", "other": "Other"}
RULE_MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "review": ("?", "yellow")}


def _score_bindings() -> list[Binding]:
    out = []
    for n in range(6):
        out.append(Binding(str(n), f"score({n})", "Score", key_display="0-5", show=n == 0,
                           id=f"applicant.score{n}", tooltip="Score the selected criterion and move on"))
    return out


class ApplicantScreen(Screen[int]):
    """Reviewing one applicant; ``order`` is the list's current order, for ] and [."""

    CSS_PATH = "applicant.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
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
        Binding("S", "submit", "Submit review", id="applicant.submit", show=False),
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
        self.tabs: list[tuple[str, str, list[tuple[int, int, int]]]] = []  # (title, text, hits) per document
        self.active_tab = 0  # 0: the structured form; n: document n - 1
        self.hit_list: list[tuple[int, int]] = []  # (tab, hit index in that document)
        self.hit_cursor = -1

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
                yield Static(id="rules")
        yield Footer()

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

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load(self) -> None:
        app = self.app
        reviewer = app.reviewer  # type: ignore[attr-defined]
        detail = queries.applicant_detail(app.engine, self.applicant_id, reviewer.id if reviewer else None)  # type: ignore[attr-defined]
        app.call_from_thread(self._show, detail)

    async def _show(self, detail: ApplicantDetail) -> None:
        if detail.id != self.applicant_id:
            return
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        index = {c.id: n for n, c in enumerate(self.criteria)}
        self._show_header(detail)
        self._show_legend(detail, index)
        self._show_rules(detail)
        panel = self.query_one(ScorePanel)
        panel.set_state(detail.review)
        if not same:
            first_open = next((n for n, c in enumerate(self.criteria) if c.id not in detail.review.scores), 0)
            panel.cursor = first_open
            self._show_documents(detail, index)
        else:
            self.query_one(P11View).show(detail, keep_selection=True)

    def _show_header(self, d: ApplicantDetail) -> None:
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(clean(d.name or "(no name)", single_line=True), style="bold")
        header.append(f"  {clean(d.key, single_line=True)}  ", style="dim")
        badge = BADGES.get(d.status, "? review")
        header.append(badge, style={"eligible": "green", "ineligible": "red"}.get(d.status, "yellow") + " bold")
        age = "?" if d.age is None else str(d.age)
        header.append(f"  age {age} · {clean(d.nationality or '?', single_line=True)} · {d.degree} · "
                      f"{experience_text(d.experience_months)} exp.")
        position = self.order.index(d.id) + 1 if d.id in self.order else 0
        header.append(f"   {position}/{len(self.order)}", style="dim")
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
        for r in d.rules:
            mark, colour = RULE_MARKS.get(r.status, ("?", "yellow"))
            rules.append(f"{mark} ", style=f"bold {colour}")
            rules.append(f"{r.rule}: ", style="bold")
            rules.append(clean(r.sentence, single_line=True))
            if r.overridden:
                rules.append(" (overridden)", style="italic")
            rules.append("\n")
        if d.flags:
            rules.append("Flags: ", style="bold")
            rules.append("; ".join(clean(f, single_line=True) for f in d.flags) + "\n", style="italic")
        self.query_one("#rules", Static).update(rules)

    def _show_documents(self, d: ApplicantDetail, index: dict[int, int]) -> None:
        self.tabs = []
        self.hit_list = []
        for doc in d.documents:
            hits = sorted((h.start, h.end, index.get(h.criterion_id, 0)) for h in d.hits
                          if h.document_id == doc.id and h.end <= len(doc.text))
            title = KIND_TITLES.get(doc.kind, doc.kind) + (f" ({len(hits)})" if hits else "")
            self.hit_list.extend((len(self.tabs) + 1, n) for n in range(len(hits)))
            self.tabs.append((title, doc.text, hits))
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

    def action_next_applicant(self) -> None:
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
        return self.detail is not None and self.detail.id == self.applicant_id and bool(self.app.reviewer)  # type: ignore[attr-defined]

    def action_score(self, value: int) -> None:
        if not self._ready() or not self.criteria:
            return
        panel = self.query_one(ScorePanel)
        crit = self.criteria[panel.cursor]
        state = panel.state
        panel.set_state(replace(state, scores={**state.scores, crit.id: value}))
        app = self.app
        app.write(scoring.set_score, app.engine, self.applicant_id, app.reviewer, crit.id, value)  # type: ignore[attr-defined]
        if panel.cursor < len(self.criteria) - 1:
            panel.cursor += 1

    def action_comment(self) -> None:
        from .dialogs import CommentDialog

        if not self._ready() or not self.criteria:
            return
        panel = self.query_one(ScorePanel)
        crit = self.criteria[panel.cursor]
        applicant_id = self.applicant_id

        def save(text: str | None) -> None:
            if text is None or applicant_id != self.applicant_id:
                return
            state = panel.state
            panel.set_state(replace(state, comments={**state.comments, crit.id: text.strip()}))
            app = self.app
            app.write(scoring.set_criterion_comment, app.engine, applicant_id, app.reviewer, crit.id, text)  # type: ignore[attr-defined]

        self.app.push_screen(CommentDialog(f"Comment on “{crit.name}”", panel.state.comments.get(crit.id, "")), save)

    def action_overall_comment(self) -> None:
        from .dialogs import CommentDialog

        if not self._ready():
            return
        panel = self.query_one(ScorePanel)
        applicant_id = self.applicant_id

        def save(text: str | None) -> None:
            if text is None or applicant_id != self.applicant_id:
                return
            panel.set_state(replace(panel.state, comment=text.strip()))
            app = self.app
            app.write(scoring.set_overall_comment, app.engine, applicant_id, app.reviewer, text)  # type: ignore[attr-defined]

        self.app.push_screen(CommentDialog("Overall comment", panel.state.comment), save)

    def action_recommend(self, recommendation: str) -> None:
        if not self._ready():
            return
        panel = self.query_one(ScorePanel)
        value = "" if panel.state.recommendation == recommendation else recommendation
        panel.set_state(replace(panel.state, recommendation=value))
        app = self.app
        app.write(scoring.set_recommendation, app.engine, self.applicant_id, app.reviewer, value)  # type: ignore[attr-defined]

    def action_submit(self) -> None:
        if not self._ready():
            return
        panel = self.query_one(ScorePanel)
        panel.set_state(replace(panel.state, submitted=True))
        app = self.app
        app.write(scoring.submit_review, app.engine, self.applicant_id, app.reviewer)  # type: ignore[attr-defined]
        self.notify("Review submitted.", timeout=2)

    def action_toggle_relevant(self) -> None:
        if not self._ready():
            return
        entry = self.query_one(P11View).selected_entry
        if entry is None:
            self.notify("This applicant has no employment entry.", timeout=3)
            return
        self._activate(0)
        app = self.app
        app.write(scoring.set_employment_relevant, app.engine, self.applicant_id, app.reviewer,  # type: ignore[attr-defined]
                  entry.id, not entry.relevant, on_done=self._reload_form)

    def _reload_form(self) -> None:
        self.load()  # the form and the rules with the recomputed eligibility

"""The command palette: import, export, switch vacancy or reviewer, theme, and open an applicant by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .base import jpo_app
from .safe import clean

ACTIONS = (
    ("Import applications", "Choose a folder and a vacancy file and import them", "open_import"),
    ("Export vacancy (JSON)", "Write the vacancy with every applicant to a JSON file", "open_export"),
    ("Switch vacancy", "Review another vacancy of this database", "choose_vacancy"),
    ("Switch reviewer", "Score under another name", "switch_reviewer"),
    ("Change theme", "Light, dark and other themes", "change_theme"),
)
COMMITTEE_ACTIONS = (  # shown when the vacancy has a committee
    ("Committee members", "Members, roles and each one's progress", "open_members"),
)
CHAIR_ACTIONS = (  # shown to the chair only (the domain refuses anyone else anyway)
    ("Ranking", "The chair's ranking: aggregates, decisions, slots, lock, exports", "open_ranking"),
    ("Assign k reviewers per applicant / everyone", "Balanced assignments that respect conflicts",
     "ask_assignment"),
)


class JpoCommands(Provider):
    """The workbench's commands plus one entry per applicant of the open vacancy."""

    def _run(self, what: str) -> None:
        app = jpo_app(self.app)
        if what == "switch_reviewer":
            def reopen() -> None:
                if app.vacancy_id:
                    app.open_vacancy(app.vacancy_id)

            app.ask_reviewer(then=reopen)
        elif what == "change_theme":
            app.action_change_theme()
        elif what == "choose_vacancy":
            app.choose_vacancy()
        else:
            getattr(app, what)()

    def _actions(self) -> tuple[tuple[str, str, str], ...]:
        app = jpo_app(self.app)
        if getattr(app, "member", None) is None:
            return ACTIONS
        return ACTIONS + COMMITTEE_ACTIONS + (CHAIR_ACTIONS if app.is_chair else ())

    async def discover(self) -> Hits:
        for title, help_text, what in self._actions():
            yield DiscoveryHit(title, partial(self._run, what), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, what in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, what), help=help_text)
        for applicant_id, label in self._applicants():
            score = matcher.match(label)
            if score > 0:
                # applicant names are shown literally (Content, never markup)
                yield Hit(score * 0.9, Content(f"Open {label}"), partial(self._open, applicant_id),
                          text=f"Open {label}", help="applicant")

    def _applicants(self) -> list[tuple[int, str]]:
        from .applicants import ApplicantsScreen

        screens = [s for s in self.app.screen_stack if isinstance(s, ApplicantsScreen)]
        if not screens:
            return []
        return [(r.id, clean(f"{r.name} ({r.key})", single_line=True)) for r in screens[-1].model.rows]

    def _open(self, applicant_id: int) -> None:
        """Open the applicant from the list, as Enter on its row does: Esc then returns to the list."""
        from .applicants import ApplicantsScreen

        screens = [s for s in self.app.screen_stack if isinstance(s, ApplicantsScreen)]
        if screens:
            listing = screens[-1]
            while self.app.screen is not listing:  # whatever is open above the list (another applicant)
                self.app.pop_screen()
            listing.open_applicant_screen(applicant_id)

"""The rulebook: who may do what, and who may see what, in one table.

Read it like pretalx's ``rules.py``: every action of the workbench is a row of :data:`RULES`, every role a column.
The adapters (CLI verbs, screens) never decide a permission; the services ask :func:`require` (or :func:`can`)
here, inside the transaction that performs the action, with an :class:`Actor` re-read from the database.

Roles
    ``chair``       a member who chairs the vacancy's committee;
    ``reviewer``    a member who reviews;
    ``conflicted``  a member (chair or reviewer) who declared a conflict of interest with *this* applicant: for
                    anything about that applicant they see its key and the fact of the conflict, nothing else;
    ``solo``        the single user of a vacancy without a committee: they own all of their own work (every
                    export, ``rank``, overrides) and need no passphrase;
    ``outsider``    a person not on the committee of a vacancy that has one: nothing at all.

What a role may *see* is in :data:`SIGHT` (blind scores, conflicted applicants, the chair's decisions, personal
data in exports, the audit trail). Whether the ranking is locked is a state, not a role: :data:`RULES` says which
actions a lock stops.

No database, no Textual here: the module is pure and cheap to import. ``python -m jpo_tui.committee.rules``
prints the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from jpo_tui.core.errors import Refused


class Role(StrEnum):
    CHAIR = "chair"
    REVIEWER = "reviewer"
    CONFLICTED = "conflicted"
    SOLO = "solo"
    OUTSIDER = "outsider"


class Action(StrEnum):
    """Every action a person can take on a vacancy (the value is the audit/CLI-friendly name)."""

    OPEN_APPLICANT = "open_applicant"
    SEE_OTHERS_SCORES = "see_others_scores"
    SCORE = "score"
    COMMENT = "comment"
    RECOMMEND = "recommend"
    SUBMIT = "submit"
    SKIP = "skip"
    ABSTAIN = "abstain"
    MARK_NOT_RELEVANT = "mark_not_relevant"
    CORRECT_FACT = "correct_fact"
    FLAG_FACT = "flag_fact"
    OVERRIDE_ELIGIBILITY = "override_eligibility"
    DECLARE_CONFLICT = "declare_conflict"
    DECLARE_CONFLICT_FOR_OTHER = "declare_conflict_for_other"
    WITHDRAW_CONFLICT = "withdraw_conflict"
    IMPORT = "import"
    CHANGE_VACANCY = "change_vacancy"
    LIST_MEMBERS = "list_members"
    ADD_MEMBER = "add_member"
    REMOVE_MEMBER = "remove_member"
    CHANGE_PASSPHRASE = "change_passphrase"
    ASSIGN = "assign"
    VIEW_RANKING = "view_ranking"
    SET_AGGREGATION = "set_aggregation"
    DECIDE = "decide"
    PLACE_RANK = "place_rank"
    SET_SLOT = "set_slot"
    LOCK = "lock"
    UNLOCK = "unlock"
    EXPORT_VACANCY = "export_vacancy"      # json: every applicant's data
    EXPORT_SUBJECT = "export_subject"      # json --subject KEY: one applicant's data (access request)
    EXPORT_SHORTLIST = "export_shortlist"  # csv, xlsx, md, html
    EXPORT_RANKING = "export_ranking"      # csv, xlsx, md, html (redacted for a reviewer)
    EXPORT_SHEETS = "export_sheets"        # csv, xlsx, md, html (a reviewer: their own sheet)
    EXPORT_REPORT = "export_report"        # xlsx, md, html
    EXPORT_SLOTS = "export_slots"          # ics
    VIEW_AUDIT = "view_audit"
    ERASE = "erase"
    PURGE = "purge"
    BACKUP = "backup"
    RESTORE = "restore"


C, R, X, S = Role.CHAIR, Role.REVIEWER, Role.CONFLICTED, Role.SOLO


@dataclass(frozen=True)
class Rule:
    """One row: what the action is called in a refusal, who may, and whether a locked ranking stops it."""

    phrase: str  # completes "only the chair can ..." / "... cannot ..."
    allowed: frozenset[Role]
    stopped_by_lock: bool = False


def _rule(phrase: str, *roles: Role, locked: bool = False) -> Rule:
    return Rule(phrase, frozenset(roles), locked)


# THE TABLE. A role not named in a row is refused. ``conflicted`` applies only when the action concerns the
# applicant the member declared a conflict with (an applicant-less action uses the member's own role).
RULES: Mapping[Action, Rule] = {
    Action.OPEN_APPLICANT:             _rule("open this applicant's file", C, R, S),
    Action.SEE_OTHERS_SCORES:          _rule("see other reviewers' scores", C, R, S),  # R: see SIGHT
    Action.SCORE:                      _rule("score this applicant", C, R, S, locked=True),
    Action.COMMENT:                    _rule("comment on this applicant", C, R, S, locked=True),
    Action.RECOMMEND:                  _rule("recommend on this applicant", C, R, S, locked=True),
    Action.SUBMIT:                     _rule("submit a review of this applicant", C, R, S, locked=True),
    Action.SKIP:                       _rule("skip this applicant for now", C, R),  # S: no assignments to skip
    Action.ABSTAIN:                    _rule("abstain on this applicant", C, R, X, locked=True),
    Action.MARK_NOT_RELEVANT:          _rule("mark an employment entry not relevant (a reviewer proposes it "
                                             "in a comment)", C, S, locked=True),
    Action.CORRECT_FACT:               _rule("correct a fact read from the applicant's documents", C, S,
                                             locked=True),
    Action.FLAG_FACT:                  _rule("flag a fact as doubtful", C, R, S),
    Action.OVERRIDE_ELIGIBILITY:       _rule("override eligibility", C, S, locked=True),
    Action.DECLARE_CONFLICT:           _rule("declare a conflict of interest", C, R, X, locked=True),
    Action.DECLARE_CONFLICT_FOR_OTHER: _rule("declare a conflict for another member", C, locked=True),
    Action.WITHDRAW_CONFLICT:          _rule("withdraw a conflict of interest", C, locked=True),
    Action.IMPORT:                     _rule("import applications into this vacancy", C, R, S),
    Action.CHANGE_VACANCY:             _rule("change the vacancy (criteria, weights, rules, dates)", C, S),
    Action.LIST_MEMBERS:               _rule("list the committee", C, R),
    Action.ADD_MEMBER:                 _rule("add committee members", C, S),  # S: the first becomes chair
    Action.REMOVE_MEMBER:              _rule("remove committee members", C),
    Action.CHANGE_PASSPHRASE:          _rule("change their passphrase", C, R),
    Action.ASSIGN:                     _rule("assign applicants to reviewers", C),
    Action.VIEW_RANKING:               _rule("see the ranking", C, R, S),  # R: redacted, see SIGHT
    Action.SET_AGGREGATION:            _rule("choose the aggregation", C, S, locked=True),
    Action.DECIDE:                     _rule("decide on applicants", C, S, locked=True),
    Action.PLACE_RANK:                 _rule("place an applicant at a rank by hand", C, S, locked=True),
    Action.SET_SLOT:                   _rule("set interview slots", C, S),
    Action.LOCK:                       _rule("lock the ranking", C, S),
    Action.UNLOCK:                     _rule("unlock the ranking", C, S),
    Action.EXPORT_VACANCY:             _rule("export the vacancy's data", C, S),
    Action.EXPORT_SUBJECT:             _rule("export this applicant's data", C, S),
    Action.EXPORT_SHORTLIST:           _rule("export the shortlist", C, S),
    Action.EXPORT_RANKING:             _rule("export the ranking", C, R, S),
    Action.EXPORT_SHEETS:              _rule("export score sheets", C, R, S),
    Action.EXPORT_REPORT:              _rule("export the report", C, S),
    Action.EXPORT_SLOTS:               _rule("export the interview slots", C, S),
    Action.VIEW_AUDIT:                 _rule("read the audit trail", C, S),
    Action.ERASE:                      _rule("erase an applicant", C, S),
    Action.PURGE:                      _rule("purge a vacancy", C, S),
    Action.BACKUP:                     _rule("back up the database", C, S),
    Action.RESTORE:                    _rule("restore the database from a backup", C, S),
}

# Which exports exist in which format (``export --format F --what W``).
EXPORTS: Mapping[Action, tuple[str, ...]] = {
    Action.EXPORT_VACANCY: ("json",),
    Action.EXPORT_SUBJECT: ("json",),
    Action.EXPORT_SHORTLIST: ("csv", "xlsx", "md", "html"),
    Action.EXPORT_RANKING: ("csv", "xlsx", "md", "html"),
    Action.EXPORT_SHEETS: ("csv", "xlsx", "md", "html"),
    Action.EXPORT_REPORT: ("xlsx", "md", "html"),
    Action.EXPORT_SLOTS: ("ics",),
}
_WHAT = {"shortlist": Action.EXPORT_SHORTLIST, "ranking": Action.EXPORT_RANKING, "sheets": Action.EXPORT_SHEETS,
         "report": Action.EXPORT_REPORT, "slots": Action.EXPORT_SLOTS}


def export_action(fmt: str, what: str = "shortlist", *, subject: bool = False) -> Action:
    """The export action ``export --format fmt --what what [--subject]`` performs (ValueError when none)."""
    if fmt == "json":
        return Action.EXPORT_SUBJECT if subject else Action.EXPORT_VACANCY
    if subject:
        raise ValueError("--subject gives one applicant's data as json (--format json)")
    if fmt == "ics":
        return Action.EXPORT_SLOTS
    action = _WHAT.get(what)
    if action is None:
        raise ValueError(f"what to export is one of {', '.join(w for w in _WHAT if w != 'slots')}, not {what!r}")
    if fmt not in EXPORTS[action]:
        raise ValueError(f"the {what} is exported as {', '.join(EXPORTS[action])}, not {fmt}")
    return action


# --- what a role may see ----------------------------------------------------------------------------------------

class Sight(StrEnum):
    FILE = "file"                    # P11, documents, hits, birth date, e-mail of an applicant
    OTHERS_SCORES = "others_scores"  # other reviewers' scores, comments, the aggregate and rank
    DECISIONS = "decisions"          # the chair's decisions, reasons, interview slots
    CONFLICTS = "conflicts"          # who declared a conflict with whom
    PERSONAL_DATA = "personal_data"  # birth dates and e-mails in an export
    REVIEW_EVENTS = "review_events"  # score/comment/recommendation events in the audit trail


class Seen(StrEnum):
    YES = "yes"
    AFTER_OWN_REVIEW = "after own review"  # blind scoring: once the viewer submitted a scored review
    OWN = "own only"
    NO = "no"


SIGHT: Mapping[Sight, Mapping[Role, Seen]] = {
    Sight.FILE:          {C: Seen.YES, R: Seen.YES, S: Seen.YES, X: Seen.NO},
    Sight.OTHERS_SCORES: {C: Seen.YES, R: Seen.AFTER_OWN_REVIEW, S: Seen.YES, X: Seen.NO},
    Sight.DECISIONS:     {C: Seen.YES, R: Seen.NO, S: Seen.YES, X: Seen.NO},
    Sight.CONFLICTS:     {C: Seen.YES, R: Seen.OWN, S: Seen.YES, X: Seen.OWN},
    Sight.PERSONAL_DATA: {C: Seen.YES, R: Seen.NO, S: Seen.YES, X: Seen.NO},
    Sight.REVIEW_EVENTS: {C: Seen.YES, R: Seen.OWN, S: Seen.YES, X: Seen.NO},
}
CONFLICT_HIDDEN = "[hidden: conflict of interest]"
# Audit actions that carry what a reviewer wrote about an applicant (hidden from a conflicted reader).
REVIEW_EVENT_ACTIONS = frozenset({"score", "score_comment", "review_comment", "recommendation", "review_submitted"})


# --- the acting person ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Actor:
    """Who acts on one vacancy, as the services read it from the database (never trusted from a screen)."""

    name: str
    vacancy_id: str
    role: Role  # chair, reviewer, solo or outsider (conflicted is per applicant)
    reviewer_id: int | None = None
    conflicts: frozenset[int] = frozenset()  # applicant ids the member declared a conflict with

    @property
    def is_chair(self) -> bool:
        return self.role is Role.CHAIR

    @property
    def is_solo(self) -> bool:
        return self.role is Role.SOLO

    def role_for(self, applicant_id: int | None = None) -> Role:
        """The role that applies to an action about ``applicant_id`` (conflicted, or the actor's own)."""
        if applicant_id is not None and applicant_id in self.conflicts and self.role in (C, R):
            return Role.CONFLICTED
        return self.role


def refusal(actor: Actor, action: Action, applicant_id: int | None = None, *, locked: bool = False,
            applicant_key: str = "") -> str | None:
    """Why ``actor`` may not take ``action`` (one line), or None when they may."""
    rule = RULES[action]
    role = actor.role_for(applicant_id)
    if role not in rule.allowed:
        if role is Role.OUTSIDER:
            return f"{actor.name} is not on the committee of vacancy {actor.vacancy_id}"
        if role is Role.CONFLICTED:
            about = applicant_key or "this applicant"
            return (f"{actor.name} declared a conflict of interest with {about}: they cannot {rule.phrase} "
                    "(they see its key and the conflict, nothing else)")
        if role is Role.SOLO:
            return f"vacancy {actor.vacancy_id} has no committee: there is no one to {rule.phrase}"
        if C in rule.allowed:
            return f"only the chair can {rule.phrase}; {actor.name} is a {role.value} on vacancy {actor.vacancy_id}"
        return f"a {role.value} cannot {rule.phrase} on vacancy {actor.vacancy_id}"
    if locked and rule.stopped_by_lock:
        return (f"the chair locked the ranking of vacancy {actor.vacancy_id}: no one can {rule.phrase} now "
                "(the chair unlocks it first)")
    return None


def can(actor: Actor, action: Action, applicant_id: int | None = None, *, locked: bool = False) -> bool:
    """Whether ``actor`` may take ``action`` (about ``applicant_id``, while the ranking is ``locked`` or not)."""
    return refusal(actor, action, applicant_id, locked=locked) is None


def require(actor: Actor, action: Action, applicant_id: int | None = None, *, locked: bool = False,
            applicant_key: str = "") -> None:
    """:func:`can`, raising :class:`Refused` with the one-line reason when the answer is no."""
    why = refusal(actor, action, applicant_id, locked=locked, applicant_key=applicant_key)
    if why is not None:
        raise Refused(why)


def seen(actor: Actor, sight: Sight, applicant_id: int | None = None) -> Seen:
    """How much of ``sight`` the actor sees (about ``applicant_id`` when given)."""
    role = actor.role_for(applicant_id)
    return SIGHT[sight].get(role, Seen.NO)


def sees(actor: Actor, sight: Sight, applicant_id: int | None = None, *, own_review_submitted: bool = False) -> bool:
    """Whether the actor sees ``sight`` (about ``applicant_id``); blind scoring needs ``own_review_submitted``."""
    level = seen(actor, sight, applicant_id)
    if level is Seen.AFTER_OWN_REVIEW:
        return own_review_submitted
    return level in (Seen.YES, Seen.OWN) if sight is Sight.CONFLICTS else level is Seen.YES


def hidden_reason(actor: Actor, sight: Sight, applicant_id: int | None = None) -> str:
    """The one line shown in place of what ``sight`` hides ("" when nothing is hidden by role)."""
    role = actor.role_for(applicant_id)
    if role is Role.CONFLICTED:
        return "conflict of interest declared"
    if seen(actor, sight, applicant_id) is Seen.AFTER_OWN_REVIEW:
        return "others' scores stay hidden until you submit your own review"
    return "" if seen(actor, sight, applicant_id) is Seen.YES else f"not shown to a {role.value}"


def audit_event_visible(actor: Actor, action: str, applicant_key: str, conflicted_keys: Iterable[str]) -> bool:
    """Whether an audit reader sees the detail of an event (a conflicted reader loses review events' detail)."""
    return not (action in REVIEW_EVENT_ACTIONS and applicant_key in set(conflicted_keys))


def table() -> str:
    """The rulebook as a text table (``python -m jpo_tui.committee.rules``)."""
    roles = (C, R, X, S)
    width = max(len(a.value) for a in RULES)
    lines = [f"{'action':<{width}}  " + "  ".join(f"{r.value:<10}" for r in roles) + "  locked stops"]
    for action, rule in RULES.items():
        cells = "  ".join(f"{'yes' if r in rule.allowed else '-':<10}" for r in roles)
        lines.append(f"{action.value:<{width}}  {cells}  {'yes' if rule.stopped_by_lock else ''}")
    lines.append("")
    lines.append(f"{'sight':<{width}}  " + "  ".join(f"{r.value:<10}" for r in roles))
    for sight, row in SIGHT.items():
        lines.append(f"{sight.value:<{width}}  " + "  ".join(f"{row.get(r, Seen.NO).value:<10}" for r in roles))
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())

"""The committee's side of one applicant as rich Text: my progress, others' reviews when blind scoring allows,
conflicts, the chair's decision. Names and comments are shown literally."""

from __future__ import annotations

from rich.text import Text

from jpo_tui.core.wording import counted
from jpo_tui.services.views import ApplicantPanel

from ..safe import clean
from .applicant_list import CONFLICT_TEXT, MARKS

DECISIONS = {"short_list": "short list", "long_list": "long list", "not_suitable": "not suitable", "": "undecided"}


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def committee_text(panel: ApplicantPanel, is_chair: bool) -> Text:
    """The panel under my scores."""
    out = Text()
    out.append("Committee", style="bold")
    out.append(f"   my assigned: {panel.submitted}/{panel.to_review} submitted\n", style="dim")
    if panel.conflict:
        mine = next((c for c in panel.conflicts if c.reason), None)
        out.append(CONFLICT_TEXT, style="bold red")
        out.append(": you declared a conflict of interest")
        if mine is not None:
            out.append(" (")
            out.append(clean(mine.reason, single_line=True), style="italic")
            out.append(")")
        out.append(". You cannot score this applicant.\n")
    elif not panel.view.visible:
        out.append("Others' scores stay hidden until you submit your own review", style="italic")
        out.append(f" ({counted(panel.view.submitted_reviews, 'review')} submitted so far).\n", style="dim")
    else:
        out.append(f"mean {_num(panel.mean)} · median {_num(panel.median)} · spread {_num(panel.spread)}"
                   f" · {counted(panel.view.submitted_reviews, 'review')}\n")
        for other in panel.view.others:
            out.append("  ")
            out.append(clean(other.reviewer, single_line=True)[:18].ljust(18), style="bold")
            out.append(f" {_num(other.total)}  ")
            scores = " ".join("·" if v is None else str(v) for v in other.scores.values())
            out.append(f"[{scores}]", style="dim")
            if other.recommendation:
                out.append(f"  {MARKS.get(other.recommendation, '')} {other.recommendation}")
            out.append("\n")
            if other.comment:
                out.append("    ↳ ", style="dim")
                out.append(clean(other.comment, single_line=True), style="italic")
                out.append("\n")
        if not panel.view.others:
            out.append("  no other submitted review yet\n", style="dim")
    if is_chair:
        if panel.conflicts:
            out.append("Conflicts: ", style="bold")
            out.append("; ".join(f"{clean(c.member, single_line=True)} ({clean(c.reason, single_line=True)})"
                                 for c in panel.conflicts))
            out.append("\n")
        out.append("Decision: ", style="bold")
        out.append(DECISIONS.get(panel.decision, panel.decision))
        if panel.slot:
            out.append(f" · interview {panel.slot}")
        out.append("\n")
    if panel.locked:
        out.append("The ranking is locked: scores can no longer change.\n", style="italic yellow")
    elif not panel.can_score and not panel.conflict and panel.refusal:
        out.append(clean(panel.refusal, single_line=True) + "\n", style="italic yellow")
    out.rstrip()
    return out

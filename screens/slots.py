"""The chair sets a short-listed applicant's online interview slot: date, time, IANA time zone, length, link."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from jpo_tui.committee.aggregate import ApplicantAggregate
from jpo_tui.committee.decisions import parse_slot
from jpo_tui.services import workspace
from jpo_tui.services.committee import set_slot

from .base import jpo_app
from .forms import Field, FormDialog

if TYPE_CHECKING:
    from .ranking import RankingScreen


def _check(v: dict[str, str]) -> str | None:
    if not v["at"].strip():
        return None  # an empty date clears the slot
    try:
        parse_slot(v["at"], v["tz"].strip())
    except ValueError as exc:
        return str(exc)
    if not v["minutes"].strip().isdigit() or not 5 <= int(v["minutes"]) <= 480:
        return "An interview lasts between 5 and 480 minutes."
    return None


def ask_slot(screen: RankingScreen, row: ApplicantAggregate, current: str) -> None:
    """Ask the slot (prefilled with the current one, else the last zone used) and save it."""
    app = jpo_app(screen.app)
    parts = current.split(" ")  # "YYYY-MM-DD HH:MM Zone" or ""
    at, tz = (" ".join(parts[:2]), parts[2]) if len(parts) == 3 else ("", "")
    tz = tz or workspace.get_preference(workspace.INTERVIEW_ZONE) or "UTC"

    def save(v: dict[str, str] | None) -> None:
        if not v:
            return
        when = v["at"].strip() or None
        zone = v["tz"].strip()

        def done(_: object) -> None:
            screen.notify(f"{row.key}: " + (f"interview {when} {zone}" if when else "no interview slot"),
                          timeout=3, markup=False)
            screen.load()

        chosen = partial(set_slot, minutes=int(v["minutes"] or 30), url=v["url"].strip())
        app.call(chosen, app.engine, app.vacancy_id, app.who, row.key, when, zone, on_done=done)
        if when:
            workspace.put_preference(workspace.INTERVIEW_ZONE, zone)

    app.push_screen(FormDialog(
        f"Interview slot for {row.key}",
        [Field("at", "Date and time (YYYY-MM-DD HH:MM; empty clears the slot)", at, "2026-05-04 10:00"),
         Field("tz", "Time zone (IANA name)", tz, "Europe/Brussels"),
         Field("minutes", "Length in minutes", "30"),
         Field("url", "Video-call link (optional)")],
        check=_check), save)

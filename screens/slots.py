"""The chair sets a short-listed applicant's online interview slot: date, time, IANA time zone, length, link.

The zone defaults to the slot's own, else the duty station's (a city/country lookup in the domain), else the
last one used. The form asks the service before it closes: a time in the past, one that does not exist, or one
that overlaps another interview of the vacancy is said in the form, which fits an 80x24 terminal whole.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from jpo_tui.committee.aggregate import ApplicantAggregate
from jpo_tui.services import workspace
from jpo_tui.services.committee import set_slot, slot_problem

from .base import jpo_app
from .forms import Field, FormDialog

if TYPE_CHECKING:
    from .ranking import RankingScreen


def ask_slot(screen: RankingScreen, row: ApplicantAggregate, current: str, station_zone: str = "") -> None:
    """Ask the slot (prefilled with the current one, else the duty station's zone) and save it."""
    app = jpo_app(screen.app)
    parts = current.split(" ")  # "YYYY-MM-DD HH:MM Zone" or ""
    at, tz = (" ".join(parts[:2]), parts[2]) if len(parts) == 3 else ("", "")
    tz = tz or station_zone or workspace.get_preference(workspace.INTERVIEW_ZONE) or "UTC"

    def check(v: dict[str, str]) -> str | None:
        if not v["at"].strip():
            return None  # an empty date clears the slot
        if not v["minutes"].strip().isdigit():
            return "The length is a whole number of minutes (5 to 480)."
        return slot_problem(app.engine, app.vacancy_id or "", app.who, row.key, v["at"], v["tz"].strip(),
                            minutes=int(v["minutes"]), url=v["url"].strip()) or None

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

    station = f"the duty station's is {station_zone}" if station_zone else "the duty station's is not known"
    app.push_screen(FormDialog(
        f"Interview slot for {row.key}",
        [Field("at", "Date and time (YYYY-MM-DD HH:MM; empty clears the slot)", at, "2030-05-06 10:00"),
         Field("tz", f"Time zone (IANA name; {station})", tz, "Africa/Dakar"),
         Field("minutes", "Length in minutes", "30"),
         Field("url", "Video-call link (optional)")],
        check=check, compact=True), save)

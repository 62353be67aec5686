"""Turning submitted forms into the core's types; bad input is an InvalidInput naming the
form field, so the page can show the message beside it and keep what was typed."""

import re
from datetime import date
from typing import Any

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry, Reach, check_not_future
from sciatica_coach.progress.models import PAIN_ALLOWED

FLAGS = ("tingling", "numbness", "weakness")


def diary_values(form: Any) -> dict[str, str]:
    """What the person typed, as text, to show again in the form."""
    names = ("date", "leg_pain", "back_pain", "reaches", "note")
    values = {name: str(form.get(name) or "").strip() for name in names}
    for flag in FLAGS:
        values[flag] = "on" if form.get(flag) else ""
    return values


def _pain(values: dict[str, str], name: str) -> int:
    text = values[name]
    if not re.fullmatch(r"[0-9]{1,2}", text) or int(text) > 10:
        raise InvalidInput(name, text, PAIN_ALLOWED)
    return int(text)


def _day(text: str, today: date) -> date:
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("date", text, "a date like 2026-11-24") from None
    return check_not_future(day, today)


def _reaches(text: str) -> Reach | None:
    if not text:
        return None
    try:
        return Reach(text)
    except ValueError:
        allowed = "one of " + ", ".join(r.value for r in Reach)
        raise InvalidInput("reaches", text, allowed) from None


def entry_from_values(values: dict[str, str], today: date) -> DiaryEntry:
    note = values["note"]
    if len(note) > 2000:
        raise InvalidInput("note", note[:20] + "...", "at most 2000 characters")
    return DiaryEntry(
        day=_day(values["date"], today),
        leg_pain=_pain(values, "leg_pain"),
        back_pain=_pain(values, "back_pain"),
        tingling=bool(values["tingling"]),
        numbness=bool(values["numbness"]),
        weakness=bool(values["weakness"]),
        note=note,
        reaches=_reaches(values["reaches"]),
    )


def values_of(entry: DiaryEntry) -> dict[str, str]:
    """An entry as form values (to edit it)."""
    values = {
        "date": entry.day.isoformat(),
        "leg_pain": str(entry.leg_pain),
        "back_pain": str(entry.back_pain),
        "reaches": entry.reaches.value if entry.reaches else "",
        "note": entry.note,
    }
    for flag in FLAGS:
        values[flag] = "on" if getattr(entry, flag) else ""
    return values


MESSAGES = {
    "leg_pain": "Choose how bad the leg pain is, from 0 to 10.",
    "back_pain": "Choose how bad the back pain is, from 0 to 10.",
}


def message_for(exc: InvalidInput) -> str:
    return MESSAGES.get(exc.field, f"Use {exc.allowed}.")

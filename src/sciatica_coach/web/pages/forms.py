"""Turning submitted forms into the core's types; bad input is an InvalidInput naming the
form field, so the page can show the message beside it and keep what was typed."""

from datetime import date
from typing import Any

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry, InvalidEntry, read_entry

FLAGS = ("tingling", "numbness", "weakness")


def diary_values(form: Any) -> dict[str, str]:
    """What the person typed, as text, to show again in the form."""
    names = ("date", "leg_pain", "back_pain", "reaches", "note")
    values = {name: str(form.get(name) or "").strip() for name in names}
    for flag in FLAGS:
        values[flag] = "on" if form.get(flag) else ""
    return values


def entry_from_values(values: dict[str, str], today: date) -> DiaryEntry:
    """The entry; bad input is an InvalidEntry naming every bad field."""
    return read_entry(values, today)


def diary_check(values: dict[str, str], today: date) -> tuple[DiaryEntry | None, dict[str, str]]:
    """The entry, or every bad field at once, as {field: what to do, for people}."""
    try:
        return read_entry(values, today), {}
    except InvalidEntry as exc:
        return None, {p.field: message_for(p) for p in exc.problems}


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


def message_for(exc: InvalidInput) -> str:
    return f"Use {exc.allowed}."

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
    """The entry; the first bad field is an InvalidInput (`diary_check` finds them all)."""
    entry, problems = _diary_parts(values, today)
    if problems:
        raise problems[0]
    assert entry is not None
    return entry


def diary_check(values: dict[str, str], today: date) -> tuple[DiaryEntry | None, dict[str, str]]:
    """The entry, or every bad field at once, as {field: what to do, for people}."""
    entry, problems = _diary_parts(values, today)
    return entry, {exc.field: message_for(exc) for exc in problems}


def _diary_parts(
    values: dict[str, str], today: date
) -> tuple[DiaryEntry | None, list[InvalidInput]]:
    problems: list[InvalidInput] = []

    def parsed(parse: Any, *args: Any) -> Any:
        try:
            return parse(*args)
        except InvalidInput as exc:
            problems.append(exc)
            return None

    day = parsed(_day, values["date"], today)
    leg, back = parsed(_pain, values, "leg_pain"), parsed(_pain, values, "back_pain")
    reaches = parsed(_reaches, values["reaches"])
    note = values["note"]
    if len(note) > 2000:
        problems.append(InvalidInput("note", note[:20] + "...", "at most 2000 characters"))
    if problems:
        return None, problems
    entry = DiaryEntry(
        day=day,
        leg_pain=leg,
        back_pain=back,
        tingling=bool(values["tingling"]),
        numbness=bool(values["numbness"]),
        weakness=bool(values["weakness"]),
        note=note,
        reaches=reaches,
    )
    return entry, []


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
    "date": "Choose today or a day before it.",
    "leg_pain": "Choose how bad the leg pain is, from 0 to 10.",
    "back_pain": "Choose how bad the back pain is, from 0 to 10.",
    "reaches": "Choose how far down the pain reaches from the list.",
    "note": "Make the note 2000 characters or shorter.",
}


def message_for(exc: InvalidInput) -> str:
    return MESSAGES.get(exc.field, f"Use {exc.allowed}.")

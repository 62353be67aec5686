"""Reminders as an iCalendar file (RFC 5545, written with the icalendar library): a recurring
session with an alarm, and the four-week review as a one-off all-day event.

Times are floating (local wherever the calendar is), as an alarm clock's are. The UIDs come
from the person's key, so importing a newer file updates the events instead of adding copies."""

import re
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sciatica_coach.errors import InvalidInput

if TYPE_CHECKING:
    from icalendar import Alarm, Event

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_TIME = time(9, 0)
NAMESPACE = uuid.UUID("5c1a71ca-0001-4000-8000-000000000000")
SESSION_TEXT = "Sciatica Coach: today's session"
REVIEW_TEXT = "Review: better? keep going; not? see your doctor"
REVIEW_DESCRIPTION = (
    "Four weeks with the diary. The article: if you get better within a month, keep with "
    "the exercises. If you don't, see your doctor. Your progress page or report shows where "
    "you are."
)
SESSION_DESCRIPTION = (
    "Open Sciatica Coach and start today's session. "
    "Stop and withdraw whenever you feel pain (the article)."
)


def parse_time(text: str) -> time:
    """HH:MM (or H:MM), 24-hour clock."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if match is None:
        raise InvalidInput("--time", text, "a time as HH:MM, from 00:00 to 23:59")
    return time(int(match[1]), int(match[2]))


def parse_days(text: str) -> list[str]:
    """mon,tue,... or monday,tuesday,... (any case), in week order, each once."""
    words = [w.strip().lower() for w in text.split(",") if w.strip()]
    days = [DAYS[NAMES.index(w)] if w in NAMES else w for w in words]
    if not days or any(d not in DAYS for d in days):
        raise InvalidInput("--days", text, f"a comma-separated list of {','.join(DAYS)}")
    return sorted(set(days), key=DAYS.index)


def first_day(start: date, days: Sequence[str]) -> date:
    """The first chosen weekday on or after `start` (RFC 5545: DTSTART should be the first
    occurrence, or what calendars show is undefined)."""
    wanted = {DAYS.index(d) for d in days}
    week = [start + timedelta(n) for n in range(7)]
    return next(day for day in week if day.weekday() in wanted)


def _uid(key: str, kind: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, f'{key}/{kind}')}@sciatica-coach"


def reminders_ics(
    start: date,
    at: time,
    days: Sequence[str],
    review: date | None,
    minutes: int,
    now: datetime,
    key: str = "local",
) -> bytes:
    """Sessions at `at` on `days` (all seven: daily) from `start` on, each `minutes` long
    with an alarm when it begins; and, if given, the review on its date with an alarm at `at`."""
    from icalendar import Calendar

    if not days or any(d not in DAYS for d in days):
        raise InvalidInput("days", list(days), f"some of {','.join(DAYS)}")
    calendar = Calendar()
    calendar.add("prodid", "-//Sciatica Coach//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Sciatica Coach")
    calendar.add_component(_session(start, at, days, minutes, now, key))
    if review is not None:
        calendar.add_component(_review(review, at, now, key))
    return bytes(calendar.to_ical())


def _session(
    start: date, at: time, days: Sequence[str], minutes: int, now: datetime, key: str
) -> "Event":
    from icalendar import Event

    event = Event()
    event.add("uid", _uid(key, "session"))
    event.add("dtstamp", now)
    event.add("summary", SESSION_TEXT)
    event.add("description", SESSION_DESCRIPTION)
    event.add("dtstart", datetime.combine(first_day(start, days), at))
    event.add("duration", timedelta(minutes=minutes))
    daily = set(days) == set(DAYS)
    byday = [d[:2].upper() for d in DAYS if d in days]
    event.add("rrule", {"freq": "daily"} if daily else {"freq": "weekly", "byday": byday})
    event.add_component(_alarm("Time for your sciatica session", timedelta(0)))
    return event


def _review(review: date, at: time, now: datetime, key: str) -> "Event":
    from icalendar import Event

    event = Event()
    event.add("uid", _uid(key, "review"))
    event.add("dtstamp", now)
    event.add("summary", REVIEW_TEXT)
    event.add("description", REVIEW_DESCRIPTION)
    event.add("dtstart", review)
    event.add("dtend", review + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
    event.add_component(_alarm(REVIEW_TEXT, timedelta(hours=at.hour, minutes=at.minute)))
    return event


def _alarm(text: str, trigger: timedelta) -> "Alarm":
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm

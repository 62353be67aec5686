"""Reminders as an iCalendar file (RFC 5545): a recurring session with an alarm, and the
four-week review."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REVIEW_TEXT = "Review: better? keep going; not? see your doctor"
REVIEW_DESCRIPTION = (
    "The article: if you get better within a month, keep with the exercises. "
    "If you don't, see your doctor. Run `sciatica progress`."
)


def reminders_ics(
    start: date, at: time, days: Sequence[str], review: date | None, minutes: int, now: datetime
) -> bytes:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Sciatica Coach//EN")
    calendar.add("version", "2.0")
    session = Event()
    session.add("uid", f"session-{start.isoformat()}@sciatica-coach")
    session.add("dtstamp", now)
    session.add("summary", "Sciatica Coach: today's session")
    session.add("description", "Run `sciatica session` or open the web app. Stop when it hurts.")
    session.add("dtstart", datetime.combine(start, at))
    session.add("duration", timedelta(minutes=minutes))
    rule = (
        {"freq": "weekly", "byday": [d[:2].upper() for d in days]}
        if len(days) < 7
        else {"freq": "daily"}
    )
    session.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your sciatica session")
    alarm.add("trigger", timedelta(minutes=0))
    session.add_component(alarm)
    calendar.add_component(session)
    if review is not None:
        event = Event()
        event.add("uid", f"review-{review.isoformat()}@sciatica-coach")
        event.add("dtstamp", now)
        event.add("summary", REVIEW_TEXT)
        event.add("description", REVIEW_DESCRIPTION)
        event.add("dtstart", review)
        event.add("dtend", review + timedelta(days=1))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def parse_days(text: str) -> list[str]:
    from sciatica_coach.errors import InvalidInput

    days = [d.strip().lower()[:3] for d in text.split(",") if d.strip()]
    bad = [d for d in days if d not in DAYS]
    if not days or bad:
        raise InvalidInput("--days", text, f"a comma-separated list of {','.join(DAYS)}")
    return sorted(set(days), key=DAYS.index)

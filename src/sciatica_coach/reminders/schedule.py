"""Which reminder slots are due at a moment, from a person's choices: pure (the clock is an
argument), so the scheduler and the tests ask the same question.

A person chooses weekdays and a time of day in their own time zone. Each of their days has
up to two slots: `morning` at the chosen time (today's session, or on the four-week review
date the review), and `evening` (reminders.toml), a nudge when nothing is logged by then.
A slot is due from its moment until `late_minutes` after it: a server that was down longer
drops it rather than reminding someone hours late."""

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.ical import DAYS


class Slot(StrEnum):
    MORNING = "morning"  # at the chosen time
    EVENING = "evening"  # the nudge


class Message(StrEnum):
    SESSION = "session"
    REVIEW = "review"
    NUDGE = "nudge"
    NONE = "none"  # the slot came, and nothing was to be sent (the day was logged already)


@dataclass(frozen=True)
class Choice:
    """A person's reminders: on `days` (mon..sun) at `at` in `time_zone` (IANA)."""

    days: tuple[str, ...]
    at: time
    time_zone: str
    evening: bool = True
    review: bool = True


@dataclass(frozen=True)
class Times:
    evening: time
    nudge_gap: timedelta
    late: timedelta
    lease: timedelta


@dataclass(frozen=True)
class Wording:
    title: str
    body: str
    url: str
    ttl: timedelta


@dataclass(frozen=True)
class Due:
    slot: Slot
    day: date  # the person's own date
    at: datetime  # the moment it was due, in UTC


@cache
def _content() -> dict[str, Any]:
    text = (resources.files("sciatica_coach.reminders") / "reminders.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def times() -> Times:
    t = _content()["times"]
    return Times(
        evening=time.fromisoformat(t["evening"]),
        nudge_gap=timedelta(minutes=t["nudge_gap_minutes"]),
        late=timedelta(minutes=t["late_minutes"]),
        lease=timedelta(minutes=t["lease_minutes"]),
    )


@cache
def wording(message: Message) -> Wording:
    m = _content()["messages"][message.value]
    return Wording(m["title"], m["body"], m["url"], timedelta(hours=m["ttl_hours"]))


def zone(name: str) -> ZoneInfo:
    """An IANA time zone by name (`Europe/London`); bad input on `time_zone` otherwise."""
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", name or "") or len(name) > 64:
        raise InvalidInput("time_zone", name, "a time zone name such as Europe/London")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput("time_zone", name, "a time zone name such as Europe/London") from None


@cache
def zone_names() -> tuple[str, ...]:
    """Every time zone name this machine knows, sorted (for the page's list)."""
    skip = ("Etc/", "SystemV/", "US/", "posix/", "right/")
    places = sorted(n for n in available_timezones() if "/" in n and not n.startswith(skip))
    return (*places, "UTC")


def nudge_time(choice: Choice, rules: Times | None = None) -> time | None:
    """When the evening nudge comes, or None: it is off, or the reminder itself comes too
    close to the evening for a second one to make sense."""
    rules = rules or times()
    if not choice.evening:
        return None
    chosen = datetime.combine(date.min, choice.at)
    evening = datetime.combine(date.min, rules.evening)
    return rules.evening if chosen + rules.nudge_gap <= evening else None


def moment(day: date, at: time, where: ZoneInfo) -> datetime:
    """The UTC moment of a local date and time. A time skipped by a clock change (02:30 on
    the spring-forward night) counts as the same time on the old offset, an hour later by
    the clock; a repeated one is its first occurrence."""
    return datetime.combine(day, at, tzinfo=where).astimezone(UTC)


def due(choice: Choice, now: datetime, rules: Times | None = None) -> list[Due]:
    """The slots due at `now`: come, and not more than `late` ago. Yesterday's too (a late
    reminder at 23:30 is still due after midnight). The morning slot comes on the chosen
    days, and on every day while the review reminder is on (only the review date sends)."""
    rules = rules or times()
    where = zone(choice.time_zone)
    today = now.astimezone(where).date()
    found = []
    for day in (today - timedelta(days=1), today):
        chosen = DAYS[day.weekday()] in choice.days
        slots: list[tuple[Slot, time]] = []
        if chosen or choice.review:
            slots.append((Slot.MORNING, choice.at))
        evening = nudge_time(choice, rules)
        if chosen and evening is not None:
            slots.append((Slot.EVENING, evening))
        for slot, at in slots:
            when = moment(day, at, where)
            if when <= now < when + rules.late:
                found.append(Due(slot, day, when))
    return found


def message_for(
    choice: Choice, slot: Slot, day: date, review_day: date | None, logged: bool
) -> Message:
    """What a due slot sends: on the review date the morning reminder is the review's; on
    another chosen day, the session's; the evening nudge only when nothing is logged."""
    if slot is Slot.EVENING:
        return Message.NONE if logged else Message.NUDGE
    if choice.review and review_day == day:
        return Message.REVIEW
    return Message.SESSION if DAYS[day.weekday()] in choice.days else Message.NONE


def parse_days(values: Sequence[str]) -> tuple[str, ...]:
    """mon..sun, each once, in week order; at least one."""
    if not values or any(v not in DAYS for v in values) or len(set(values)) != len(values):
        raise InvalidInput("days", list(values), f"one or more of {', '.join(DAYS)}, each once")
    return tuple(d for d in DAYS if d in values)


DEFAULT_AT = time(9, 0)


def make_choice(
    days: Sequence[str], at: str, time_zone: str, evening: bool = True, review: bool = True
) -> Choice:
    """A choice from what a person typed: bad input on `days`, `time` or `time_zone`."""
    from sciatica_coach.interop.ical import parse_time

    try:
        when = parse_time(at)
    except InvalidInput:
        raise InvalidInput("time", at, "a time as HH:MM, from 00:00 to 23:59") from None
    zone(time_zone)
    return Choice(parse_days(days), when, time_zone, evening, review)


def default_choice(time_zone: str | None) -> Choice:
    """Every day at 09:00 in the browser's time zone (UTC when it named none we know)."""
    try:
        zone(time_zone or "")
        name = str(time_zone)
    except InvalidInput:
        name = "UTC"
    return Choice(DAYS, DEFAULT_AT, name)

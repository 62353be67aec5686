"""The reminders file, parsed back by icalendar and expanded by recurring-ical-events."""

from datetime import date, datetime, time, timedelta
from typing import Any

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.ical import (
    DAYS,
    REVIEW_TEXT,
    SESSION_TEXT,
    parse_days,
    parse_time,
    reminders_ics,
)
from tests.core.export_data import NOW
from tests.examples import examples

MONDAY = date(2026, 11, 23)


def sessions_between(ics: bytes, first: date, days: int) -> list[datetime]:
    calendar = icalendar.Calendar.from_ical(ics)
    found = recurring_ical_events.of(calendar).between(first, first + timedelta(days))
    return sorted(e["DTSTART"].dt for e in found if str(e["SUMMARY"]) == SESSION_TEXT)


def events(ics: bytes) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def test_sessions_on_the_chosen_days_at_the_chosen_time() -> None:
    ics = reminders_ics(MONDAY, time(8, 30), ["mon", "wed"], date(2026, 12, 21), 15, NOW)
    assert sessions_between(ics, MONDAY, 14) == [
        datetime(2026, 11, d, 8, 30) for d in (23, 25, 30)
    ] + [datetime(2026, 12, 2, 8, 30)]
    session = events(ics)[SESSION_TEXT]
    assert session["RRULE"]["FREQ"] == ["WEEKLY"] and session["RRULE"]["BYDAY"] == ["MO", "WE"]
    assert session["DURATION"].dt == timedelta(minutes=15)
    (alarm,) = session.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == timedelta(0)


def test_every_day_is_a_daily_rule() -> None:
    ics = reminders_ics(MONDAY, time(9), parse_days("mon,tue,wed,thu,fri,sat,sun"), None, 20, NOW)
    assert events(ics)[SESSION_TEXT]["RRULE"]["FREQ"] == ["DAILY"]
    assert sessions_between(ics, MONDAY, 7) == [
        datetime.combine(MONDAY + timedelta(n), time(9)) for n in range(7)
    ]
    assert REVIEW_TEXT not in events(ics)


def test_a_start_off_the_chosen_days_begins_on_the_next_chosen_day() -> None:
    tuesday = MONDAY + timedelta(1)
    ics = reminders_ics(tuesday, time(7), ["mon", "wed"], None, 10, NOW)
    assert events(ics)[SESSION_TEXT]["DTSTART"].dt == datetime(2026, 11, 25, 7)
    assert sessions_between(ics, tuesday, 7)[0].date() == date(2026, 11, 25)


def test_the_review_is_an_all_day_event_with_an_alarm_at_the_session_time() -> None:
    review = date(2026, 12, 21)
    ics = reminders_ics(MONDAY, time(8, 30), ["fri"], review, 15, NOW)
    event = events(ics)[REVIEW_TEXT]
    assert event["DTSTART"].dt == review and event["DTEND"].dt == review + timedelta(1)
    assert "see your doctor" in str(event["DESCRIPTION"])
    (alarm,) = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(hours=8, minutes=30)
    assert "RRULE" not in event


def test_uids_are_the_persons_so_a_newer_file_updates_the_events() -> None:
    def uids(ics: bytes) -> list[str]:
        return sorted(str(e["UID"]) for e in events(ics).values())

    first = reminders_ics(MONDAY, time(8), ["mon"], date(2026, 12, 21), 15, NOW, key="a")
    later = reminders_ics(
        MONDAY + timedelta(9), time(18), ["tue"], date(2026, 12, 30), 20, NOW + timedelta(9), "a"
    )
    other = reminders_ics(MONDAY, time(8), ["mon"], date(2026, 12, 21), 15, NOW, key="b")
    assert uids(first) == uids(later)
    assert not set(uids(first)) & set(uids(other))


@settings(max_examples=examples(60), deadline=None)
@given(
    st.dates(date(2026, 1, 1), date(2030, 12, 31)),
    st.sets(st.sampled_from(DAYS), min_size=1),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_four_weeks_expand_to_exactly_the_chosen_weekdays(
    start: date, days: set[str], at: time
) -> None:
    ics = reminders_ics(start, at, sorted(days, key=DAYS.index), None, 15, NOW)
    expected = [
        datetime.combine(start + timedelta(n), at)
        for n in range(28)
        if DAYS[(start + timedelta(n)).weekday()] in days
    ]
    assert sessions_between(ics, start, 28) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:45", time(7, 45)), ("7:05", time(7, 5)), ("23:59", time(23, 59)), (" 00:00", time(0))],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "7", "0745", "07:45:00", "7.45", "07:60", "", "T07:45"])
def test_bad_times_are_named(text: str) -> None:
    with pytest.raises(InvalidInput, match="--time"):
        parse_time(text)


def test_days_in_week_order_once_each() -> None:
    assert parse_days("Fri, monday,MON") == ["mon", "fri"]


@pytest.mark.parametrize("text", ["mon,funday", "", ",", "monkey", "mo"])
def test_bad_days_are_named(text: str) -> None:
    with pytest.raises(InvalidInput, match="--days"):
        parse_days(text)

"""Which reminder slots are due at a moment (pure): the person's own time zone and date,
clock changes, the two hours a slot stays due, and when the evening nudge makes sense."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.reminders.schedule import (
    Choice,
    Message,
    Slot,
    default_choice,
    due,
    make_choice,
    message_for,
    nudge_time,
    times,
)

EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _slots(choice: Choice, moment: datetime) -> list[tuple[Slot, date, datetime]]:
    return [(d.slot, d.day, d.at) for d in due(choice, moment)]


def test_due_from_the_chosen_moment_for_two_hours_in_the_persons_zone() -> None:
    choice = Choice(("tue",), time(8, 30), "Asia/Kolkata", evening=False, review=False)
    at = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 08:30 in India (UTC+5:30)
    assert _slots(choice, at - timedelta(seconds=1)) == []
    assert _slots(choice, at) == [(Slot.MORNING, date(2026, 11, 24), at)]
    assert _slots(choice, at + times().late - timedelta(seconds=1)) != []
    assert _slots(choice, at + times().late) == []
    assert _slots(choice, at + timedelta(days=1)) == []  # Wednesday


def test_a_late_evening_reminder_is_still_due_after_midnight() -> None:
    choice = Choice(("mon",), time(23, 30), "Europe/London", evening=False, review=False)
    after_midnight = datetime(2026, 11, 24, 0, 15, tzinfo=UTC)  # Tuesday 00:15 in London
    assert _slots(choice, after_midnight) == [
        (Slot.MORNING, date(2026, 11, 23), datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    ]


def test_clock_changes_move_the_utc_moment_not_the_local_time() -> None:
    choice = Choice(EVERY_DAY, time(8, 0), "Europe/Berlin", evening=False, review=False)
    summer = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)  # 08:00 CEST, the day after the change
    winter = datetime(2026, 3, 28, 7, 0, tzinfo=UTC)  # 08:00 CET, the day before
    assert [s for s, *_ in _slots(choice, summer)] == [Slot.MORNING]
    assert [s for s, *_ in _slots(choice, winter)] == [Slot.MORNING]
    # 02:30 does not exist on the spring-forward night: it comes at 03:30 by the clock
    night = Choice(EVERY_DAY, time(2, 30), "Europe/Berlin", evening=False, review=False)
    [(_, day, at)] = _slots(night, datetime(2026, 3, 29, 1, 45, tzinfo=UTC))
    assert day == date(2026, 3, 29) and at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_nudge_comes_at_evening_only_when_the_reminder_is_early_enough() -> None:
    early = Choice(EVERY_DAY, time(17, 0), "UTC")
    late = Choice(EVERY_DAY, time(17, 1), "UTC")
    assert nudge_time(early) == times().evening
    assert nudge_time(late) is None
    assert nudge_time(Choice(EVERY_DAY, time(8, 0), "UTC", evening=False)) is None
    evening = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
    assert [s for s, *_ in _slots(early, evening)] == [Slot.EVENING]


def test_the_morning_slot_comes_every_day_while_the_review_reminder_is_on() -> None:
    choice = Choice(("mon",), time(9, 0), "UTC", evening=True, review=True)
    tuesday = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert [s for s, *_ in _slots(choice, tuesday)] == [Slot.MORNING]
    assert message_for(choice, Slot.MORNING, date(2026, 11, 24), None, False) is Message.NONE
    review = date(2026, 11, 24)
    assert message_for(choice, Slot.MORNING, review, review, False) is Message.REVIEW
    monday = date(2026, 11, 23)
    assert message_for(choice, Slot.MORNING, monday, review, False) is Message.SESSION
    assert message_for(choice, Slot.EVENING, monday, review, True) is Message.NONE
    assert message_for(choice, Slot.EVENING, monday, review, False) is Message.NUDGE


def test_a_choice_from_what_a_person_typed() -> None:
    choice = make_choice(["fri", "mon"], "7:05", "America/Sao_Paulo", evening=False)
    assert (choice.days, choice.at, choice.evening) == (("mon", "fri"), time(7, 5), False)
    for days, at, zone, field in (
        ([], "07:05", "UTC", "days"),
        (["mon"], "7.05", "UTC", "time"),
        (["mon"], "07:05", "Europe/Atlantis", "time_zone"),
        (["mon"], "07:05", "", "time_zone"),
    ):
        with pytest.raises(InvalidInput) as bad:
            make_choice(days, at, zone)
        assert bad.value.field == field
    assert default_choice("Nowhere/Else").time_zone == "UTC"
    assert default_choice("Pacific/Auckland").days == EVERY_DAY

from datetime import date

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry, check_not_future


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "5.0", "+5", " ", None])
def test_pain_outside_0_to_10_is_refused_naming_the_field(bad: object) -> None:
    with pytest.raises(InvalidInput, match=r"^leg_pain: .* a whole number from 0"):
        DiaryEntry(date(2026, 1, 1), bad, 0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^back_pain: "):
        DiaryEntry(date(2026, 1, 1), 0, bad)  # type: ignore[arg-type]


def test_score_is_the_worse_of_leg_and_back() -> None:
    assert DiaryEntry(date(2026, 1, 1), 3, 8).score == 8
    assert DiaryEntry(date(2026, 1, 1), 10, 0).score == 10


def test_no_entry_for_tomorrow() -> None:
    today = date(2026, 11, 24)
    assert check_not_future(today, today) == today
    with pytest.raises(InvalidInput, match="date: '2026-11-25'"):
        check_not_future(date(2026, 11, 25), today)


def test_pain_typed_as_text_is_read_as_its_number() -> None:
    """A form, a CSV cell and a command-line option give text: the same rule reads it."""
    assert DiaryEntry(date(2026, 1, 1), "5", " 10 ").leg_pain == 5

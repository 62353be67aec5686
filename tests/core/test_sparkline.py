from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.sparkline import BARS, bar, sparkline

LAST = date(2026, 11, 24)


def test_one_character_per_day_missing_days_dotted_sessions_marked() -> None:
    entries = [DiaryEntry(LAST - timedelta(3), 3, 0), DiaryEntry(LAST - timedelta(1), 10, 0),
               DiaryEntry(LAST, 0, 5)]  # fmt: skip
    line = sparkline(entries, {LAST - timedelta(2), LAST}, LAST, days=4)
    assert (line.first, line.last) == (LAST - timedelta(3), LAST)
    assert line.bars == "▃·█▅"
    assert line.marks == " ● ●"


def test_days_before_the_first_entry_are_not_shown_as_missing() -> None:
    line = sparkline([DiaryEntry(LAST - timedelta(2), 5, 5)], {LAST - timedelta(5)}, LAST)
    assert line.first == LAST - timedelta(2)
    assert line.bars == "▅··" and line.marks == ""


def test_only_the_last_days_and_nothing_after_last() -> None:
    entries = [DiaryEntry(LAST - timedelta(n), 4, 4) for n in range(-3, 60)]
    line = sparkline(entries, set(), LAST, days=42)
    assert len(line.bars) == 42 and line.first == LAST - timedelta(41)


def test_an_empty_diary_gives_empty_lines() -> None:
    line = sparkline([], {LAST}, LAST)
    assert (line.bars, line.marks) == ("", "")


def test_zero_pain_still_shows_a_bar_and_heights_grow_with_pain() -> None:
    assert bar(0) == "▁" and bar(10) == "█"
    heights = [BARS.index(bar(s)) for s in range(11)]
    assert heights == sorted(heights) and len(set(heights)) == len(BARS)


@given(st.dictionaries(st.integers(0, 100), st.integers(0, 10), min_size=1), st.integers(1, 60))
def test_bars_and_marks_line_up_day_by_day(scores: dict[int, int], days: int) -> None:
    entries = [DiaryEntry(LAST - timedelta(n), s, 0) for n, s in scores.items()]
    sessions = {LAST - timedelta(n) for n in scores if n % 2}
    line = sparkline(entries, sessions, LAST, days)
    assert len(line.bars) == (LAST - line.first).days + 1 <= days
    for offset, char in enumerate(line.bars):
        n = (LAST - line.first).days - offset
        assert char == (bar(scores[n]) if n in scores else "·")
        assert (line.marks.ljust(len(line.bars))[offset] == "●") == (n in scores and n % 2 == 1)

from datetime import date, timedelta

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.sparkline import sparkline

LAST = date(2026, 11, 24)


def test_one_character_per_day_missing_days_dotted_sessions_marked() -> None:
    entries = [DiaryEntry(LAST - timedelta(2), 10, 0), DiaryEntry(LAST, 0, 5)]
    bars, marks = sparkline(entries, {LAST - timedelta(1), LAST}, LAST, days=4)
    assert bars == "·█·▄"
    assert marks == "  ●●"


def test_zero_pain_still_shows_a_bar_and_heights_grow_with_pain() -> None:
    entries = [DiaryEntry(LAST - timedelta(n), 10 - n, 0) for n in range(11)]
    bars, _ = sparkline(entries, set(), LAST, days=11)
    assert bars[0] == "▁" and bars[-1] == "█"
    assert list(bars) == sorted(bars, key=" ▁▂▃▄▅▆▇█".index)

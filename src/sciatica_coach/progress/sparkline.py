"""A compact terminal chart of the daily score, with session days marked."""

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from sciatica_coach.progress.models import DiaryEntry

BARS = " ▁▂▃▄▅▆▇█"  # 0 .. 10 maps onto nine heights; a day with no entry is a space
SESSION_MARK = "●"


def sparkline(
    entries: Sequence[DiaryEntry], session_days: Collection[date], last: date, days: int = 42
) -> tuple[str, str]:
    """Two aligned lines for the `days` ending on `last`: the score bars and the session marks."""
    scores = {e.day: e.score for e in entries}
    bars, marks = [], []
    for offset in range(days - 1, -1, -1):
        day = last - timedelta(days=offset)
        score = scores.get(day)
        bars.append("·" if score is None else BARS[max(1, round(score / 10 * (len(BARS) - 1)))])
        marks.append(SESSION_MARK if day in session_days else " ")
    return "".join(bars), "".join(marks).rstrip()

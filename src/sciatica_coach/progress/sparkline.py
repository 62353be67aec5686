"""A compact terminal chart of the daily score, with session days marked."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.progress.models import DiaryEntry

BARS = "▁▂▃▄▅▆▇█"  # scores 0 .. 10 onto eight heights
NOT_LOGGED = "·"
SESSION_MARK = "●"


@dataclass(frozen=True)
class Sparkline:
    """One character per day from `first` to `last`: the bars, and under them the marks."""

    first: date
    last: date
    bars: str
    marks: str  # SESSION_MARK under each session day; trailing blanks stripped


def sparkline(
    entries: Sequence[DiaryEntry], session_days: Collection[date], last: date, days: int = 42
) -> Sparkline:
    """The `days` ending on `last`, starting no earlier than the first entry: the days before
    the diary began are not "not logged". An empty diary gives empty lines."""
    scores = {e.day: e.score for e in entries if e.day <= last}
    start = last - timedelta(days=days - 1)
    if scores:
        start = max(start, min(scores))
    shown = [start + timedelta(n) for n in range((last - start).days + 1)] if scores else []
    bars = "".join(NOT_LOGGED if d not in scores else bar(scores[d]) for d in shown)
    marks = "".join(SESSION_MARK if d in session_days else " " for d in shown)
    return Sparkline(start, last, bars, marks.rstrip())


def bar(score: int) -> str:
    """0 is the lowest bar (a day logged without pain still shows), 10 the full one."""
    return BARS[round(score / 10 * (len(BARS) - 1))]

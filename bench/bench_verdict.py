"""The four-week verdict in memory for a clinic: N people with a year of daily entries each,
at several sizes to show how the cost grows (the database part is bench_verdicts)."""

import random
import time
from datetime import date, timedelta

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import (
    Assessment,
    assess,
    assess_many,
    decide,
    windows_from_entries,
)

SIZES = (1_000, 3_000, 10_000)
DAYS = 365
AS_OF = date(2026, 6, 30)
DATES = [AS_OF - timedelta(days=DAYS - 1 - n) for n in range(DAYS)]


def _diary(rng: random.Random, uid: int) -> tuple[list[DiaryEntry], set[date]]:
    """A year of daily pain, improving, flat or worsening; some report weakness at the end."""
    level, slope = rng.randint(3, 9), rng.choice((-1, -1, 0, 1))
    weak_from = DAYS - 3 if uid % 17 == 0 else DAYS
    entries = []
    for n, day in enumerate(DATES):
        leg = max(0, min(10, level + slope * n // 60 + rng.randint(-1, 1)))
        entries.append(DiaryEntry(day, leg, max(0, leg - 2), weakness=n >= weak_from))
    return entries, set(DATES[:: rng.randint(1, 7)])


def _timed(diaries: dict[int, list[DiaryEntry]], sessions: dict[int, set[date]]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        verdicts = assess_many(diaries, sessions, AS_OF)
        best = min(best, time.perf_counter() - start)
    assert len(verdicts) == len(diaries)
    return best


def _counts(verdicts: dict[int, Assessment]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in verdicts.values():
        counts[a.verdict.value] = counts.get(a.verdict.value, 0) + 1
    return counts


def main() -> None:
    rng = random.Random(1)
    start = time.perf_counter()
    made = [_diary(rng, uid) for uid in range(max(SIZES))]
    print(f"{max(SIZES)} diaries x {DAYS} entries built in {time.perf_counter() - start:.1f} s")
    for size in SIZES:
        diaries = {uid: made[uid][0] for uid in range(size)}
        sessions = {uid: made[uid][1] for uid in range(size)}
        best = _timed(diaries, sessions)
        print(
            f"assess_many, in memory: {size:>6} users x {DAYS} entries in {best * 1000:6.0f} ms"
            f"  ({best / size * 1e6:.1f} us/user)",
            flush=True,
        )
    print(f"verdicts: {_counts(assess_many(diaries, sessions, AS_OF))}")
    windows = [windows_from_entries(e, s, AS_OF) for e, s in made]
    start = time.perf_counter()
    for w in windows:
        assert w is not None
        decide(w, AS_OF)
    elapsed = time.perf_counter() - start
    print(f"decide alone on {len(windows)} people's windows (the rule after the sums): "
          f"{elapsed * 1000:.0f} ms")  # fmt: skip
    one, days = made[0]
    runs = 2000
    start = time.perf_counter()
    for _ in range(runs):
        assess(one, days, AS_OF)
    print(
        f"assess, one diary of {DAYS} entries: {(time.perf_counter() - start) / runs * 1e6:.0f} us"
    )

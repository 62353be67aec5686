"""Attempts (sign-ins, link codes, registrations) counted in the database, so every worker
sees the same counts, and counted *before* the expensive or secret check: `claim` locks the
keys' rows, lets a policy decide on the counts, and charges the attempt in the same
transaction. Concurrent guesses therefore queue on the rows instead of all reading the same
old count (the race that let 40 guesses through a limit of 5)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sciatica_coach.store.convert import to_utc
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import AttemptCounter


@dataclass(frozen=True)
class Count:
    """One key's attempts in its current window (a window that has run out counts 0)."""

    count: int
    window_start: datetime
    last_at: datetime | None


Decide = Callable[[Mapping[str, Count]], float | None]


def claim(
    store: Store, windows: Mapping[str, timedelta], now: datetime, decide: Decide
) -> float | None:
    """Lock the rows of `windows`' keys (each with its window's length), ask `decide` with
    their counts, and when it says None (go ahead) add one attempt to each; otherwise return
    how many seconds to wait, charging nothing."""
    now = to_utc(now)
    keys = sorted(windows)  # one lock order for every request: no deadlock
    insert = pg_insert if store.engine.dialect.name == "postgresql" else sqlite_insert
    with store.transaction() as s:
        for key in keys:
            s.execute(
                insert(AttemptCounter)
                .values(key=key, count=0, window_start=now, last_at=now)
                .on_conflict_do_nothing(index_elements=["key"])
            )
        rows = s.scalars(
            select(AttemptCounter)
            .where(AttemptCounter.key.in_(keys))
            .order_by(AttemptCounter.key)
            .with_for_update()
        ).all()
        counts = {}
        for row in rows:
            if to_utc(row.window_start) + windows[row.key] <= now:  # a new window
                row.count, row.window_start = 0, now
            counts[row.key] = Count(
                row.count, to_utc(row.window_start), to_utc(row.last_at) if row.count else None
            )
        wait = decide(counts)
        if wait is None:
            for row in rows:
                row.count += 1
                row.last_at = now
        return wait


def refund(store: Store, keys: Sequence[str]) -> None:
    """Take one attempt back (it was not a wrong guess, or it was never checked)."""
    with store.transaction() as s:
        s.execute(
            update(AttemptCounter)
            .where(AttemptCounter.key.in_(keys), AttemptCounter.count > 0)
            .values(count=AttemptCounter.count - 1)
        )


def forget(store: Store, keys: Sequence[str]) -> None:
    """Clear keys' counts (after a good sign-in)."""
    with store.transaction() as s:
        s.execute(delete(AttemptCounter).where(AttemptCounter.key.in_(keys)))


def prune(store: Store, before: datetime) -> None:
    """Drop counters untouched since `before` (longer ago than any window)."""
    with store.transaction() as s:
        s.execute(delete(AttemptCounter).where(AttemptCounter.last_at < to_utc(before)))

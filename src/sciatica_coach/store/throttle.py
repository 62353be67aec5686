"""Failed sign-ins counted in the database, so every worker sees the same counts."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select

from sciatica_coach.store.convert import to_utc
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import LoginFailure


def failures_since(store: Store, key: str, since: datetime) -> int:
    with store.reading() as s:
        query = select(func.count()).where(
            LoginFailure.key == key, LoginFailure.at >= to_utc(since)
        )
        return int(s.scalar(query) or 0)


def record_failure(store: Store, keys: Sequence[str], now: datetime) -> None:
    with store.transaction() as s:
        s.add_all(LoginFailure(key=key, at=to_utc(now)) for key in keys)


def forget(store: Store, key: str) -> None:
    """Clear a key's failures (after a good sign-in)."""
    with store.transaction() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.key == key))


def prune(store: Store, before: datetime) -> None:
    """Drop failures too old to count any more."""
    with store.transaction() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.at < to_utc(before)))

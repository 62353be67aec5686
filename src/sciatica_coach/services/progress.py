"""One person's progress: the diary, session days and the verdict, gathered from the store."""

from dataclasses import dataclass
from datetime import date

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.models import check_as_of
from sciatica_coach.progress.reach import ReachTrend, reach_trend
from sciatica_coach.progress.verdict import Assessment, assess
from sciatica_coach.session import SessionRecord
from sciatica_coach.store import Store
from sciatica_coach.store.windows import progress_of_one


@dataclass(frozen=True)
class Progress:
    entries: list[DiaryEntry]
    sessions: list[SessionRecord]
    session_days: set[date]
    assessment: Assessment | None
    reach: ReachTrend | None


def session_days(sessions: list[SessionRecord]) -> set[date]:
    """Days with at least one completed technique."""
    return {s.day for s in sessions if s.completed}


def verdict_of(
    store: Store, user_id: int, as_of: date
) -> tuple[Assessment | None, ReachTrend | None]:
    """`progress_of`'s verdict and reach alone, by a few index seeks instead of reading the
    whole diary and every session (store/windows.py `progress_of_one`)."""
    check_as_of(as_of)
    with store.looking() as connection:
        return progress_of_one(connection, user_id, as_of)


def progress_of(store: Store, user_id: int, as_of: date) -> Progress:
    check_as_of(as_of)
    entries = store.entries(user_id, end=as_of)
    sessions = store.sessions(user_id, end=as_of)
    days = session_days(sessions)
    return Progress(
        entries, sessions, days, assess(entries, days, as_of), reach_trend(entries, as_of)
    )

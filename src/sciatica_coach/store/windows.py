"""The four-week rule's windows for many people at once, summed by the database.

The clinician dashboard needs verdicts for thousands of patients; fetching a year of diary
per patient would move millions of rows. Here one GROUP BY query sums each person's windows
and the core's `decide` runs on those few numbers (the same rule as for one diary)."""

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, exists, func, select
from sqlalchemy.orm import Session

from sciatica_coach.progress.verdict import WINDOW_DAYS, Window, Windows
from sciatica_coach.store.tables import EntryRow, SessionItemRow, SessionRow

SPAN = WINDOW_DAYS - 1


def _plus_days(dialect: str, column: Any, days: int) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return func.date(column, f"{days:+d} days")
    return column + days  # type: ignore[no-any-return]


def windows_for(
    session: Session, as_of: date, user_ids: Collection[int] | None = None
) -> dict[int, Windows]:
    dialect = session.get_bind().dialect.name
    scope = [EntryRow.day <= as_of]
    if user_ids is not None:
        scope.append(EntryRow.user_id.in_(list(user_ids)))
    bounds = (
        select(
            EntryRow.user_id,
            func.min(EntryRow.day).label("start"),
            func.max(EntryRow.day).label("latest"),
        )
        .where(*scope)
        .group_by(EntryRow.user_id)
        .subquery()
    )
    score = case(
        (EntryRow.leg_pain >= EntryRow.back_pain, EntryRow.leg_pain), else_=EntryRow.back_pain
    )
    windows = {
        "baseline": EntryRow.day <= _plus_days(dialect, bounds.c.start, SPAN),
        "current": EntryRow.day >= as_of - timedelta(days=SPAN),
        "fallback": EntryRow.day >= _plus_days(dialect, bounds.c.latest, -SPAN),
    }
    sums = []
    for name, inside in windows.items():
        sums += [
            func.sum(case((inside, score), else_=0)).label(f"{name}_total"),
            func.count(case((inside, 1))).label(f"{name}_count"),
            func.max(case((and_(inside, EntryRow.weakness), 1), else_=0)).label(f"{name}_weak"),
        ]
    query = (
        select(bounds.c.user_id, bounds.c.start, bounds.c.latest, *sums)
        .join(EntryRow, and_(EntryRow.user_id == bounds.c.user_id, *scope))
        .group_by(bounds.c.user_id, bounds.c.start, bounds.c.latest)
    )
    session_days = _session_days(session, bounds, as_of)
    result = {}
    for row in session.execute(query).mappings():
        parts = {
            name: Window(
                int(row[f"{name}_total"]), int(row[f"{name}_count"]), bool(row[f"{name}_weak"])
            )
            for name in windows
        }
        result[row["user_id"]] = Windows(
            start=row["start"],
            latest=row["latest"],
            session_days=session_days.get(row["user_id"], 0),
            **parts,
        )
    return result


def _session_days(session: Session, bounds: Any, as_of: date) -> dict[int, int]:
    """Days from each person's start to as-of with at least one completed technique."""
    completed = exists().where(SessionItemRow.session_id == SessionRow.id)
    query = (
        select(SessionRow.user_id, func.count(distinct(SessionRow.day)))
        .join(bounds, bounds.c.user_id == SessionRow.user_id)
        .where(SessionRow.day >= bounds.c.start, SessionRow.day <= as_of, completed)
        .group_by(SessionRow.user_id)
    )
    return {user_id: int(n) for user_id, n in session.execute(query)}

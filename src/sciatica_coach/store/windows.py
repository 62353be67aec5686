"""The four-week rule's windows for many people at once, summed by the database.

The clinician dashboard needs verdicts for thousands of patients; fetching a year of diary
per patient would move millions of rows. Here the database sums each person's windows and
the core's `decide` runs on those few numbers (the same rule as for one diary in memory).

Both read only each person's first week, the week ending on the four-week review and their
last weeks through the (user_id, day) index: PostgreSQL with LATERAL joins; SQLite, which has
no LATERAL, with correlated MIN and MAX seeks in a materialized CTE, then those rows' ranges."""

from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, distinct, exists, func, literal, or_, select, true
from sqlalchemy.orm import Session

from sciatica_coach.progress.models import DiaryEntry
from sciatica_coach.progress.verdict import (
    REVIEW_AFTER_DAYS,
    WINDOW_DAYS,
    Window,
    Windows,
    review_window,
    windows_from_entries,
)
from sciatica_coach.store.tables import EntryRow, SessionItemRow, SessionRow, User

SPAN = WINDOW_DAYS - 1
REVIEW_FIRST, REVIEW_LAST = REVIEW_AFTER_DAYS - SPAN, REVIEW_AFTER_DAYS  # days after the start
WINDOWS = ("baseline", "current", "fallback", "review")
SCORE = case((EntryRow.leg_pain >= EntryRow.back_pain, EntryRow.leg_pain), else_=EntryRow.back_pain)


def windows_for(
    session: Session, as_of: date, user_ids: Collection[int] | None = None
) -> dict[int, Windows]:
    if session.get_bind().dialect.name == "postgresql":
        query = _lateral_sums(as_of, user_ids)
    else:
        query = _grouped_sums(as_of, user_ids)
    result = {}
    for row in session.execute(query).mappings():
        parts = {name: _window(row, name) for name in WINDOWS}
        result[row["user_id"]] = Windows(
            start=row["start"], latest=row["latest"], session_days=row["session_days"],
            **parts,
        )  # fmt: skip
    return result


def _window(row: Any, name: str) -> Window:
    return Window(
        int(row[f"{name}_total"] or 0), int(row[f"{name}_count"]), bool(row[f"{name}_weak"])
    )


def _sums(first_week_end: Any, latest: Any, as_of: date, review: tuple[Any, Any]) -> list[Any]:
    inside = {
        "baseline": EntryRow.day <= first_week_end,
        "current": EntryRow.day >= as_of - timedelta(days=SPAN),
        "fallback": EntryRow.day >= latest,
        "review": EntryRow.day.between(*review),
    }
    columns = []
    for name in WINDOWS:
        columns += [
            func.sum(case((inside[name], SCORE), else_=0)).label(f"{name}_total"),
            func.count(case((inside[name], 1))).label(f"{name}_count"),
            func.max(case((and_(inside[name], EntryRow.weakness), 1), else_=0)).label(
                f"{name}_weak"
            ),
        ]
    return columns


def _lateral_sums(as_of: date, user_ids: Collection[int] | None) -> Select[Any]:
    bounds = (
        select(func.min(EntryRow.day).label("start"), func.max(EntryRow.day).label("latest"))
        .where(EntryRow.user_id == User.id, EntryRow.day <= as_of)
        .lateral("bounds")
    )
    first_week_end = bounds.c.start + SPAN
    last_week_start = bounds.c.latest - SPAN
    review = (bounds.c.start + REVIEW_FIRST, bounds.c.start + REVIEW_LAST)
    sums = (
        select(*_sums(first_week_end, last_week_start, as_of, review))
        .where(
            EntryRow.user_id == User.id,
            EntryRow.day <= as_of,
            or_(
                and_(EntryRow.day >= bounds.c.start, EntryRow.day <= first_week_end),
                EntryRow.day >= last_week_start,
                EntryRow.day.between(*review),
            ),
        )
        .lateral("sums")
    )
    query = (
        select(
            User.id.label("user_id"),
            bounds.c.start,
            bounds.c.latest,
            sums,
            _session_days(User.id, bounds.c.start, as_of),
        )
        .select_from(User)
        .join(bounds, true())
        .join(sums, true())
        .where(bounds.c.start.is_not(None))
    )
    return query if user_ids is None else query.where(User.id.in_(list(user_ids)))


def _grouped_sums(as_of: date, user_ids: Collection[int] | None) -> Select[Any]:
    """Each person's first and last day by two index seeks (correlated MIN and MAX), then only
    the rows of their windows, each range read through the (user_id, day) index."""
    mine = (EntryRow.user_id == User.id, EntryRow.day <= as_of)
    start = select(func.min(EntryRow.day)).where(*mine).scalar_subquery()
    latest = select(func.max(EntryRow.day)).where(*mine).scalar_subquery()
    people = select(User.id.label("user_id"), start.label("start"), latest.label("latest"))
    if user_ids is not None:
        people = people.where(User.id.in_(list(user_ids)))
    # MATERIALIZED: each seek runs once per person, not once per use of its result
    inner = people.cte("people").prefix_with("MATERIALIZED")
    bounds = (
        select(
            inner,
            func.date(inner.c.start, literal(f"+{SPAN} days")).label("first_week_end"),
            func.date(inner.c.latest, literal(f"-{SPAN} days")).label("last_week_start"),
            func.date(inner.c.start, literal(f"+{REVIEW_FIRST} days")).label("review_first"),
            func.date(inner.c.start, literal(f"+{REVIEW_LAST} days")).label("review_last"),
        )
        .where(inner.c.start.is_not(None))
        .subquery()
    )
    recent = func.min(bounds.c.last_week_start, (as_of - timedelta(days=SPAN)).isoformat())
    first_week_last = func.min(bounds.c.first_week_end, as_of.isoformat())
    review = (bounds.c.review_first, bounds.c.review_last)
    in_a_window = or_(
        and_(EntryRow.day >= bounds.c.start, EntryRow.day <= first_week_last),
        and_(EntryRow.day >= recent, EntryRow.day <= as_of),
        and_(EntryRow.day.between(*review), EntryRow.day <= as_of),
    )
    return (
        select(bounds.c.user_id, bounds.c.start, bounds.c.latest,
               *_sums(bounds.c.first_week_end, bounds.c.last_week_start, as_of, review),
               _session_days(bounds.c.user_id, bounds.c.start, as_of))
        .join(EntryRow, and_(EntryRow.user_id == bounds.c.user_id, in_a_window))
        .group_by(bounds.c.user_id, bounds.c.start, bounds.c.latest)
    )  # fmt: skip


def _session_days(user_id: Any, start: Any, as_of: date) -> Any:
    """Days from the person's first entry to as-of with at least one completed technique."""
    completed = exists().where(SessionItemRow.session_id == SessionRow.id)
    return (
        select(func.count(distinct(SessionRow.day)))
        .where(SessionRow.user_id == user_id, SessionRow.day >= start, SessionRow.day <= as_of)
        .where(completed)
        .scalar_subquery()
        .label("session_days")
    )


def windows_of_one(session: Session, user_id: int, as_of: date) -> Windows | None:
    """One person's windows by a few index seeks: their first and last day, then only the
    entries inside the rule's four windows (at most 28), handed to the core's
    `windows_from_entries` (the same rule as for a whole diary in memory), and the count of
    session days. A diary write pays this, not a scan of a year of entries."""
    mine = (EntryRow.user_id == user_id, EntryRow.day <= as_of)
    start, latest = session.execute(
        select(func.min(EntryRow.day), func.max(EntryRow.day)).where(*mine)
    ).one()
    if start is None:
        return None
    span = timedelta(days=SPAN)
    first, last = review_window(start)
    ranges = [(start, start + span), (as_of - span, as_of), (latest - span, latest), (first, last)]
    table = EntryRow.__table__
    rows = session.execute(
        select(table.c.day, table.c.leg_pain, table.c.back_pain, table.c.weakness).where(
            table.c.user_id == user_id,
            table.c.day <= as_of,
            or_(*(table.c.day.between(a, b) for a, b in ranges)),
        )
    ).all()
    entries = [
        DiaryEntry.model_construct(day=day, leg_pain=leg, back_pain=back, weakness=weak)
        for day, leg, back, weak in rows
    ]
    days = session.scalar(select(_session_days(user_id, start, as_of)))
    found = windows_from_entries(entries, (), as_of)
    return None if found is None else replace(found, session_days=int(days or 0))

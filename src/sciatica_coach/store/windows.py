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
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import (
    Date,
    Select,
    and_,
    bindparam,
    case,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

from sciatica_coach.progress.models import Reach, daily_score
from sciatica_coach.progress.reach import ReachTrend, reach_trend
from sciatica_coach.progress.verdict import (
    REVIEW_AFTER_DAYS,
    WINDOW_DAYS,
    Assessment,
    Window,
    Windows,
    decide,
    review_window,
    windows_from_entries,
)
from sciatica_coach.store import schema

SPAN = WINDOW_DAYS - 1
REVIEW_FIRST, REVIEW_LAST = REVIEW_AFTER_DAYS - SPAN, REVIEW_AFTER_DAYS  # days after the start
WINDOWS = ("baseline", "current", "fallback", "review")
E, S, SI, U = (
    t.c for t in (schema.diary_entries, schema.sessions, schema.session_items, schema.users)
)
SCORE = case((E.leg_pain >= E.back_pain, E.leg_pain), else_=E.back_pain)


def dialect_name(session: "Connection | Session") -> str:
    """The database's dialect, from a Core connection or an ORM session."""
    bind = session if hasattr(session, "dialect") else session.get_bind()
    return str(bind.dialect.name)


def windows_for(
    session: "Connection | Session", as_of: date, user_ids: Collection[int] | None = None
) -> dict[int, Windows]:
    if dialect_name(session) == "postgresql":
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
        "baseline": E.day <= first_week_end,
        "current": E.day >= as_of - timedelta(days=SPAN),
        "fallback": E.day >= latest,
        "review": E.day.between(*review),
    }
    columns = []
    for name in WINDOWS:
        columns += [
            func.sum(case((inside[name], SCORE), else_=0)).label(f"{name}_total"),
            func.count(case((inside[name], 1))).label(f"{name}_count"),
            func.max(case((and_(inside[name], E.weakness), 1), else_=0)).label(f"{name}_weak"),
        ]
    return columns


def _lateral_sums(as_of: date, user_ids: Collection[int] | None) -> Select[Any]:
    bounds = (
        select(func.min(E.day).label("start"), func.max(E.day).label("latest"))
        .where(E.user_id == U.id, E.day <= as_of)
        .lateral("bounds")
    )
    first_week_end = bounds.c.start + SPAN
    last_week_start = bounds.c.latest - SPAN
    review = (bounds.c.start + REVIEW_FIRST, bounds.c.start + REVIEW_LAST)
    sums = (
        select(*_sums(first_week_end, last_week_start, as_of, review))
        .where(
            E.user_id == U.id,
            E.day <= as_of,
            or_(
                and_(E.day >= bounds.c.start, E.day <= first_week_end),
                E.day >= last_week_start,
                E.day.between(*review),
            ),
        )
        .lateral("sums")
    )
    query = (
        select(
            U.id.label("user_id"),
            bounds.c.start,
            bounds.c.latest,
            sums,
            _session_days(U.id, bounds.c.start, as_of),
        )
        .select_from(schema.users)
        .join(bounds, true())
        .join(sums, true())
        .where(bounds.c.start.is_not(None))
    )
    return query if user_ids is None else query.where(U.id.in_(list(user_ids)))


def _grouped_sums(as_of: date, user_ids: Collection[int] | None) -> Select[Any]:
    """Each person's first and last day by two index seeks (correlated MIN and MAX), then only
    the rows of their windows, each range read through the (user_id, day) index."""
    mine = (E.user_id == U.id, E.day <= as_of)
    start = select(func.min(E.day)).where(*mine).scalar_subquery()
    latest = select(func.max(E.day)).where(*mine).scalar_subquery()
    people = select(U.id.label("user_id"), start.label("start"), latest.label("latest"))
    if user_ids is not None:
        people = people.where(U.id.in_(list(user_ids)))
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
        and_(E.day >= bounds.c.start, E.day <= first_week_last),
        and_(E.day >= recent, E.day <= as_of),
        and_(E.day.between(*review), E.day <= as_of),
    )
    return (
        select(bounds.c.user_id, bounds.c.start, bounds.c.latest,
               *_sums(bounds.c.first_week_end, bounds.c.last_week_start, as_of, review),
               _session_days(bounds.c.user_id, bounds.c.start, as_of))
        .join(schema.diary_entries, and_(E.user_id == bounds.c.user_id, in_a_window))
        .group_by(bounds.c.user_id, bounds.c.start, bounds.c.latest)
    )  # fmt: skip


def _session_days(user_id: Any, start: Any, as_of: Any) -> Any:
    """Days from the person's first entry to as-of with at least one completed technique."""
    completed = exists().where(SI.session_id == S.id)
    return (
        select(func.count(distinct(S.day)))
        .where(S.user_id == user_id, S.day >= start, S.day <= as_of)
        .where(completed)
        .scalar_subquery()
        .label("session_days")
    )


_entries = schema.diary_entries
_mine_by = (
    _entries.c.user_id == bindparam("user_id"),
    _entries.c.day <= bindparam("as_of", type_=Date),
)
# Built once: SQLAlchemy compiles each of these once per database and reuses it.
_BOUNDS = select(func.min(_entries.c.day), func.max(_entries.c.day)).where(*_mine_by)
_RANGES = ("baseline", "current", "fallback", "review")
_REACH_WEEKS = ("first_reach", "last_reach")


def _range_rows(columns: tuple[Any, ...], names: tuple[str, ...]) -> Any:
    """The entries in each named range (`{name}_from` .. `{name}_to`), one index seek per
    range, as one statement. Ranges may overlap: `entries_in_ranges` keeps each day once."""
    return union_all(
        *(
            select(*columns).where(
                *_mine_by, _entries.c.day.between(bindparam(f"{n}_from"), bindparam(f"{n}_to"))
            )
            for n in names
        )
    )


_WINDOW_COLUMNS = (_entries.c.day, _entries.c.leg_pain, _entries.c.back_pain, _entries.c.weakness)
WINDOW_ROWS = _range_rows(_WINDOW_COLUMNS, _RANGES)


class StoredDay(NamedTuple):
    """A stored day as the rules read it (`LoggedDay`): a plain tuple, not a model checked
    again on every read, since it passed the diary rule on the way in."""

    day: date
    leg_pain: int
    back_pain: int
    weakness: bool
    reaches: Reach | None = None

    @property
    def score(self) -> int:
        return daily_score(self.leg_pain, self.back_pain)


def entries_in_ranges(rows: Any) -> list[StoredDay]:
    """Rows of (day, leg, back, weakness[, reaches]) as days in day order, each day once."""
    by_day = {row[0]: row for row in rows}
    return [
        StoredDay(day, leg, back, bool(weak), Reach(reach[0]) if reach and reach[0] else None)
        for day, leg, back, weak, *reach in (by_day[day] for day in sorted(by_day))
    ]


_SESSION_DAYS = select(
    _session_days(bindparam("user_id"), bindparam("start", type_=Date), bindparam("as_of"))
)


def window_ranges(start: date, latest: date, as_of: date) -> dict[str, date]:
    """The four windows' first and last days, as `WINDOW_ROWS`' parameters."""
    span = timedelta(days=SPAN)
    first, last = review_window(start)
    ranges = {
        "baseline": (start, start + span),
        "current": (as_of - span, as_of),
        "fallback": (latest - span, latest),
        "review": (first, last),
    }
    return {
        f"{n}_{end}": day for n, (a, b) in ranges.items() for end, day in (("from", a), ("to", b))
    }


def windows_of_one(session: "Connection | Session", user_id: int, as_of: date) -> Windows | None:
    """One person's windows by a few index seeks: their first and last day, then only the
    entries inside the rule's four windows (at most 28), handed to the core's
    `windows_from_entries` (the same rule as for a whole diary in memory), and the count of
    session days. A diary write pays this, not a scan of a year of entries."""
    mine = {"user_id": user_id, "as_of": as_of}
    start, latest = session.execute(_BOUNDS, mine).one()
    if start is None:
        return None
    rows = session.execute(WINDOW_ROWS, {**mine, **window_ranges(start, latest, as_of)})
    entries = entries_in_ranges(rows)
    days = session.scalar(_SESSION_DAYS, {**mine, "start": start})
    found = windows_from_entries(entries, (), as_of)
    return None if found is None else replace(found, session_days=int(days or 0))


# One person's verdict and reach, as `GET /api/progress` reads them: the same rules as
# `services.progress.progress_of` on the whole diary, from at most a few dozen rows.
_START_BY = select(func.min(E.day)).where(*_mine_by).scalar_subquery()
_has_reach = (*_mine_by, E.reaches.is_not(None))
_PROGRESS_BOUNDS = select(
    _START_BY,
    select(func.max(E.day)).where(*_mine_by).scalar_subquery(),
    _session_days(bindparam("user_id"), _START_BY, bindparam("as_of")),
    select(func.min(E.day)).where(*_has_reach).scalar_subquery(),
    select(func.max(E.day)).where(*_has_reach).scalar_subquery(),
)
_PROGRESS_ROWS = _range_rows((*_WINDOW_COLUMNS, E.reaches), (*_RANGES, *_REACH_WEEKS))


def progress_of_one(
    connection: "Connection | Session", user_id: int, as_of: date
) -> "tuple[Assessment | None, ReachTrend | None]":
    """The four-week verdict and the reach trend as of a date, from two statements: the
    person's first and latest day, session days and first and last day with a reach, then
    only the entries inside the rule's windows and those two weeks."""
    mine = {"user_id": user_id, "as_of": as_of}
    start, latest, session_days, first_reach, last_reach = connection.execute(
        _PROGRESS_BOUNDS, mine
    ).one()
    if start is None:
        return None, None
    span = timedelta(days=SPAN)
    weeks = {"first_reach": first_reach, "last_reach": last_reach}
    if first_reach is None:  # no reach recorded: two empty ranges
        weeks = {"first_reach": start, "last_reach": start}
    params = {
        **mine,
        **window_ranges(start, latest, as_of),
        "first_reach_from": weeks["first_reach"],
        "first_reach_to": weeks["first_reach"] + span,
        "last_reach_from": weeks["last_reach"] - span,
        "last_reach_to": weeks["last_reach"],
    }
    entries = entries_in_ranges(connection.execute(_PROGRESS_ROWS, params))
    found = windows_from_entries(entries, (), as_of)
    assert found is not None  # the first day is in the baseline's range
    windows = replace(found, session_days=int(session_days or 0))
    return decide(windows, as_of), reach_trend(entries, as_of)

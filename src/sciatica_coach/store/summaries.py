"""Each patient's line on the clinician's list, kept as a row (`PatientSummary`).

The rules stay in the core: `decide` on the database's window sums (store/windows.py), the
safety block (`block_for`) for whether a red flag blocks the person now, `attention_group`
for the order. This module only runs them and stores the result:

- in the same transaction as every write that changes a line (diary, sessions, checks,
  clearances; see Store), for that one person, as of the day the rows are for;
- for everyone once a day (`run_daily`), because the four-week window moves with the date:
  the first caller of a new day claims it in the database and recomputes everyone in one
  transaction; any other worker finds the day taken and does nothing.

The dashboard then reads one page of rows in attention order through the `rank` index."""

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, bindparam, delete, func, insert, or_, select, true, update

from sciatica_coach import clock
from sciatica_coach.progress.verdict import Assessment, Verdict, decide, windows_from_entries
from sciatica_coach.safety.attention import PatientStatus, attention_group
from sciatica_coach.safety.record import Level
from sciatica_coach.store import schema
from sciatica_coach.store.windows import (
    WINDOW_ROWS,
    _session_days,
    dialect_name,
    entries_in_ranges,
    window_ranges,
    windows_for,
    windows_of_one,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    Db = Connection | Session

DAILY = "daily"
_ONE_BY_ONE = 8  # up to this many people, each person's windows by index seeks
_CHUNK = 500
E, S, U = schema.diary_entries.c, schema.sessions.c, schema.users.c
P, J = schema.patient_summaries.c, schema.summary_jobs.c
_JOB_DAY = select(J.day).where(J.name == DAILY).scalar_subquery()
_LINKS = schema.care_links.c
# A link carries its patient's rank (schema.care_links), kept equal to the summary row's.
_SUMMARY_RANK = select(P.rank).where(P.user_id == _LINKS.patient_id).scalar_subquery()
_LINK_RANK = (
    update(schema.care_links)
    .where(_LINKS.patient_id == bindparam("user_id"))
    .values(rank=bindparam("rank"))
)


# the rows


def rank_of(status: PatientStatus) -> bytes:
    """`by_attention`'s key as bytes: byte order (every database's BLOB/bytea order) is the
    key's order. The group is one digit, the date has a fixed width, UTF-8 keeps code point
    order, and names are unique."""
    last = (status.last_activity or date.min).isoformat()
    return f"{attention_group(status)}{last}".encode() + status.username.encode()


def _people(user_ids: Collection[int] | None) -> Any:
    people = (
        select(U.id, U.username, P.screening, P.red_flag, P.user_id.is_not(None), _JOB_DAY, P.rank)
        .select_from(schema.users.outerjoin(schema.patient_summaries, P.user_id == U.id))
        .where(~U.is_local)
    )
    return people if user_ids is None else people.where(U.id.in_(list(user_ids)))


# One person, as a write needs it, in one statement built once (compiled once per database):
# their stored line, the day the rows are for (the one asked for, else the daily job's last
# day, else today), their first and latest days up to it, their last entry and session, and
# their session days.
_DAY = select(
    func.coalesce(bindparam("as_of", type_=Date), _JOB_DAY, bindparam("today", type_=Date)).label(
        "as_of"
    )
).cte("rows_day")
_AS_OF = _DAY.c.as_of
_mine = (E.user_id == U.id, E.day <= _AS_OF)
# Correlated by name: nested in the session days' subquery, automatic correlation would only
# look one level up and take the first day of anyone's diary.
_START = select(func.min(E.day)).where(*_mine).correlate(schema.users, _DAY).scalar_subquery()
_PERSON = (
    select(
        U.username,
        P.screening,
        P.red_flag,
        P.user_id.is_not(None),
        P.rank,
        _AS_OF,
        _START,
        select(func.max(E.day)).where(*_mine).scalar_subquery(),
        select(func.max(E.day)).where(E.user_id == U.id).scalar_subquery(),
        select(func.max(S.day)).where(S.user_id == U.id).scalar_subquery(),
        _session_days(U.id, _START, _AS_OF),
    )
    .select_from(schema.users.outerjoin(schema.patient_summaries, P.user_id == U.id))
    .join(_DAY, true())
    .where(~U.is_local, U.id == bindparam("user_id"))
)


def refresh(
    s: "Db", user_ids: Collection[int] | None, as_of: date | None = None, safety: bool = True
) -> int:
    """Recompute the rows of these people (everyone when None) as of a date (when None, the
    daily job's last day, or today before it ever ran), inside the caller's transaction.
    `safety=False` keeps the stored red flag and check (a diary or session write cannot
    change them) and so skips loading the safety rules."""
    if user_ids is not None and len(user_ids) == 1:
        return refresh_one(s, next(iter(user_ids)), as_of, safety)
    found = s.execute(_people(user_ids)).all()
    if not found:
        return 0
    if as_of is None:
        as_of = found[0][5] or clock.today()
    names: dict[int, str] = {row[0]: row[1] for row in found}
    ids = None if user_ids is None else list(names)
    if ids is not None and len(ids) <= _ONE_BY_ONE:  # a write's few people: index seeks
        one = {uid: windows_of_one(s, uid, as_of) for uid in ids}
        windows = {uid: w for uid, w in one.items() if w is not None}
    else:
        windows = windows_for(s, as_of, ids)
    active = last_activity(s, ids)
    flags: dict[int, tuple[Level | None, bool]]
    if safety:
        flags = dict(red_flags(s, ids, as_of))
    else:
        flags = {uid: (Level(level) if level else None, bool(flag))
                 for uid, _, level, flag, has, *_ in found if has}  # fmt: skip
        missing = [uid for uid in names if uid not in flags]
        flags |= red_flags(s, missing, as_of) if missing else {}
    rows = []
    for uid, name in names.items():
        level, flag = flags.get(uid, (None, False))
        status = PatientStatus(
            patient_id=uid,
            username=name,
            screening=level,
            assessment=decide(windows[uid], as_of) if uid in windows else None,
            last_activity=active.get(uid),
            red_flag=flag,
        )
        rows.append(_row(status, as_of))
    table = schema.patient_summaries
    if user_ids is None:
        s.execute(delete(table))
    else:
        s.execute(delete(table).where(P.user_id.in_(list(names))))
    for chunk in range(0, len(rows), _CHUNK):
        s.execute(insert(table), rows[chunk : chunk + _CHUNK])
    links = update(schema.care_links).values(rank=_SUMMARY_RANK)
    if user_ids is not None:
        links = links.where(_LINKS.patient_id.in_(list(names)))
    s.execute(links)
    return len(rows)


def refresh_one(s: "Db", user_id: int, as_of: date | None = None, safety: bool = True) -> int:
    """`refresh` for one person, as every write does: three statements built and compiled
    once (the person with their stored line and their days, the entries inside the rule's
    windows, and the line's upsert), and a fourth when they move in the list."""
    found = s.execute(_PERSON, {"user_id": user_id, "as_of": as_of, "today": clock.today()}).first()
    if found is None:
        return 0
    (
        name,
        level,
        flag,
        has,
        old_rank,
        as_of,
        start,
        latest,
        last_entry,
        last_session,
        session_days,
    ) = found
    assessment = None
    if start is not None:
        params = {"user_id": user_id, "as_of": as_of, **window_ranges(start, latest, as_of)}
        entries = entries_in_ranges(s.execute(WINDOW_ROWS, params))
        windows = windows_from_entries(entries, (), as_of)
        if windows is not None:
            windows = replace(windows, session_days=int(session_days or 0))
            assessment = decide(windows, as_of)
    if safety or not has:
        level, flag = red_flags(s, [user_id], as_of).get(user_id, (None, False))
    else:
        level = Level(level) if level else None
    days = [d for d in (last_entry, last_session) if d]
    status = PatientStatus(
        patient_id=user_id,
        username=name,
        screening=level,
        assessment=assessment,
        last_activity=max(days) if days else None,
        red_flag=bool(flag),
    )
    row = _row(status, as_of)
    s.execute(_upsert(dialect_name(s)), row)
    if row["rank"] != old_rank:  # the person moved in the list: so do their links
        s.execute(_LINK_RANK, {"user_id": user_id, "rank": row["rank"]})
    return 1


@cache
def _upsert(dialect: str) -> Any:
    """INSERT ... ON CONFLICT (user_id) DO UPDATE, in the database's own dialect."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    statement = dialect_insert(schema.patient_summaries)
    columns = [c.name for c in schema.patient_summaries.c if c.name != "user_id"]
    return statement.on_conflict_do_update(
        index_elements=["user_id"], set_={c: statement.excluded[c] for c in columns}
    )


def _row(status: PatientStatus, as_of: date) -> dict[str, Any]:
    a = status.assessment
    return {
        "user_id": status.patient_id,
        "as_of": as_of,
        "username": status.username,
        "attention_group": attention_group(status),
        "rank": rank_of(status),
        "screening": status.screening.value if status.screening else None,
        "red_flag": bool(status.red_flag),
        "assessment": None if a is None else _assessment_data(a),
        "last_activity": status.last_activity,
    }


def _assessment_data(a: Assessment) -> dict[str, Any]:
    """Every field, unrounded (JSON keeps a float exactly), so the row gives back the same
    `Assessment` the rule made."""
    return {
        "verdict": a.verdict.value, "days": a.days, "baseline": a.baseline,
        "current": a.current, "change_pct": a.change_pct, "adherence_pct": a.adherence_pct,
        "review_date": a.review_date.isoformat(), "stale": a.stale, "message": a.message,
    }  # fmt: skip


def _assessment(data: dict[str, Any] | None) -> Assessment | None:
    if data is None:
        return None
    change = data["change_pct"]
    return Assessment(
        verdict=Verdict(data["verdict"]), days=int(data["days"]),
        baseline=float(data["baseline"]), current=float(data["current"]),
        change_pct=None if change is None else float(change),
        adherence_pct=float(data["adherence_pct"]),
        review_date=date.fromisoformat(data["review_date"]), stale=bool(data["stale"]),
        message=str(data["message"]),
    )  # fmt: skip


def status_of(row: Any) -> PatientStatus:
    """A stored row as the core's `PatientStatus`."""
    return PatientStatus(
        patient_id=row.user_id,
        username=row.username,
        screening=Level(row.screening) if row.screening else None,
        assessment=_assessment(row.assessment),
        last_activity=row.last_activity,
        red_flag=bool(row.red_flag),
    )


# what a row is made of


def last_activity(s: "Db", user_ids: Collection[int] | None) -> dict[int, date]:
    """Each person's latest diary entry or session day, by index seeks per person."""
    latest = [
        select(func.max(table.c.day)).where(table.c.user_id == U.id).scalar_subquery()
        for table in (schema.diary_entries, schema.sessions)
    ]
    query = select(U.id, *latest)
    if user_ids is not None:
        query = query.where(U.id.in_(list(user_ids)))
    return {uid: max(d for d in days if d) for uid, *days in s.execute(query) if any(days)}


def red_flags(
    s: "Db", user_ids: Collection[int] | None, as_of: date
) -> dict[int, tuple[Level, bool]]:
    """Each person's latest check's level, and whether a red flag blocks them now by the core's
    safety rule (a doctor's clearance lifts it). Only people with a check are present."""
    from sciatica_coach.safety.profile import Profile
    from sciatica_coach.safety.status import BlockReason, SafetyFacts, block_for
    from sciatica_coach.store import convert

    checks, clearances = schema.screenings, schema.clearances
    ordered = func.row_number().over(
        partition_by=checks.c.user_id,
        order_by=(checks.c.taken_at.desc(), checks.c.id.desc()),
    )
    numbered = select(checks, ordered.label("n"))
    if user_ids is not None:
        numbered = numbered.where(checks.c.user_id.in_(list(user_ids)))
    inner = numbered.subquery()
    latest_rows = s.execute(select(inner).where(inner.c.n == 1)).all()
    if not latest_rows:
        return {}
    cleared: dict[int, list[Any]] = {}
    query = select(clearances).order_by(clearances.c.given_at, clearances.c.id)
    if user_ids is not None:
        query = query.where(clearances.c.user_id.in_(list(user_ids)))
    for clearance in s.execute(query):
        cleared.setdefault(clearance.user_id, []).append(convert.clearance_from_row(clearance))  # type: ignore[arg-type]
    # The red flag is the block's first test after "no check": it reads only the check and
    # the clearances, not the profile or the diary (safety/status.py).
    profile = Profile.from_data(None)
    result = {}
    for row in latest_rows:
        screening = convert.screening_from_row(row)  # type: ignore[arg-type]
        facts = SafetyFacts(screening, cleared.get(row.user_id, ()))
        block = block_for(profile, facts, as_of)
        flagged = block is not None and block.reason is BlockReason.RED_FLAG
        result[row.user_id] = (screening.level, flagged)
    return result


# the daily job


def run_daily(s: "Db", today: date, force: bool = False) -> int | None:
    """Claim today's recomputation and run it in the caller's transaction: the number of rows
    made, or None when another worker (or an earlier call) already has today. The claim is an
    UPDATE of the job's row: a second worker waits on that row's lock and then finds the day
    taken (PostgreSQL re-reads the row; SQLite's writers run one at a time)."""
    jobs = schema.summary_jobs
    claim = update(jobs).where(J.name == DAILY)
    if not force:
        claim = claim.where(or_(J.day.is_(None), J.day != today))
    result = s.execute(claim.values(day=today, ran_at=datetime.now(UTC)))
    if not getattr(result, "rowcount", 0):
        if not force or s.scalar(select(J.name).where(J.name == DAILY)) is not None:
            return None
        s.execute(insert(jobs).values(name=DAILY, day=today, ran_at=datetime.now(UTC)))
    return refresh(s, None, today)


def is_due(s: "Db", today: date) -> bool:
    return s.scalar(select(J.day).where(J.name == DAILY)) != today


# the dashboard


def page(
    s: "Db", clinician_id: int, offset: int, limit: int | None
) -> tuple[int, list[PatientStatus]]:
    """The clinician's patients in attention order: how many, and the rows from `offset`.

    The page's patients come from one walk of the links' (clinician_id, rank, patient_id)
    index, which holds all it needs (skipping `offset` entries reads no table row); only
    the page's own summary rows are then read, by primary key."""
    mine = _LINKS.clinician_id == clinician_id
    total = s.scalar(select(func.count()).select_from(schema.care_links).where(mine)) or 0
    if total == 0 or limit == 0:
        return total, []
    chosen = select(_LINKS.patient_id, _LINKS.rank).where(mine).order_by(_LINKS.rank)
    chosen = chosen.offset(offset)
    if limit is not None:
        chosen = chosen.limit(limit)
    inner = chosen.subquery("chosen")
    query = (
        select(schema.patient_summaries)
        .join(inner, inner.c.patient_id == P.user_id)
        .order_by(inner.c.rank)
    )
    return total, [status_of(row) for row in s.execute(query)]


def missing(s: "Db", ids: Iterable[int]) -> list[int]:
    """The ids among these that have no row yet."""
    wanted = list(ids)
    have = set(s.scalars(select(P.user_id).where(P.user_id.in_(wanted))))
    return [uid for uid in wanted if uid not in have]


def line(s: "Db", clinician_id: int, patient_id: int) -> PatientStatus | None:
    """One patient's row, if this clinician follows them."""
    row = s.execute(
        select(schema.patient_summaries)
        .join(schema.care_links, _LINKS.patient_id == P.user_id)
        .where(_LINKS.clinician_id == clinician_id, P.user_id == patient_id)
    ).first()
    return None if row is None else status_of(row)


def rank_in_list(s: "Db", patient_id: int) -> bytes | None:
    """The person's rank in a clinician's list (their summary row's), for a new link."""
    found: bytes | None = s.scalar(select(P.rank).where(P.user_id == patient_id))
    return found

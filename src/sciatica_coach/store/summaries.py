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
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from sciatica_coach import clock
from sciatica_coach.progress.verdict import Assessment, Verdict, decide
from sciatica_coach.safety.attention import PatientStatus, attention_group
from sciatica_coach.safety.record import Level
from sciatica_coach.store.tables import (
    CareLink,
    ClearanceRow,
    EntryRow,
    PatientSummary,
    ScreeningRow,
    SessionRow,
    SummaryJob,
    User,
)
from sciatica_coach.store.windows import windows_for, windows_of_one

DAILY = "daily"
_ONE_BY_ONE = 8  # up to this many people, each person's windows by index seeks
_CHUNK = 500


# the rows


def rank_of(status: PatientStatus) -> bytes:
    """`by_attention`'s key as bytes: byte order (every database's BLOB/bytea order) is the
    key's order. The group is one digit, the date has a fixed width, UTF-8 keeps code point
    order, and names are unique."""
    last = (status.last_activity or date.min).isoformat()
    return f"{attention_group(status)}{last}".encode() + status.username.encode()


def refresh(
    s: Session, user_ids: Collection[int] | None, as_of: date | None = None, safety: bool = True
) -> int:
    """Recompute the rows of these people (everyone when None) as of a date (when None, the
    daily job's last day, or today before it ever ran), inside the caller's transaction.
    `safety=False` keeps the stored red flag and check (a diary or session write cannot
    change them) and so skips loading the safety rules."""
    job_day = select(SummaryJob.day).where(SummaryJob.name == DAILY).scalar_subquery()
    people = (
        select(User.id, User.username, PatientSummary.screening, PatientSummary.red_flag,
               PatientSummary.user_id.is_not(None), job_day)
        .outerjoin(PatientSummary, PatientSummary.user_id == User.id)
        .where(~User.is_local)
    )  # fmt: skip
    if user_ids is not None:
        people = people.where(User.id.in_(list(user_ids)))
    found = s.execute(people).all()
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
                 for uid, _, level, flag, has, _ in found if has}  # fmt: skip
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
    if user_ids is None:
        s.execute(delete(PatientSummary))
    else:
        s.execute(delete(PatientSummary).where(PatientSummary.user_id.in_(list(names))))
    for chunk in range(0, len(rows), _CHUNK):
        s.execute(insert(PatientSummary), rows[chunk : chunk + _CHUNK])
    return len(rows)


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


def last_activity(s: Session, user_ids: Collection[int] | None) -> dict[int, date]:
    """Each person's latest diary entry or session day, by index seeks per person."""
    latest = [
        select(func.max(table.day)).where(table.user_id == User.id).scalar_subquery()
        for table in (EntryRow, SessionRow)
    ]
    query = select(User.id, *latest)
    if user_ids is not None:
        query = query.where(User.id.in_(list(user_ids)))
    return {uid: max(d for d in days if d) for uid, *days in s.execute(query) if any(days)}


def red_flags(
    s: Session, user_ids: Collection[int] | None, as_of: date
) -> dict[int, tuple[Level, bool]]:
    """Each person's latest check's level, and whether a red flag blocks them now by the core's
    safety rule (a doctor's clearance lifts it). Only people with a check are present."""
    from sciatica_coach.safety.profile import Profile
    from sciatica_coach.safety.status import BlockReason, SafetyFacts, block_for
    from sciatica_coach.store import convert

    ordered = func.row_number().over(
        partition_by=ScreeningRow.user_id,
        order_by=(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc()),
    )
    numbered = select(ScreeningRow, ordered.label("n"))
    if user_ids is not None:
        numbered = numbered.where(ScreeningRow.user_id.in_(list(user_ids)))
    inner = numbered.subquery()
    latest = aliased(ScreeningRow, inner)
    latest_rows = s.scalars(select(latest).where(inner.c.n == 1)).all()
    if not latest_rows:
        return {}
    cleared: dict[int, list[Any]] = {}
    query: Select[Any] = select(ClearanceRow).order_by(ClearanceRow.given_at, ClearanceRow.id)
    if user_ids is not None:
        query = query.where(ClearanceRow.user_id.in_(list(user_ids)))
    for clearance in s.scalars(query):
        cleared.setdefault(clearance.user_id, []).append(convert.clearance_from_row(clearance))
    # The red flag is the block's first test after "no check": it reads only the check and
    # the clearances, not the profile or the diary (safety/status.py).
    profile = Profile.from_data(None)
    result = {}
    for row in latest_rows:
        screening = convert.screening_from_row(row)
        facts = SafetyFacts(screening, cleared.get(row.user_id, ()))
        block = block_for(profile, facts, as_of)
        flagged = block is not None and block.reason is BlockReason.RED_FLAG
        result[row.user_id] = (screening.level, flagged)
    return result


# the daily job


def run_daily(s: Session, today: date, force: bool = False) -> int | None:
    """Claim today's recomputation and run it in the caller's transaction: the number of rows
    made, or None when another worker (or an earlier call) already has today. The claim is an
    UPDATE of the job's row: a second worker waits on that row's lock and then finds the day
    taken (PostgreSQL re-reads the row; SQLite's writers run one at a time)."""
    claim = update(SummaryJob).where(SummaryJob.name == DAILY)
    if not force:
        claim = claim.where(or_(SummaryJob.day.is_(None), SummaryJob.day != today))
    result = s.execute(claim.values(day=today, ran_at=datetime.now(UTC)))
    if not getattr(result, "rowcount", 0):
        if not force or s.get(SummaryJob, DAILY) is not None:
            return None
        s.add(SummaryJob(name=DAILY, day=today, ran_at=datetime.now(UTC)))
    return refresh(s, None, today)


def is_due(s: Session, today: date) -> bool:
    return s.scalar(select(SummaryJob.day).where(SummaryJob.name == DAILY)) != today


# the dashboard


def page(
    s: Session, clinician_id: int, offset: int, limit: int | None
) -> tuple[int, list[PatientStatus]]:
    """The clinician's patients in attention order: how many, and the rows from `offset`."""
    mine = CareLink.clinician_id == clinician_id
    total = s.scalar(select(func.count()).select_from(CareLink).where(mine)) or 0
    if total == 0 or limit == 0:
        return total, []
    ordered = select(PatientSummary).order_by(PatientSummary.rank)
    if limit is not None and total > _FEW:
        # Many patients: walk the rank index in order and keep those this clinician follows
        # (one probe each), stopping after the page.
        linked = exists().where(mine, CareLink.patient_id == PatientSummary.user_id)
        query = ordered.where(linked)
    else:
        # Few: read them through the clinician's links and sort that handful.
        query = ordered.join(CareLink, CareLink.patient_id == PatientSummary.user_id).where(mine)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return total, [status_of(row) for row in s.scalars(query)]


_FEW = 2000  # below this, sorting one clinician's patients beats walking everyone's index


def missing(s: Session, ids: Iterable[int]) -> list[int]:
    """The ids among these that have no row yet."""
    wanted = list(ids)
    have = set(s.scalars(select(PatientSummary.user_id).where(PatientSummary.user_id.in_(wanted))))
    return [uid for uid in wanted if uid not in have]


def line(s: Session, clinician_id: int, patient_id: int) -> PatientStatus | None:
    """One patient's row, if this clinician follows them."""
    row = s.scalar(
        select(PatientSummary)
        .join(CareLink, CareLink.patient_id == PatientSummary.user_id)
        .where(CareLink.clinician_id == clinician_id, PatientSummary.user_id == patient_id)
    )
    return None if row is None else status_of(row)

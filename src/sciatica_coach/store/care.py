"""Clinicians following patients: one-time link codes, links, revocation. Codes are made and
hashed by the caller; only hashes are stored."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from sciatica_coach.errors import InvalidInput
from sciatica_coach.store import summaries
from sciatica_coach.store.convert import to_utc
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import CareLink, LinkCode, User

CODE_LIFETIME = timedelta(hours=24)
BAD_CODE = "a code from your patient, used once and within 24 hours"


@dataclass(frozen=True)
class Linked:
    user_id: int
    username: str
    since: datetime


MAX_LIVE_CODES = 3


def add_link_code(store: Store, patient_id: int, code_hash: str, now: datetime) -> datetime:
    """A new code; the patient's expired codes go, and past three live ones the oldest."""
    expires = to_utc(now) + CODE_LIFETIME
    with store.transaction() as s:
        mine = LinkCode.patient_id == patient_id
        s.execute(delete(LinkCode).where(mine, LinkCode.expires_at < to_utc(now)))
        live = s.scalars(
            select(LinkCode.code_hash).where(mine).order_by(LinkCode.expires_at.desc())
        ).all()
        old = live[MAX_LIVE_CODES - 1 :]
        if old:
            s.execute(delete(LinkCode).where(LinkCode.code_hash.in_(old)))
        s.add(LinkCode(code_hash=code_hash, patient_id=patient_id, expires_at=expires))
    return expires


def accept_link_code(store: Store, clinician_id: int, code_hash: str, now: datetime) -> int:
    """Use a code once: the clinician now follows its patient. Returns the patient's id."""
    with store.transaction() as s:
        code = s.get(LinkCode, code_hash, with_for_update=True)
        if code is None or to_utc(code.expires_at) < to_utc(now):
            raise InvalidInput("code", "(hidden)", BAD_CODE)
        patient_id = code.patient_id
        s.delete(code)
        if patient_id == clinician_id:
            raise InvalidInput("code", "(hidden)", "a code from someone else")
        exists = s.scalar(
            select(CareLink.id).where(
                CareLink.patient_id == patient_id, CareLink.clinician_id == clinician_id
            )
        )
        if summaries.missing(s, [patient_id]):  # an account from before summaries
            summaries.refresh(s, [patient_id])
        if exists is None:
            link = CareLink(
                patient_id=patient_id,
                clinician_id=clinician_id,
                created_at=to_utc(now),
                rank=summaries.rank_in_list(s, patient_id),
            )
            s.add(link)
    return patient_id


def revoke(store: Store, patient_id: int, clinician_id: int) -> bool:
    with store.transaction() as s:
        result = s.execute(
            delete(CareLink).where(
                CareLink.patient_id == patient_id, CareLink.clinician_id == clinician_id
            )
        )
        return bool(getattr(result, "rowcount", 0))


def is_linked(store: Store, clinician_id: int, patient_id: int) -> bool:
    with store.reading() as s:
        return (
            s.scalar(
                select(CareLink.id).where(
                    CareLink.patient_id == patient_id, CareLink.clinician_id == clinician_id
                )
            )
            is not None
        )


def _linked(store: Store, mine: Any, theirs: Any, user_id: int) -> list[Linked]:
    with store.reading() as s:
        rows = s.execute(
            select(User.id, User.username, CareLink.created_at)
            .join(CareLink, theirs == User.id)
            .where(mine == user_id)
            .order_by(User.username)
        ).all()
    return [Linked(uid, name, to_utc(since)) for uid, name, since in rows]


def clinicians_of(store: Store, patient_id: int) -> list[Linked]:
    return _linked(store, CareLink.patient_id, CareLink.clinician_id, patient_id)


def patients_of(store: Store, clinician_id: int) -> list[Linked]:
    return _linked(store, CareLink.clinician_id, CareLink.patient_id, clinician_id)


def latest_levels(store: Store, user_ids: list[int]) -> dict[int, str]:
    """The level of each person's latest screening, in one query."""
    from sciatica_coach.store.tables import ScreeningRow

    latest = (
        select(ScreeningRow.user_id, func.max(ScreeningRow.taken_at).label("at"))
        .where(ScreeningRow.user_id.in_(user_ids))
        .group_by(ScreeningRow.user_id)
        .subquery()
    )
    query = select(ScreeningRow.user_id, ScreeningRow.level).join(
        latest, (latest.c.user_id == ScreeningRow.user_id) & (latest.c.at == ScreeningRow.taken_at)
    )
    with store.reading() as s:
        return {uid: level for uid, level in s.execute(query)}


def last_activity(store: Store, user_ids: list[int]) -> dict[int, date]:
    """Each person's latest diary entry or session day, by index seeks per person in one
    query (a GROUP BY would read every diary row of every patient)."""
    from sciatica_coach.store.tables import EntryRow, SessionRow, User

    latest = [
        select(func.max(table.day)).where(table.user_id == User.id).scalar_subquery()
        for table in (EntryRow, SessionRow)
    ]
    query = select(User.id, *latest).where(User.id.in_(user_ids))
    with store.reading() as s:
        rows = s.execute(query).all()
    return {uid: max(d for d in days if d) for uid, *days in rows if any(days)}

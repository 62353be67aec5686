"""Reminders in the database: each person's choice of days and time, their browsers' push
subscriptions, and the claims that let exactly one worker send each reminder.

A claim is a row of `reminder_sends` keyed by (person, slot, their date): the worker whose
INSERT makes the row sends; every other worker's INSERT finds it and does nothing (ON
CONFLICT DO NOTHING: PostgreSQL makes a second insert of the same key wait for the first
transaction and then skip; SQLite's writers run one at a time). The claim is committed
before anything is sent, and `sent_at` is set after: a claim whose worker died in between is
taken over once its lease has run out, by an UPDATE that only one worker can win."""

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from sciatica_coach.progress.verdict import REVIEW_AFTER_DAYS
from sciatica_coach.reminders.schedule import Choice, Message
from sciatica_coach.store.convert import to_utc
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import (
    EntryRow,
    PatientSummary,
    PushSubscription,
    ReminderSend,
    ReminderSettings,
    SessionRow,
)

MAX_BROWSERS = 10  # per person: a new one beyond this replaces their oldest


def subscription_id(endpoint: str) -> str:
    """How the page and the API name a subscription: its endpoint's SHA-256, in hex."""
    return hashlib.sha256(endpoint.encode()).hexdigest()


# a person's choice


def choice(store: Store, user_id: int) -> Choice | None:
    with store.reading() as s:
        row = s.get(ReminderSettings, user_id)
        return None if row is None else _choice(row)


def _choice(row: ReminderSettings) -> Choice:
    days = tuple(d for d in row.days.split(",") if d)
    return Choice(days, row.at, row.time_zone, bool(row.evening), bool(row.review))


def save_choice(store: Store, user_id: int, chosen: Choice, now: datetime) -> None:
    with store.transaction() as s:
        _put_choice(s, user_id, chosen, now)


def _put_choice(s: Session, user_id: int, chosen: Choice, now: datetime) -> None:
    row = s.get(ReminderSettings, user_id)
    if row is None:
        row = ReminderSettings(user_id=user_id)
        s.add(row)
    row.days = ",".join(chosen.days)
    row.at = chosen.at.replace(second=0, microsecond=0, tzinfo=None)
    row.time_zone = chosen.time_zone
    row.evening = chosen.evening
    row.review = chosen.review
    row.updated_at = to_utc(now)


# browsers


def subscribe(
    store: Store,
    user_id: int,
    endpoint: str,
    keys: tuple[str, str],
    session_id: str | None,
    now: datetime,
    default: Choice | None = None,
) -> tuple[str, bool]:
    """Keep a browser's subscription for this person: (its id, whether it is new to them).
    A browser has one endpoint, and it belongs to whoever turned reminders on there last.
    A person with no choice yet gets `default` with their first browser."""
    sub_id = subscription_id(endpoint)
    with store.transaction() as s:
        row = s.get(PushSubscription, sub_id)
        new = row is None or row.user_id != user_id
        if row is None:
            row = PushSubscription(id=sub_id, created_at=to_utc(now))
            s.add(row)
        elif row.user_id != user_id:
            row.created_at = to_utc(now)
        row.user_id = user_id
        row.endpoint = endpoint
        row.p256dh, row.auth = keys
        row.session_id = session_id
        s.flush()
        mine = s.scalars(
            select(PushSubscription.id)
            .where(PushSubscription.user_id == user_id)
            .order_by(PushSubscription.created_at.desc(), PushSubscription.id)
        ).all()
        extra = [i for i in mine if i != sub_id][MAX_BROWSERS - 1 :]
        if extra:
            s.execute(delete(PushSubscription).where(PushSubscription.id.in_(extra)))
        if default is not None and s.get(ReminderSettings, user_id) is None:
            _put_choice(s, user_id, default, now)
        return sub_id, new


def is_mine(store: Store, user_id: int, sub_id: str) -> bool:
    with store.reading() as s:
        owner = s.scalar(select(PushSubscription.user_id).where(PushSubscription.id == sub_id))
        return owner == user_id


def unsubscribe(store: Store, user_id: int, sub_id: str | None = None) -> int:
    """Forget one of this person's browsers (None: every one of them): how many."""
    query = delete(PushSubscription).where(PushSubscription.user_id == user_id)
    if sub_id is not None:
        query = query.where(PushSubscription.id == sub_id)
    with store.transaction() as s:
        return int(getattr(s.execute(query), "rowcount", 0) or 0)


def browsers(store: Store, user_id: int) -> int:
    with store.reading() as s:
        found = s.scalar(
            select(func.count()).select_from(PushSubscription)
            .where(PushSubscription.user_id == user_id)
        )  # fmt: skip
        return int(found or 0)


def browser_list(store: Store, user_id: int) -> list[dict[str, str]]:
    """This person's browsers for their data export: since when, and which push service."""
    from urllib.parse import urlsplit

    with store.reading() as s:
        rows = s.execute(
            select(PushSubscription.created_at, PushSubscription.endpoint)
            .where(PushSubscription.user_id == user_id)
            .order_by(PushSubscription.created_at)
        ).all()
    return [
        {"since": to_utc(created).isoformat(), "push_service": urlsplit(endpoint).hostname or ""}
        for created, endpoint in rows
    ]


# the scheduler's


@dataclass(frozen=True)
class Person:
    user_id: int
    choice: Choice
    red_flag: bool  # blocked by a warning sign now: no reminder to exercise


def people(s: Session) -> list[Person]:
    """Everyone with a choice and at least one browser to send to."""
    query = (
        select(ReminderSettings, PatientSummary.red_flag)
        .outerjoin(PatientSummary, PatientSummary.user_id == ReminderSettings.user_id)
        .where(exists().where(PushSubscription.user_id == ReminderSettings.user_id))
    )
    return [Person(row.user_id, _choice(row), bool(flag)) for row, flag in s.execute(query)]


def taken(
    s: Session, user_ids: Collection[int], days: Collection[date]
) -> dict[tuple[int, str, date], tuple[datetime, datetime | None]]:
    """The claims already made among these people and dates: when, and when finished."""
    if not user_ids:
        return {}
    found = s.execute(
        select(ReminderSend.user_id, ReminderSend.kind, ReminderSend.day,
               ReminderSend.claimed_at, ReminderSend.sent_at)
        .where(ReminderSend.user_id.in_(list(user_ids)), ReminderSend.day.in_(list(days)))
    )  # fmt: skip
    return {
        (uid, kind, day): (to_utc(claimed), None if sent is None else to_utc(sent))
        for uid, kind, day, claimed, sent in found
    }


def _insert(s: Session) -> Any:
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        return insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def claim(
    store: Store, user_id: int, kind: str, day: date, now: datetime, lease: timedelta
) -> int | None:
    """Claim one reminder for this worker, committed before it is sent: the claim's id, or
    None when another worker has it (or it was sent). A claim left unfinished for longer
    than `lease` is taken over."""
    moment = to_utc(now)
    with store.transaction() as s:
        statement = _insert(s)(ReminderSend).values(
            user_id=user_id, kind=kind, day=day, claimed_at=moment, delivered=0
        )
        statement = statement.on_conflict_do_nothing(index_elements=["user_id", "kind", "day"])
        made = s.scalar(statement.returning(ReminderSend.id))
        if made is not None:
            return int(made)
        stale = s.execute(
            update(ReminderSend)
            .where(ReminderSend.user_id == user_id, ReminderSend.kind == kind,
                   ReminderSend.day == day, ReminderSend.sent_at.is_(None),
                   ReminderSend.claimed_at < moment - lease)
            .values(claimed_at=moment)
        )  # fmt: skip
        if not getattr(stale, "rowcount", 0):
            return None
        return s.scalar(
            select(ReminderSend.id).where(
                ReminderSend.user_id == user_id, ReminderSend.kind == kind, ReminderSend.day == day
            )
        )


def review_day(s: Session, user_id: int) -> date | None:
    """The four-week review: 28 days after the diary's first day (none without a diary)."""
    first = s.scalar(select(func.min(EntryRow.day)).where(EntryRow.user_id == user_id))
    return None if first is None else first + timedelta(days=REVIEW_AFTER_DAYS)


def logged(s: Session, user_id: int, day: date) -> bool:
    """A diary entry or a session on that day."""
    entry = exists().where(EntryRow.user_id == user_id, EntryRow.day == day)
    session = exists().where(SessionRow.user_id == user_id, SessionRow.day == day)
    return bool(s.scalar(select(entry | session)))


@dataclass(frozen=True)
class Browser:
    id: str
    endpoint: str
    p256dh: str
    auth: str


def targets(s: Session, user_id: int) -> list[Browser]:
    rows = s.scalars(
        select(PushSubscription).where(PushSubscription.user_id == user_id)
        .order_by(PushSubscription.created_at, PushSubscription.id)
    )  # fmt: skip
    return [Browser(r.id, r.endpoint, r.p256dh, r.auth) for r in rows]


def finish(
    store: Store,
    claim_id: int,
    message: Message,
    delivered: int,
    gone: Sequence[Browser],
    now: datetime,
) -> None:
    """The claim done, and the subscriptions whose push service said they ended, forgotten
    (only if the endpoint is still the one that was tried)."""
    with store.transaction() as s:
        s.execute(
            update(ReminderSend)
            .where(ReminderSend.id == claim_id)
            .values(sent_at=to_utc(now), message=message.value, delivered=delivered)
        )
        for browser in gone:
            s.execute(
                delete(PushSubscription).where(
                    PushSubscription.id == browser.id,
                    PushSubscription.endpoint == browser.endpoint,
                    PushSubscription.p256dh == browser.p256dh,
                )
            )


def forget_before(store: Store, day: date) -> int:
    """Claims for dates before `day` are no longer needed (each is due for a day at most)."""
    old = ReminderSend.day < day
    with store.reading() as s:  # most days there is nothing: no write then
        if s.scalar(select(ReminderSend.id).where(old).limit(1)) is None:
            return 0
    with store.transaction() as s:
        result = s.execute(delete(ReminderSend).where(old))
        return int(getattr(result, "rowcount", 0) or 0)

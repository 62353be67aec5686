"""The ORM classes, mapped onto the Core tables of schema.py (the one schema definition).

Most of the store reads and writes through these; the hot paths use the Core tables alone."""

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Index, text
from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from sciatica_coach.store import schema
from sciatica_coach.store.schema import name_key

__all__ = [
    "AppSecret",
    "AttemptCounter",
    "Base",
    "CareLink",
    "ClearanceRow",
    "EntryRow",
    "LinkCode",
    "PainStopRow",
    "PatientSummary",
    "ProfileRow",
    "PushSubscription",
    "QuestionnaireAnswerRow",
    "ReminderSend",
    "ReminderSettings",
    "ScreeningRow",
    "SessionItemRow",
    "SessionRow",
    "SummaryJob",
    "TechniqueCheckRow",
    "User",
    "WebSession",
    "name_key",
]


class Base(DeclarativeBase):
    metadata = schema.metadata


# The days with a reach recorded, so that the reach trend's first and last week are two index
# seeks (migration 0011). Declared here, not in schema.py: the PostgreSQL option of a partial
# index loads SQLAlchemy's PostgreSQL dialect to check it, which `sciatica log` on SQLite
# should not pay for. The migrations and the ORM, which compare and use the whole schema,
# import this module.
Index(
    "ix_diary_entries_reach_days",
    schema.diary_entries.c.user_id,
    schema.diary_entries.c.day,
    sqlite_where=text("reaches IS NOT NULL"),
    postgresql_where=text("reaches IS NOT NULL"),
)


class User(Base):
    __table__ = schema.users
    id: Mapped[int]
    username: Mapped[str]
    name_key: Mapped[str]
    is_local: Mapped[bool]
    password_hash: Mapped[str | None]
    role: Mapped[str]
    created_at: Mapped[datetime]


class ProfileRow(Base):
    __table__ = schema.profiles
    user_id: Mapped[int]
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class EntryRow(Base):
    __table__ = schema.diary_entries
    id: Mapped[int]
    user_id: Mapped[int]
    day: Mapped[date]
    leg_pain: Mapped[int]
    back_pain: Mapped[int]
    tingling: Mapped[bool]
    numbness: Mapped[bool]
    weakness: Mapped[bool]
    note: Mapped[str]
    reaches: Mapped[str | None]
    idempotency_key: Mapped[str | None]


class ScreeningRow(Base):
    __table__ = schema.screenings
    id: Mapped[int]
    user_id: Mapped[int]
    taken_at: Mapped[datetime]
    level: Mapped[str]
    answers: Mapped[dict[str, Any]]
    question_set: Mapped[int]


class ClearanceRow(Base):
    __table__ = schema.clearances
    id: Mapped[int]
    user_id: Mapped[int]
    screening_id: Mapped[int]
    given_at: Mapped[datetime]
    covers: Mapped[dict[str, Any]]
    note: Mapped[str | None]


class SessionRow(Base):
    __table__ = schema.sessions
    id: Mapped[int]
    user_id: Mapped[int]
    day: Mapped[date]
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    feeling: Mapped[str | None]
    finished: Mapped[bool]
    skipped: Mapped[list[dict[str, Any]] | None]
    idempotency_key: Mapped[str | None]
    items: Mapped[list["SessionItemRow"]] = relationship(
        cascade="all, delete-orphan", order_by="SessionItemRow.id", lazy="selectin"
    )
    stops: Mapped[list["PainStopRow"]] = relationship(
        cascade="all, delete-orphan", order_by="PainStopRow.id", lazy="selectin"
    )
    checks: Mapped[list["TechniqueCheckRow"]] = relationship(
        cascade="all, delete-orphan", order_by="TechniqueCheckRow.id", lazy="selectin"
    )


class SessionItemRow(Base):
    __table__ = schema.session_items
    id: Mapped[int]
    session_id: Mapped[int]
    routine_id: Mapped[str]
    side: Mapped[str | None]


class PainStopRow(Base):
    __table__ = schema.pain_stops
    id: Mapped[int]
    session_id: Mapped[int]
    routine_id: Mapped[str]
    side: Mapped[str | None]
    step_index: Mapped[int]
    severity: Mapped[int | None]


class TechniqueCheckRow(Base):
    __table__ = schema.technique_checks
    id: Mapped[int]
    session_id: Mapped[int]
    routine_id: Mapped[str]
    pain: Mapped[str | None]
    reach: Mapped[str | None]


class QuestionnaireAnswerRow(Base):
    __table__ = schema.questionnaire_answers
    id: Mapped[int]
    user_id: Mapped[int]
    questionnaire: Mapped[str]
    day: Mapped[date]
    answered_at: Mapped[datetime]
    answers: Mapped[dict[str, Any]]


class WebSession(Base):
    __table__ = schema.web_sessions
    id: Mapped[str]
    user_id: Mapped[int]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class AppSecret(Base):
    __table__ = schema.app_secrets
    name: Mapped[str]
    value: Mapped[str]
    created_at: Mapped[datetime]


class LinkCode(Base):
    __table__ = schema.link_codes
    code_hash: Mapped[str]
    patient_id: Mapped[int]
    expires_at: Mapped[datetime]


class CareLink(Base):
    __table__ = schema.care_links
    id: Mapped[int]
    patient_id: Mapped[int]
    clinician_id: Mapped[int]
    created_at: Mapped[datetime]
    rank: Mapped[bytes | None]


class AttemptCounter(Base):
    __table__ = schema.attempt_counters
    key: Mapped[str]
    count: Mapped[int]
    window_start: Mapped[datetime]
    last_at: Mapped[datetime]


class PatientSummary(Base):
    __table__ = schema.patient_summaries
    user_id: Mapped[int]
    as_of: Mapped[date]
    username: Mapped[str]
    attention_group: Mapped[int]
    rank: Mapped[bytes]
    screening: Mapped[str | None]
    red_flag: Mapped[bool]
    assessment: Mapped[dict[str, Any] | None]
    last_activity: Mapped[date | None]


class SummaryJob(Base):
    __table__ = schema.summary_jobs
    name: Mapped[str]
    day: Mapped[date | None]
    ran_at: Mapped[datetime | None]


class ReminderSettings(Base):
    __table__ = schema.reminder_settings
    user_id: Mapped[int]
    days: Mapped[str]
    at: Mapped[time]
    time_zone: Mapped[str]
    evening: Mapped[bool]
    review: Mapped[bool]
    updated_at: Mapped[datetime]


class PushSubscription(Base):
    __table__ = schema.push_subscriptions
    id: Mapped[str]
    user_id: Mapped[int]
    endpoint: Mapped[str]
    p256dh: Mapped[str]
    auth: Mapped[str]
    session_id: Mapped[str | None]
    created_at: Mapped[datetime]


class ReminderSend(Base):
    __table__ = schema.reminder_sends
    id: Mapped[int]
    user_id: Mapped[int]
    kind: Mapped[str]
    day: Mapped[date]
    claimed_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    message: Mapped[str | None]
    delivered: Mapped[int]

"""The database schema (SQLAlchemy 2). One schema serves the CLI's single local user and the
web app's many users; every row that holds health data belongs to one user."""

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}  # noqa: RUF012


def _owner() -> Mapped[int]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


def name_key(username: str) -> str:
    """What makes two names the same name: case does not count (`Ann` is `ann`)."""
    return username.lower()


def _name_key_default(context: DefaultExecutionContext) -> str:
    parameters = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return name_key(str(parameters["username"]))


class User(Base):
    """`name_key` is unique: one account per name whatever its case (accounts from before
    that rule whose names differ only in case keep theirs, suffixed `#id`, and sign in by
    their exact name). `is_local` marks the CLI's one user, which has no password: it is
    never found by a name, so no name is reserved on the web."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name_key: Mapped[str] = mapped_column(String(100), unique=True, default=_name_key_default)
    is_local: Mapped[bool] = mapped_column(default=False, server_default=false())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="patient")
    created_at: Mapped[datetime]


class ProfileRow(Base):
    __tablename__ = "profiles"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class EntryRow(Base):
    __tablename__ = "diary_entries"
    __table_args__ = (
        UniqueConstraint("user_id", "day"),
        CheckConstraint("leg_pain BETWEEN 0 AND 10", name="leg_pain_range"),
        CheckConstraint("back_pain BETWEEN 0 AND 10", name="back_pain_range"),
        Index("ix_diary_entries_idempotency_key", "user_id", "idempotency_key", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # indexed by the (user_id, day) unique constraint: per-user range scans use it
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    leg_pain: Mapped[int] = mapped_column(Integer)
    back_pain: Mapped[int] = mapped_column(Integer)
    tingling: Mapped[bool] = mapped_column(default=False)
    numbness: Mapped[bool] = mapped_column(default=False)
    weakness: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    reaches: Mapped[str | None] = mapped_column(String(20))
    # The `Idempotency-Key` of the request that added it (an entry logged offline, sent again
    # when the network returns): a replay finds this row instead of adding a second one.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))


class ScreeningRow(Base):
    __tablename__ = "screenings"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _owner()
    taken_at: Mapped[datetime]
    level: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict[str, Any]]
    # the question set answered (safety/questions.toml); checks before safety v2 answered set 1
    question_set: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ClearanceRow(Base):
    """A doctor's all-clear for the warning signs of one check."""

    __tablename__ = "clearances"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _owner()
    screening_id: Mapped[int] = mapped_column(ForeignKey("screenings.id", ondelete="CASCADE"))
    given_at: Mapped[datetime]
    covers: Mapped[dict[str, Any]]  # {"questions": [ids]}
    note: Mapped[str | None] = mapped_column(Text)


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_idempotency_key", "user_id", "idempotency_key", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _owner()
    day: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    feeling: Mapped[str | None] = mapped_column(String(10))
    finished: Mapped[bool] = mapped_column(default=False)
    # techniques passed with "Next" before they were done: [{"routine_id", "side"}]; kept
    # apart from the items, which every count of sessions done reads
    skipped: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # The `Idempotency-Key` of the request that stored it (see EntryRow)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    items: Mapped[list["SessionItemRow"]] = relationship(
        cascade="all, delete-orphan", order_by="SessionItemRow.id", lazy="selectin"
    )
    stops: Mapped[list["PainStopRow"]] = relationship(
        cascade="all, delete-orphan", order_by="PainStopRow.id", lazy="selectin"
    )
    checks: Mapped[list["TechniqueCheckRow"]] = relationship(
        cascade="all, delete-orphan", order_by="TechniqueCheckRow.id", lazy="selectin"
    )


class SessionItemRow(Base):  # a technique (side) done
    __tablename__ = "session_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    routine_id: Mapped[str] = mapped_column(String(80))
    side: Mapped[str | None] = mapped_column(String(5))


class PainStopRow(Base):
    __tablename__ = "pain_stops"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    routine_id: Mapped[str] = mapped_column(String(80))
    side: Mapped[str | None] = mapped_column(String(5))
    step_index: Mapped[int]
    severity: Mapped[int | None]


class TechniqueCheckRow(Base):
    """The check after a technique: compared with before, the leg pain (better, same, worse)
    and how far it reaches (less far, same, further); either may be left unanswered."""

    __tablename__ = "technique_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    routine_id: Mapped[str] = mapped_column(String(80))
    pain: Mapped[str | None] = mapped_column(String(10))
    reach: Mapped[str | None] = mapped_column(String(10))


class QuestionnaireAnswerRow(Base):
    """One answer to a questionnaire (outcomes/questionnaires/*.toml), as normalised JSON;
    the score is computed from it by the questionnaire's published rule when read."""

    __tablename__ = "questionnaire_answers"
    __table_args__ = (Index("ix_questionnaire_answers_user_day", "user_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    questionnaire: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime]
    answers: Mapped[dict[str, Any]]


class WebSession(Base):
    """A signed-in browser (web app). The cookie holds a random token; only its SHA-256 is
    stored, so a copy of the database does not let anyone sign in."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    user_id: Mapped[int] = _owner()
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class AppSecret(Base):
    """Secrets the server makes for itself on first start (e.g. the cookie signing key), kept
    in the database so every worker on the same database shares them."""

    __tablename__ = "app_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class LinkCode(Base):
    """A one-time code a patient gives a clinician; only its hash is kept."""

    __tablename__ = "link_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    patient_id: Mapped[int] = _owner()
    expires_at: Mapped[datetime]


class CareLink(Base):
    """A clinician follows a patient (read only) until the patient revokes it."""

    __tablename__ = "care_links"
    __table_args__ = (UniqueConstraint("patient_id", "clinician_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class AttemptCounter(Base):
    """Guesses (sign-ins, link codes, registrations) counted per key — an address, an
    account, an account from one address — shared by every worker. A row is locked while a
    request decides, so concurrent guesses cannot all read the same count."""

    __tablename__ = "attempt_counters"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime]
    last_at: Mapped[datetime]


class PatientSummary(Base):
    """What the clinician's list shows about one person, kept up to date by every write that
    changes it (store/summaries.py) and recomputed for everyone once a day, so the dashboard
    reads rows instead of recomputing verdicts. `rank` is the attention order as bytes
    (group, last activity, name), compared the same way by every database, and indexed: a
    page of the list is an index walk."""

    __tablename__ = "patient_summaries"
    __table_args__ = (Index("ix_patient_summaries_rank", "rank"),)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date] = mapped_column(Date)
    username: Mapped[str] = mapped_column(String(80))
    attention_group: Mapped[int] = mapped_column(Integer)
    rank: Mapped[bytes] = mapped_column(LargeBinary)
    screening: Mapped[str | None] = mapped_column(String(20))  # the latest check's level
    red_flag: Mapped[bool] = mapped_column(default=False)  # blocked by a red flag now
    assessment: Mapped[dict[str, Any] | None]  # the four-week rule's verdict as of as_of
    last_activity: Mapped[date | None] = mapped_column(Date)


class SummaryJob(Base):
    """The daily recomputation: the day it last ran. A worker claims a day by moving it
    (UPDATE ... WHERE day differs), so with several workers it runs once."""

    __tablename__ = "summary_jobs"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date | None] = mapped_column(Date)
    ran_at: Mapped[datetime | None]


class ReminderSettings(Base):
    """When a person wants their reminders: the chosen weekdays (`mon,tue,...`) at a time of
    day in their own time zone (an IANA name), and whether the evening nudge and the review
    day's reminder come too. Pushed to every browser in `push_subscriptions`."""

    __tablename__ = "reminder_settings"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    days: Mapped[str] = mapped_column(String(30))
    at: Mapped[time] = mapped_column(Time)
    time_zone: Mapped[str] = mapped_column(String(64))
    evening: Mapped[bool] = mapped_column(default=True)
    review: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]


class PushSubscription(Base):
    """A browser's Web Push subscription: where its push service takes messages for it
    (`endpoint`, a capability URL) and the keys its messages are encrypted to. One browser
    has one endpoint, and it belongs to one person: the last who turned reminders on there.
    `id` is the endpoint's SHA-256 (the page names a subscription by it, never by the URL).
    `session_id` is the signed-in browser session that made it: signing out removes it."""

    __tablename__ = "push_subscriptions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = _owner()
    endpoint: Mapped[str] = mapped_column(Text)
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(50))
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]


class ReminderSend(Base):
    """One reminder slot of one person's day (`morning`: the chosen time, `evening`: the
    nudge), claimed by the worker that sends it: the row is inserted once (the unique key),
    so with several workers exactly one sends. `sent_at` is set when it is done; a claim left
    unfinished for longer than a lease (its worker died) may be taken over. `message` says
    what was sent (session, review, nudge) or `none` when nothing was due after all."""

    __tablename__ = "reminder_sends"
    __table_args__ = (UniqueConstraint("user_id", "kind", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    message: Mapped[str | None] = mapped_column(String(10))
    delivered: Mapped[int] = mapped_column(Integer, default=0)

"""The database schema as SQLAlchemy Core tables. One schema serves the CLI's single local user
and the web app's many users; every row that holds health data belongs to one user.

The ORM classes (tables.py) are mapped onto these tables. The hot paths (a diary write, a
progress read, the session lookup) and the CLI's `log` run Core statements on these tables
alone, so they never import or configure the ORM."""

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine.default import DefaultExecutionContext

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def name_key(username: str) -> str:
    """What makes two names the same name: case does not count (`Ann` is `ann`)."""
    return username.lower()


def _name_key_default(context: DefaultExecutionContext) -> str:
    parameters = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return name_key(str(parameters["username"]))


def _moment(name: str, nullable: bool = False) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


def _of_session() -> Column[int]:
    """The session a row is part of (indexed; the row goes with the session)."""
    return Column(
        "session_id",
        Integer,
        ForeignKey("sessions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _owner(name: str = "user_id") -> Column[int]:
    """The user a row belongs to (indexed; the row goes with the user)."""
    return Column(
        name, Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )


# `name_key` is unique: one account per name whatever its case (accounts from before that
# rule whose names differ only in case keep theirs, suffixed `#id`, and sign in by their exact
# name). `is_local` marks the CLI's one user, which has no password: it is never found by a
# name, so no name is reserved on the web.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("name_key", String(100), nullable=False, unique=True, default=_name_key_default),
    Column("is_local", Boolean, nullable=False, default=False, server_default=false()),
    Column("password_hash", String(255), nullable=True),
    Column("role", String(20), nullable=False, default="patient"),
    _moment("created_at"),
)

profiles = Table(
    "profiles",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("data", JSON, nullable=False),
    _moment("updated_at"),
)

diary_entries = Table(
    "diary_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    # indexed by the (user_id, day) unique constraint: per-user range scans use it
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("leg_pain", Integer, nullable=False),
    Column("back_pain", Integer, nullable=False),
    Column("tingling", Boolean, nullable=False, default=False),
    Column("numbness", Boolean, nullable=False, default=False),
    Column("weakness", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Column("reaches", String(20), nullable=True),
    # The `Idempotency-Key` of the request that added it (an entry logged offline, sent again
    # when the network returns): a replay finds this row instead of adding a second one.
    Column("idempotency_key", String(64), nullable=True),
    UniqueConstraint("user_id", "day"),
    CheckConstraint("leg_pain BETWEEN 0 AND 10", name="leg_pain_range"),
    CheckConstraint("back_pain BETWEEN 0 AND 10", name="back_pain_range"),
    Index("ix_diary_entries_idempotency_key", "user_id", "idempotency_key", unique=True),
    # ix_diary_entries_reach_days, a partial index: declared in tables.py
)

screenings = Table(
    "screenings",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    _moment("taken_at"),
    Column("level", String(20), nullable=False),
    Column("answers", JSON, nullable=False),
    # the question set answered (safety/questions.toml); checks before safety v2 answered set 1
    Column("question_set", Integer, nullable=False, default=1, server_default="1"),
)

# A doctor's all-clear for the warning signs of one check.
clearances = Table(
    "clearances",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column(
        "screening_id",
        Integer,
        ForeignKey("screenings.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _moment("given_at"),
    Column("covers", JSON, nullable=False),  # {"questions": [ids]}
    Column("note", Text, nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("day", Date, nullable=False, index=True),
    _moment("started_at"),
    _moment("ended_at"),
    Column("feeling", String(10), nullable=True),
    Column("finished", Boolean, nullable=False, default=False),
    # techniques passed with "Next" before they were done: [{"routine_id", "side"}]; kept
    # apart from the items, which every count of sessions done reads
    Column("skipped", JSON, nullable=True),
    # The `Idempotency-Key` of the request that stored it (see diary_entries)
    Column("idempotency_key", String(64), nullable=True),
    Index("ix_sessions_idempotency_key", "user_id", "idempotency_key", unique=True),
)

# a technique (side) done
session_items = Table(
    "session_items",
    metadata,
    Column("id", Integer, primary_key=True),
    _of_session(),
    Column("routine_id", String(80), nullable=False),
    Column("side", String(5), nullable=True),
)

pain_stops = Table(
    "pain_stops",
    metadata,
    Column("id", Integer, primary_key=True),
    _of_session(),
    Column("routine_id", String(80), nullable=False),
    Column("side", String(5), nullable=True),
    Column("step_index", Integer, nullable=False),
    Column("severity", Integer, nullable=True),
)

# The check after a technique: compared with before, the leg pain (better, same, worse) and
# how far it reaches (less far, same, further); either may be left unanswered.
technique_checks = Table(
    "technique_checks",
    metadata,
    Column("id", Integer, primary_key=True),
    _of_session(),
    Column("routine_id", String(80), nullable=False),
    Column("pain", String(10), nullable=True),
    Column("reach", String(10), nullable=True),
)

# One answer to a questionnaire (outcomes/questionnaires/*.toml), as normalised JSON; the
# score is computed from it by the questionnaire's published rule when read.
questionnaire_answers = Table(
    "questionnaire_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("questionnaire", String(20), nullable=False),
    Column("day", Date, nullable=False),
    _moment("answered_at"),
    Column("answers", JSON, nullable=False),
    Index("ix_questionnaire_answers_user_day", "user_id", "day"),
)

# A signed-in browser (web app). The cookie holds a random token; only its SHA-256 is
# stored, so a copy of the database does not let anyone sign in.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 hex of the token
    _owner(),
    _moment("created_at"),
    _moment("expires_at"),
)

# Secrets the server makes for itself on first start (e.g. the cookie signing key), kept in
# the database so every worker on the same database shares them.
app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
    _moment("created_at"),
)

# A one-time code a patient gives a clinician; only its hash is kept.
link_codes = Table(
    "link_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    _owner("patient_id"),
    _moment("expires_at"),
)

# A clinician follows a patient (read only) until the patient revokes it. `rank` is the
# patient's attention rank (patient_summaries.rank), kept equal to it by every write of the
# summary row, so that a page of one clinician's list is a walk of one index.
care_links = Table(
    "care_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("patient_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column(
        "clinician_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _moment("created_at"),
    Column("rank", LargeBinary, nullable=True),
    UniqueConstraint("patient_id", "clinician_id"),
    Index("ix_care_links_clinician_rank", "clinician_id", "rank", "patient_id"),
)

# Guesses (sign-ins, link codes, registrations) counted per key — an address, an account, an
# account from one address — shared by every worker. A row is locked while a request
# decides, so concurrent guesses cannot all read the same count.
attempt_counters = Table(
    "attempt_counters",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("count", Integer, nullable=False, default=0),
    _moment("window_start"),
    _moment("last_at"),
)

# What the clinician's list shows about one person, kept up to date by every write that
# changes it (store/summaries.py) and recomputed for everyone once a day, so the dashboard
# reads rows instead of recomputing verdicts. `rank` is the attention order as bytes (group,
# last activity, name), compared the same way by every database, and indexed: a page of the
# list is an index walk.
patient_summaries = Table(
    "patient_summaries",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("as_of", Date, nullable=False),
    Column("username", String(80), nullable=False),
    Column("attention_group", Integer, nullable=False),
    Column("rank", LargeBinary, nullable=False),
    Column("screening", String(20), nullable=True),  # the latest check's level
    Column("red_flag", Boolean, nullable=False, default=False),  # blocked by a red flag now
    Column("assessment", JSON, nullable=True),  # the four-week rule's verdict as of as_of
    Column("last_activity", Date, nullable=True),
    Index("ix_patient_summaries_rank", "rank"),
)

# The daily recomputation: the day it last ran. A worker claims a day by moving it (UPDATE
# ... WHERE day differs), so with several workers it runs once.
summary_jobs = Table(
    "summary_jobs",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("day", Date, nullable=True),
    _moment("ran_at", nullable=True),
)

# When a person wants their reminders: the chosen weekdays (`mon,tue,...`) at a time of day in
# their own time zone (an IANA name), and whether the evening nudge and the review day's
# reminder come too. Pushed to every browser in `push_subscriptions`.
reminder_settings = Table(
    "reminder_settings",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("days", String(30), nullable=False),
    Column("at", Time, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("evening", Boolean, nullable=False, default=True),
    Column("review", Boolean, nullable=False, default=True),
    _moment("updated_at"),
)

# A browser's Web Push subscription: where its push service takes messages for it (`endpoint`,
# a capability URL) and the keys its messages are encrypted to. One browser has one endpoint,
# and it belongs to one person: the last who turned reminders on there. `id` is the endpoint's
# SHA-256 (the page names a subscription by it, never by the URL). `session_id` is the
# signed-in browser session that made it: signing out removes it.
push_subscriptions = Table(
    "push_subscriptions",
    metadata,
    Column("id", String(64), primary_key=True),
    _owner(),
    Column("endpoint", Text, nullable=False),
    Column("p256dh", String(100), nullable=False),
    Column("auth", String(50), nullable=False),
    Column("session_id", String(64), nullable=True, index=True),
    _moment("created_at"),
)

# One reminder slot of one person's day (`morning`: the chosen time, `evening`: the nudge),
# claimed by the worker that sends it: the row is inserted once (the unique key), so with
# several workers exactly one sends. `sent_at` is set when it is done; a claim left unfinished
# for longer than a lease (its worker died) may be taken over. `message` says what was sent
# (session, review, nudge) or `none` when nothing was due after all.
reminder_sends = Table(
    "reminder_sends",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("day", Date, nullable=False),
    _moment("claimed_at"),
    _moment("sent_at", nullable=True),
    Column("message", String(10), nullable=True),
    Column("delivered", Integer, nullable=False, default=0),
    UniqueConstraint("user_id", "kind", "day"),
)

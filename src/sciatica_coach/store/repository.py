"""The store: every read is scoped to one user, every write is one transaction."""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    and_,
    bindparam,
    delete,
    exists,
    select,
)
from sqlalchemy.exc import IntegrityError

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import Windows
from sciatica_coach.store import convert, schema

if TYPE_CHECKING:  # imported when used: the ORM, and sessions load the catalog's models
    from sqlalchemy.orm import Session

    from sciatica_coach.outcomes import Answered
    from sciatica_coach.safety import Clearance, ScreeningRecord
    from sciatica_coach.session import SessionRecord
    from sciatica_coach.store.tables import QuestionnaireAnswerRow

# The CLI's user: found by `is_local`, never by a name. Its name has brackets, which a web
# name cannot have, so nobody can register it (databases from before 0005 keep "local").
LOCAL_USER = "(local)"
_ENTRY_FIELDS = ("leg_pain", "back_pain", "tingling", "numbness", "weakness", "note", "reaches")


_E = schema.diary_entries
_BY_DAY = (_E.c.user_id == bindparam("user_id"), _E.c.day == bindparam("day", type_=Date))
# Built once: SQLAlchemy compiles each once per database and reuses it.
_DAY_ROW = select(_E).where(*_BY_DAY)
_DAY_ID = select(_E.c.id).where(*_BY_DAY)
_KEY_ROW = select(_E).where(
    _E.c.user_id == bindparam("user_id"), _E.c.idempotency_key == bindparam("key")
)
_LOCAL_USER = (
    select(schema.users.c.id).where(schema.users.c.is_local).order_by(schema.users.c.id).limit(1)
)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        # One statement needs no transaction around it: on PostgreSQL that saves the round
        # trips of BEGIN and ROLLBACK. Nor do several reads there: under its READ COMMITTED,
        # each statement takes its own snapshot inside a transaction too. On SQLite a read
        # transaction does keep one snapshot for all its statements.
        if engine.dialect.name == "postgresql":
            self._single = engine.execution_options(isolation_level="AUTOCOMMIT")
            self._reads: Engine = self._single
        else:
            self._single = engine.execution_options(sqlite_begin=None)
            self._reads = engine
        self._sessions: tuple[Any, Any] | None = None
        self._local_id: int | None = None  # the CLI's user, once known: it has no list line
        # SQLite has one writer at a time; threads of this process queue here, in order,
        # instead of in SQLite's busy handler, which sleeps and retries (a long tail under
        # load). Other processes still wait in the busy handler.
        self._write_turn = threading.Lock() if engine.dialect.name == "sqlite" else None

    # Core: the hot paths (a diary write, a progress read, the session lookup, the CLI's
    # `log`) run prebuilt Core statements on a connection, never importing the ORM.

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One unit of work on a Core connection: committed whole or rolled back whole."""
        if self._write_turn is None:
            with self._writer.begin() as connection:
                yield connection
            return
        with self._write_turn, self._writer.begin() as connection:
            yield connection

    @contextmanager
    def looking(self) -> Iterator[Connection]:
        """A read-only Core connection: one read transaction on SQLite (rolled back at the
        end), statements on their own on PostgreSQL (the same snapshots, two round trips
        fewer)."""
        with self._reads.connect() as connection:
            yield connection

    @contextmanager
    def looking_once(self) -> Iterator[Connection]:
        """A Core connection for one read statement, which needs no transaction around it."""
        with self._single.connect() as connection:
            yield connection

    # ORM sessions, for everything else (imported on first use)

    def _sessionmakers(self) -> tuple[Any, Any]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = (
                sessionmaker(self.engine, expire_on_commit=False),
                sessionmaker(self._writer, expire_on_commit=False),
            )
        return self._sessions

    @contextmanager
    def transaction(self) -> "Iterator[Session]":
        """One unit of work: committed whole on success, rolled back whole on any error."""
        writes = self._sessionmakers()[1]
        if self._write_turn is None:
            with writes.begin() as session:
                yield session
            return
        with self._write_turn, writes.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> "Iterator[Session]":
        with self._sessionmakers()[0]() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # users

    def local_user_id(self) -> int:
        """The CLI's one user, created on first use."""
        if self._local_id is not None:
            return self._local_id
        with self.looking() as c:
            found = c.scalar(_LOCAL_USER)
        if found is not None:
            self._local_id = int(found)
            return self._local_id
        try:
            with self.writing() as c:
                values = {"username": LOCAL_USER, "is_local": True, "role": "patient"}
                statement = schema.users.insert().values(**values, created_at=_now())
                return int(c.execute(statement.returning(schema.users.c.id)).scalar_one())
        except IntegrityError:  # another process created it first
            return self.local_user_id()

    # profile

    def load_profile(self, user_id: int) -> dict[str, Any] | None:
        from sciatica_coach.store.tables import ProfileRow

        with self.reading() as s:
            row = s.get(ProfileRow, user_id)
            return dict(row.data) if row else None

    def save_profile(self, user_id: int, data: dict[str, Any]) -> None:
        from sciatica_coach.store.tables import ProfileRow

        with self.transaction() as s:
            row = s.get(ProfileRow, user_id)
            if row is None:
                s.add(ProfileRow(user_id=user_id, data=dict(data), updated_at=_now()))
            else:
                row.data = dict(data)
                row.updated_at = _now()

    # screenings

    def save_screening(self, user_id: int, record: "ScreeningRecord") -> "ScreeningRecord":
        with self.transaction() as s:
            row = convert.screening_row(user_id, record)
            s.add(row)
            s.flush()
            _summarise(s, user_id, safety=True)
            return convert.screening_from_row(row)

    def latest_screening(self, user_id: int) -> "ScreeningRecord | None":
        from sciatica_coach.store.tables import ScreeningRow

        with self.reading() as s:
            row = s.scalar(
                select(ScreeningRow)
                .where(ScreeningRow.user_id == user_id)
                .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
                .limit(1)
            )
            return convert.screening_from_row(row) if row else None

    def screenings(self, user_id: int) -> "list[ScreeningRecord]":
        from sciatica_coach.store.tables import ScreeningRow

        with self.reading() as s:
            rows = s.scalars(
                select(ScreeningRow)
                .where(ScreeningRow.user_id == user_id)
                .order_by(ScreeningRow.taken_at, ScreeningRow.id)
            )
            return [convert.screening_from_row(r) for r in rows]

    # doctors' clearances

    def save_clearance(self, user_id: int, clearance: "Clearance") -> "Clearance":
        """Stored only if its check is this user's (InvalidInput otherwise)."""
        from sciatica_coach.store.tables import ScreeningRow

        with self.transaction() as s:
            owner = s.scalar(
                select(ScreeningRow.user_id).where(ScreeningRow.id == clearance.screening_id)
            )
            if owner != user_id:
                raise InvalidInput("screening", clearance.screening_id, "one of your own checks")
            row = convert.clearance_row(user_id, clearance)
            s.add(row)
            s.flush()
            _summarise(s, user_id, safety=True)
            return convert.clearance_from_row(row)

    def clearances(self, user_id: int) -> "list[Clearance]":
        from sciatica_coach.store.tables import ClearanceRow

        with self.reading() as s:
            rows = s.scalars(
                select(ClearanceRow)
                .where(ClearanceRow.user_id == user_id)
                .order_by(ClearanceRow.given_at, ClearanceRow.id)
            )
            return [convert.clearance_from_row(r) for r in rows]

    # sessions

    def save_session(self, user_id: int, record: "SessionRecord") -> "SessionRecord":
        with self.transaction() as s:
            row = convert.session_row(user_id, record)
            s.add(row)
            s.flush()
            _summarise(s, user_id)
            return convert.session_from_row(row)

    def save_session_once(
        self, user_id: int, record: "SessionRecord", key: str
    ) -> tuple["SessionRecord", bool]:
        """Store a session sent with an idempotency key, once: (the stored session, True) when
        this key had stored one already (a replay; nothing new is stored), else (the session
        just stored, False). Two requests with the same key at once store one session."""
        found = self.session_by_key(user_id, key)
        if found is not None:
            return found, True
        try:
            with self.transaction() as s:
                row = convert.session_row(user_id, record)
                row.idempotency_key = key
                s.add(row)
                s.flush()
                _summarise(s, user_id)
                return convert.session_from_row(row), False
        except IntegrityError:  # the same key, stored meanwhile by a concurrent request
            found = self.session_by_key(user_id, key)
            if found is None:
                raise
            return found, True

    def session_by_key(self, user_id: int, key: str) -> "SessionRecord | None":
        from sciatica_coach.store.tables import SessionRow

        with self.reading() as s:
            row = s.scalar(
                select(SessionRow).where(
                    SessionRow.user_id == user_id, SessionRow.idempotency_key == key
                )
            )
            return convert.session_from_row(row) if row else None

    def sessions(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> "list[SessionRecord]":
        from sciatica_coach.store.tables import SessionRow

        query = select(SessionRow).where(SessionRow.user_id == user_id)
        if start is not None:
            query = query.where(SessionRow.day >= start)
        if end is not None:
            query = query.where(SessionRow.day <= end)
        with self.reading() as s:
            rows = s.scalars(query.order_by(SessionRow.started_at, SessionRow.id)).all()
            return [convert.session_from_row(r) for r in rows]

    def checked_sessions(
        self, user_ids: Sequence[int], since: date, until: date
    ) -> dict[int, list["SessionRecord"]]:
        """The sessions from `since` to `until` with at least one check after a technique, per
        person: one query for a page of the clinician's list (each session's checks found by
        an index seek, not by reading every check there is)."""
        from sciatica_coach.store.tables import SessionRow

        if not user_ids:
            return {}
        checks = schema.technique_checks.c
        query = (
            select(SessionRow)
            .where(SessionRow.user_id.in_(list(user_ids)))
            .where(SessionRow.day >= since, SessionRow.day <= until)
            .where(exists().where(checks.session_id == SessionRow.id))
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        found: dict[int, list[SessionRecord]] = {}
        with self.reading() as s:
            for row in s.scalars(query):
                found.setdefault(row.user_id, []).append(convert.session_from_row(row))
        return found

    # questionnaires

    def save_answer(self, user_id: int, answered: "Answered") -> "Answered":
        from sciatica_coach.store.tables import QuestionnaireAnswerRow

        with self.transaction() as s:
            row = QuestionnaireAnswerRow(
                user_id=user_id,
                questionnaire=answered.questionnaire,
                day=answered.day,
                answered_at=_now(),
                answers=dict(answered.answers),
            )
            s.add(row)
            s.flush()
            return _answered(row)

    def answers(self, user_id: int, end: date | None = None) -> list["Answered"]:
        from sciatica_coach.store.tables import QuestionnaireAnswerRow

        query = select(QuestionnaireAnswerRow).where(QuestionnaireAnswerRow.user_id == user_id)
        if end is not None:
            query = query.where(QuestionnaireAnswerRow.day <= end)
        with self.reading() as s:
            rows = s.scalars(query.order_by(QuestionnaireAnswerRow.day, QuestionnaireAnswerRow.id))
            return [_answered(r) for r in rows]

    # diary

    def put_entry(self, user_id: int, entry: DiaryEntry) -> DiaryEntry:
        """Store the day's entry; a second entry for the same day replaces the first."""
        return self.store_day(user_id, entry)[0]

    def store_day(self, user_id: int, entry: DiaryEntry) -> tuple[DiaryEntry, bool]:
        """`put_entry`, and whether it replaced an entry the day had, in one transaction."""
        with self.writing() as c:
            replaced = c.scalar(_DAY_ID, {"user_id": user_id, "day": entry.day}) is not None
            values = {"user_id": user_id, **convert.entry_values(entry)}
            entry_id = c.scalar(_put(c.dialect.name), values)
            if user_id != self._local_id:  # the CLI's user is on no clinician's list
                _summarise(c, user_id)
            return entry.model_copy(update={"id": entry_id}), replaced

    def add_entry(self, user_id: int, entry: DiaryEntry) -> tuple[DiaryEntry, bool]:
        """Store a day's entry unless that day has one already, in one transaction:
        (the day's entry, True) when it was added, (the day's existing entry, False) when not."""
        with self.writing() as c:
            values = {"user_id": user_id, **convert.entry_values(entry)}
            entry_id = c.scalar(_add(c.dialect.name), values)
            if entry_id is None:
                row = c.execute(_DAY_ROW, {"user_id": user_id, "day": entry.day}).one()
                return convert.entry_from_row(row), False  # type: ignore[arg-type]
            _summarise(c, user_id)
            return entry.model_copy(update={"id": entry_id}), True

    def add_entry_once(
        self, user_id: int, entry: DiaryEntry, key: str, replace: bool = False
    ) -> tuple[DiaryEntry, str]:
        """`add_entry` (or `put_entry` with `replace`) for a request sent with an idempotency
        key: (the entry, what happened), where what happened is "added", "replaced", "taken"
        (the day has another entry: nothing changed) or "replayed" (this key was stored
        before: the entry it stored, nothing changed). Safe against the same key at once."""
        found = self.entry_by_key(user_id, key)
        if found is not None:
            return found, "replayed"
        day = {"user_id": user_id, "day": entry.day}
        values = {**day, **convert.entry_values(entry), "idempotency_key": key}
        try:
            with self.writing() as c:
                existed = c.scalar(_DAY_ID, day) is not None
                statement = (_put if replace else _add)(c.dialect.name, keyed=True)
                changed = c.scalar(statement, values) is not None
                row = c.execute(_DAY_ROW, day).one()
                if row.idempotency_key == key and not changed:
                    return convert.entry_from_row(row), "replayed"  # type: ignore[arg-type]
                if changed:
                    _summarise(c, user_id)
                outcome = "taken" if not changed else "replaced" if existed else "added"
                return convert.entry_from_row(row), outcome  # type: ignore[arg-type]
        except IntegrityError:  # this key is on another day's entry: that was the first result
            found = self.entry_by_key(user_id, key)
            if found is None:
                raise
            return found, "replayed"

    def entry_by_key(self, user_id: int, key: str) -> DiaryEntry | None:
        with self.looking() as c:
            row = c.execute(_KEY_ROW, {"user_id": user_id, "key": key}).first()
            return convert.entry_from_row(row) if row else None  # type: ignore[arg-type]

    def import_entries(self, user_id: int, entries: Sequence[DiaryEntry]) -> int:
        """All or nothing: every entry is stored, or none is."""
        with self.writing() as c:
            self._upsert(c, user_id, entries)
            _summarise(c, user_id)
        return len(entries)

    def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[DiaryEntry]:
        # Plain rows, not ORM objects: a year of diary is read on every progress page, and
        # building 365 tracked objects cost more than the query.
        query = select(_E).where(_E.c.user_id == user_id)
        if start is not None:
            query = query.where(_E.c.day >= start)
        if end is not None:
            query = query.where(_E.c.day <= end)
        with self.looking() as c:
            rows = c.execute(query.order_by(_E.c.day))
            return [convert.entry_from_row(r) for r in rows]  # type: ignore[arg-type]

    def weakness_before(self, user_id: int, day: date) -> bool:
        """Whether any entry before `day` reported weakness."""
        query = select(_E.c.id).where(
            _E.c.user_id == user_id, _E.c.day < day, _E.c.weakness.is_(True)
        )
        with self.looking() as c:
            return c.execute(query.limit(1)).first() is not None

    def delete_entry(self, user_id: int, day: date) -> bool:
        with self.writing() as c:
            result = c.execute(delete(_E).where(_E.c.user_id == user_id, _E.c.day == day))
            return _summarise_if(c, user_id, result)

    def entry(self, user_id: int, entry_id: int) -> DiaryEntry | None:
        """One entry by id; None when there is none or it is another user's."""
        with self.looking() as c:
            row = c.execute(select(_E).where(_owned_entry(user_id, entry_id))).first()
            return convert.entry_from_row(row) if row else None  # type: ignore[arg-type]

    def replace_entry(self, user_id: int, entry_id: int, entry: DiaryEntry) -> DiaryEntry | None:
        """Overwrite one entry by id (its date may change); None when it is not this user's.
        Moving it onto a date that another entry already has is bad input on `date`."""
        with self.writing() as c:
            found = c.scalar(select(_E.c.id).where(_owned_entry(user_id, entry_id)))
            if found is None:
                return None
            clash = c.scalar(
                select(_E.c.id).where(
                    _E.c.user_id == user_id, _E.c.day == entry.day, _E.c.id != entry_id
                )
            )
            if clash is not None:
                raise InvalidInput(
                    "date", entry.day.isoformat(), "a date that has no other diary entry"
                )
            c.execute(_E.update().where(_E.c.id == entry_id).values(**convert.entry_values(entry)))
            _summarise(c, user_id)
            return entry.model_copy(update={"id": entry_id})

    def delete_entry_id(self, user_id: int, entry_id: int) -> bool:
        """Delete one entry by id; False when there is none or it is another user's."""
        with self.writing() as c:
            result = c.execute(delete(_E).where(_owned_entry(user_id, entry_id)))
            return _summarise_if(c, user_id, result)

    def windows(self, as_of: date, user_ids: Sequence[int] | None = None) -> dict[int, Windows]:
        """The four-week rule's windows per user (users with no entry by as-of are absent)."""
        with self.looking() as c:
            from sciatica_coach.store.windows import windows_for

            return windows_for(c, as_of, user_ids)

    def _upsert(self, c: Connection, user_id: int, entries: Sequence[DiaryEntry]) -> None:
        if not entries:
            return
        rows = [{"user_id": user_id, **convert.entry_values(e)} for e in entries]
        statement = _upsert_many(c.dialect.name)
        for chunk in range(0, len(rows), 500):
            c.execute(statement, rows[chunk : chunk + 500])


def _insert(dialect: str) -> Any:
    """The dialect's INSERT, which has ON CONFLICT."""
    if dialect == "postgresql":
        # imported here: the PostgreSQL dialect is a large import an SQLite user never needs
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    return insert(_E)


def _fields(keyed: bool) -> tuple[str, ...]:
    """The columns a write sets: with `keyed`, also the request's idempotency key."""
    return (*_ENTRY_FIELDS, "idempotency_key") if keyed else _ENTRY_FIELDS


def _values(keyed: bool = False) -> dict[str, Any]:
    names = ("user_id", "day", *_fields(keyed))
    return {name: bindparam(name, type_=_E.c[name].type) for name in names}


@cache
def _add(dialect: str, keyed: bool = False) -> Any:
    """A day's entry unless the day has one: its id, or no row."""
    statement = _insert(dialect).values(_values(keyed))
    return statement.on_conflict_do_nothing(index_elements=["user_id", "day"]).returning(_E.c.id)


@cache
def _put(dialect: str, keyed: bool = False) -> Any:
    """A day's entry, replacing the day's earlier one: its id."""
    statement = _insert(dialect).values(_values(keyed))
    fields = {name: statement.excluded[name] for name in _fields(keyed)}
    return statement.on_conflict_do_update(
        index_elements=["user_id", "day"], set_=fields
    ).returning(_E.c.id)


@cache
def _upsert_many(dialect: str) -> Any:
    statement = _insert(dialect)
    fields = {name: statement.excluded[name] for name in _ENTRY_FIELDS}
    return statement.on_conflict_do_update(index_elements=["user_id", "day"], set_=fields)


def _summarise(s: "Connection | Session", user_id: int, safety: bool = False) -> None:
    """The person's dashboard line, in the write's own transaction (store/summaries.py).
    Only checks and clearances can change the red flag, so only they load the safety rule.
    Imported here: the CLI's local user has no line (the clinician's list is the web's), and
    its `log` does not load the rules for one."""
    from sciatica_coach.store import summaries

    summaries.refresh_one(s, user_id, safety=safety)


def _summarise_if(s: "Connection | Session", user_id: int, result: Any) -> bool:
    changed = bool(getattr(result, "rowcount", 0))
    if changed:
        _summarise(s, user_id)
    return changed


def _answered(row: "QuestionnaireAnswerRow") -> "Answered":
    from sciatica_coach.outcomes import Answered

    return Answered(row.questionnaire, row.day, dict(row.answers), id=row.id)


def _owned_entry(user_id: int, entry_id: int) -> ColumnElement[bool]:
    return and_(_E.c.user_id == user_id, _E.c.id == entry_id)


def _now() -> datetime:
    return datetime.now(UTC)

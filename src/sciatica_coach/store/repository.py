"""The store: every read is scoped to one user, every write is one transaction."""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Engine, and_, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import Windows
from sciatica_coach.safety import Clearance, ScreeningRecord
from sciatica_coach.store import convert, summaries
from sciatica_coach.store.tables import (
    ClearanceRow,
    EntryRow,
    ProfileRow,
    QuestionnaireAnswerRow,
    ScreeningRow,
    SessionRow,
    TechniqueCheckRow,
    User,
)
from sciatica_coach.store.windows import windows_for

if TYPE_CHECKING:  # imported when used: sessions load the catalog's models
    from sciatica_coach.outcomes import Answered
    from sciatica_coach.session import SessionRecord

# The CLI's user: found by `is_local`, never by a name. Its name has brackets, which a web
# name cannot have, so nobody can register it (databases from before 0005 keep "local").
LOCAL_USER = "(local)"
_ENTRY_FIELDS = ("leg_pain", "back_pain", "tingling", "numbness", "weakness", "note", "reaches")


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reads = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._writes = sessionmaker(writer, expire_on_commit=False)
        # SQLite has one writer at a time; threads of this process queue here, in order,
        # instead of in SQLite's busy handler, which sleeps and retries (a long tail under
        # load). Other processes still wait in the busy handler.
        self._write_turn = threading.Lock() if engine.dialect.name == "sqlite" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole on success, rolled back whole on any error."""
        if self._write_turn is None:
            with self._writes.begin() as session:
                yield session
            return
        with self._write_turn, self._writes.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # users

    def local_user_id(self) -> int:
        """The CLI's one user, created on first use."""
        with self.reading() as s:
            found = s.scalar(select(User.id).where(User.is_local).order_by(User.id).limit(1))
        if found is not None:
            return found
        try:
            with self.transaction() as s:
                user = User(username=LOCAL_USER, is_local=True, role="patient", created_at=_now())
                s.add(user)
                s.flush()
                return user.id
        except IntegrityError:  # another process created it first
            return self.local_user_id()

    # profile

    def load_profile(self, user_id: int) -> dict[str, Any] | None:
        with self.reading() as s:
            row = s.get(ProfileRow, user_id)
            return dict(row.data) if row else None

    def save_profile(self, user_id: int, data: dict[str, Any]) -> None:
        with self.transaction() as s:
            row = s.get(ProfileRow, user_id)
            if row is None:
                s.add(ProfileRow(user_id=user_id, data=dict(data), updated_at=_now()))
            else:
                row.data = dict(data)
                row.updated_at = _now()

    # screenings

    def save_screening(self, user_id: int, record: ScreeningRecord) -> ScreeningRecord:
        with self.transaction() as s:
            row = convert.screening_row(user_id, record)
            s.add(row)
            s.flush()
            _summarise(s, user_id, safety=True)
            return convert.screening_from_row(row)

    def latest_screening(self, user_id: int) -> ScreeningRecord | None:
        with self.reading() as s:
            row = s.scalar(
                select(ScreeningRow)
                .where(ScreeningRow.user_id == user_id)
                .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
                .limit(1)
            )
            return convert.screening_from_row(row) if row else None

    def screenings(self, user_id: int) -> list[ScreeningRecord]:
        with self.reading() as s:
            rows = s.scalars(
                select(ScreeningRow)
                .where(ScreeningRow.user_id == user_id)
                .order_by(ScreeningRow.taken_at, ScreeningRow.id)
            )
            return [convert.screening_from_row(r) for r in rows]

    # doctors' clearances

    def save_clearance(self, user_id: int, clearance: Clearance) -> Clearance:
        """Stored only if its check is this user's (InvalidInput otherwise)."""
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

    def clearances(self, user_id: int) -> list[Clearance]:
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
        with self.reading() as s:
            row = s.scalar(
                select(SessionRow).where(
                    SessionRow.user_id == user_id, SessionRow.idempotency_key == key
                )
            )
            return convert.session_from_row(row) if row else None

    def sessions(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list["SessionRecord"]:
        query = select(SessionRow).where(SessionRow.user_id == user_id)
        if start is not None:
            query = query.where(SessionRow.day >= start)
        if end is not None:
            query = query.where(SessionRow.day <= end)
        with self.reading() as s:
            rows = s.scalars(query.order_by(SessionRow.started_at, SessionRow.id)).all()
            return [convert.session_from_row(r) for r in rows]

    def checked_sessions(
        self, user_ids: Sequence[int], since: date
    ) -> dict[int, list["SessionRecord"]]:
        """The sessions since a day with at least one check after a technique, per person:
        one query for a page of the clinician's list."""
        if not user_ids:
            return {}
        with_checks = select(TechniqueCheckRow.session_id)
        query = (
            select(SessionRow)
            .where(SessionRow.user_id.in_(list(user_ids)), SessionRow.day >= since)
            .where(SessionRow.id.in_(with_checks))
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        found: dict[int, list[SessionRecord]] = {}
        with self.reading() as s:
            for row in s.scalars(query):
                found.setdefault(row.user_id, []).append(convert.session_from_row(row))
        return found

    # questionnaires

    def save_answer(self, user_id: int, answered: "Answered") -> "Answered":
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
        query = select(QuestionnaireAnswerRow).where(QuestionnaireAnswerRow.user_id == user_id)
        if end is not None:
            query = query.where(QuestionnaireAnswerRow.day <= end)
        with self.reading() as s:
            rows = s.scalars(query.order_by(QuestionnaireAnswerRow.day, QuestionnaireAnswerRow.id))
            return [_answered(r) for r in rows]

    # diary

    def put_entry(self, user_id: int, entry: DiaryEntry) -> DiaryEntry:
        """Store the day's entry; a second entry for the same day replaces the first."""
        with self.transaction() as s:
            self._upsert(s, user_id, [entry])
            row = s.scalars(
                select(EntryRow).where(EntryRow.user_id == user_id, EntryRow.day == entry.day)
            ).one()
            _summarise(s, user_id)
            return convert.entry_from_row(row)

    def add_entry(self, user_id: int, entry: DiaryEntry) -> tuple[DiaryEntry, bool]:
        """Store a day's entry unless that day has one already, in one transaction:
        (the day's entry, True) when it was added, (the day's existing entry, False) when not."""
        with self.transaction() as s:
            insert = self._insert()
            statement = insert(EntryRow).values(user_id=user_id, **convert.entry_values(entry))
            statement = statement.on_conflict_do_nothing(index_elements=["user_id", "day"])
            added = s.scalar(statement.returning(EntryRow.id)) is not None
            row = s.scalars(
                select(EntryRow).where(EntryRow.user_id == user_id, EntryRow.day == entry.day)
            ).one()
            if added:
                _summarise(s, user_id)
            return convert.entry_from_row(row), added

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
        try:
            with self.transaction() as s:
                of_the_day = and_(EntryRow.user_id == user_id, EntryRow.day == entry.day)
                existed = s.scalar(select(EntryRow.id).where(of_the_day)) is not None
                insert = self._insert()
                values = {**convert.entry_values(entry), "idempotency_key": key}
                statement = insert(EntryRow).values(user_id=user_id, **values)
                if replace:
                    statement = statement.on_conflict_do_update(
                        index_elements=["user_id", "day"],
                        set_={name: statement.excluded[name] for name in values},
                    )
                else:
                    statement = statement.on_conflict_do_nothing(index_elements=["user_id", "day"])
                changed = s.scalar(statement.returning(EntryRow.id)) is not None
                row = s.scalars(select(EntryRow).where(of_the_day)).one()
                if row.idempotency_key == key and not changed:
                    return convert.entry_from_row(row), "replayed"  # stored meanwhile
                if changed:
                    _summarise(s, user_id)
                outcome = "taken" if not changed else "replaced" if existed else "added"
                return convert.entry_from_row(row), outcome
        except IntegrityError:  # this key is on another day's entry: that was the first result
            found = self.entry_by_key(user_id, key)
            if found is None:
                raise
            return found, "replayed"

    def entry_by_key(self, user_id: int, key: str) -> DiaryEntry | None:
        with self.reading() as s:
            row = s.scalar(
                select(EntryRow).where(EntryRow.user_id == user_id, EntryRow.idempotency_key == key)
            )
            return convert.entry_from_row(row) if row else None

    def import_entries(self, user_id: int, entries: Sequence[DiaryEntry]) -> int:
        """All or nothing: every entry is stored, or none is."""
        with self.transaction() as s:
            self._upsert(s, user_id, entries)
            _summarise(s, user_id)
        return len(entries)

    def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[DiaryEntry]:
        # Plain rows, not ORM objects: a year of diary is read on every progress page, and
        # building 365 tracked objects cost more than the query.
        table = EntryRow.__table__
        query = select(table).where(table.c.user_id == user_id)
        if start is not None:
            query = query.where(table.c.day >= start)
        if end is not None:
            query = query.where(table.c.day <= end)
        with self.reading() as s:
            rows = s.execute(query.order_by(table.c.day))
            return [convert.entry_from_row(r) for r in rows]  # type: ignore[arg-type]

    def weakness_before(self, user_id: int, day: date) -> bool:
        """Whether any entry before `day` reported weakness."""
        table = EntryRow.__table__
        query = select(table.c.id).where(
            table.c.user_id == user_id, table.c.day < day, table.c.weakness.is_(True)
        )
        with self.reading() as s:
            return s.execute(query.limit(1)).first() is not None

    def delete_entry(self, user_id: int, day: date) -> bool:
        with self.transaction() as s:
            result = s.execute(
                delete(EntryRow).where(EntryRow.user_id == user_id, EntryRow.day == day)
            )
            return _summarise_if(s, user_id, result)

    def entry(self, user_id: int, entry_id: int) -> DiaryEntry | None:
        """One entry by id; None when there is none or it is another user's."""
        with self.reading() as s:
            row = s.scalar(select(EntryRow).where(_owned_entry(user_id, entry_id)))
            return convert.entry_from_row(row) if row else None

    def replace_entry(self, user_id: int, entry_id: int, entry: DiaryEntry) -> DiaryEntry | None:
        """Overwrite one entry by id (its date may change); None when it is not this user's.
        Moving it onto a date that another entry already has is bad input on `date`."""
        with self.transaction() as s:
            row = s.scalar(select(EntryRow).where(_owned_entry(user_id, entry_id)))
            if row is None:
                return None
            clash = s.scalar(
                select(EntryRow.id).where(
                    EntryRow.user_id == user_id, EntryRow.day == entry.day, EntryRow.id != entry_id
                )
            )
            if clash is not None:
                raise InvalidInput(
                    "date", entry.day.isoformat(), "a date that has no other diary entry"
                )
            for name, value in convert.entry_values(entry).items():
                setattr(row, name, value)
            s.flush()
            _summarise(s, user_id)
            return convert.entry_from_row(row)

    def delete_entry_id(self, user_id: int, entry_id: int) -> bool:
        """Delete one entry by id; False when there is none or it is another user's."""
        with self.transaction() as s:
            result = s.execute(delete(EntryRow).where(_owned_entry(user_id, entry_id)))
            return _summarise_if(s, user_id, result)

    def windows(self, as_of: date, user_ids: Sequence[int] | None = None) -> dict[int, Windows]:
        """The four-week rule's windows per user (users with no entry by as-of are absent)."""
        with self.reading() as s:
            return windows_for(s, as_of, user_ids)

    def _insert(self) -> Any:
        """The dialect's INSERT, which has ON CONFLICT."""
        if self.engine.dialect.name == "postgresql":
            # imported here: the PostgreSQL dialect is a large import an SQLite user never needs
            from sqlalchemy.dialects.postgresql import insert

            return insert
        return sqlite_insert

    def _upsert(self, s: Session, user_id: int, entries: Sequence[DiaryEntry]) -> None:
        if not entries:
            return
        rows = [{"user_id": user_id, **convert.entry_values(e)} for e in entries]
        insert = self._insert()
        statement = insert(EntryRow)
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "day"],
            set_={name: statement.excluded[name] for name in _ENTRY_FIELDS},
        )
        for chunk in range(0, len(rows), 500):
            s.execute(statement, rows[chunk : chunk + 500])


def _summarise(s: Session, user_id: int, safety: bool = False) -> None:
    """The person's dashboard line, in the write's own transaction (store/summaries.py).
    Only checks and clearances can change the red flag, so only they load the safety rule."""
    summaries.refresh(s, [user_id], safety=safety)


def _summarise_if(s: Session, user_id: int, result: Any) -> bool:
    changed = bool(getattr(result, "rowcount", 0))
    if changed:
        _summarise(s, user_id)
    return changed


def _answered(row: QuestionnaireAnswerRow) -> "Answered":
    from sciatica_coach.outcomes import Answered

    return Answered(row.questionnaire, row.day, dict(row.answers), id=row.id)


def _owned_entry(user_id: int, entry_id: int) -> ColumnElement[bool]:
    return and_(EntryRow.user_id == user_id, EntryRow.id == entry_id)


def _now() -> datetime:
    return datetime.now(UTC)

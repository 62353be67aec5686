"""Rows <-> the core's record types. Datetimes are stored in UTC and come back aware."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sciatica_coach.progress import DiaryEntry, Reach

if TYPE_CHECKING:
    # Imported when used: the ORM classes (a diary write and the CLI's `log` run on Core
    # alone), the safety rules, and sessions, which load the catalog's models.
    from sciatica_coach.catalog import Side
    from sciatica_coach.safety import Clearance, ScreeningRecord
    from sciatica_coach.session import SessionRecord
    from sciatica_coach.store.tables import (
        ClearanceRow,
        EntryRow,
        ScreeningRow,
        SessionRow,
    )


def to_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _side(value: str | None) -> "Side | None":
    from sciatica_coach.catalog import Side

    return Side(value) if value else None


def entry_values(entry: DiaryEntry) -> dict[str, object]:
    return {
        "day": entry.day,
        "leg_pain": entry.leg_pain,
        "back_pain": entry.back_pain,
        "tingling": entry.tingling,
        "numbness": entry.numbness,
        "weakness": entry.weakness,
        "note": entry.note,
        "reaches": entry.reaches.value if entry.reaches else None,
    }


def entry_from_row(row: "EntryRow") -> DiaryEntry:
    # Stored entries passed the diary rule on the way in: not checked again on every read.
    return DiaryEntry.model_construct(
        day=row.day,
        leg_pain=row.leg_pain,
        back_pain=row.back_pain,
        tingling=row.tingling,
        numbness=row.numbness,
        weakness=row.weakness,
        note=row.note,
        reaches=Reach(row.reaches) if row.reaches else None,
        id=row.id,
    )


def screening_row(user_id: int, record: "ScreeningRecord") -> "ScreeningRow":
    from sciatica_coach.store.tables import ScreeningRow

    return ScreeningRow(
        user_id=user_id,
        taken_at=to_utc(record.taken_at),
        level=record.level.value,
        answers=dict(record.answers),
        question_set=record.question_set,
    )


def screening_from_row(row: "ScreeningRow") -> "ScreeningRecord":
    from sciatica_coach.safety import Level, ScreeningRecord

    return ScreeningRecord(
        taken_at=to_utc(row.taken_at),
        level=Level(row.level),
        answers=dict(row.answers),
        id=row.id,
        question_set=row.question_set,
    )


def clearance_row(user_id: int, clearance: "Clearance") -> "ClearanceRow":
    from sciatica_coach.store.tables import ClearanceRow

    return ClearanceRow(
        user_id=user_id,
        screening_id=clearance.screening_id,
        given_at=to_utc(clearance.given_at),
        covers={"questions": list(clearance.covers)},
        note=clearance.note,
    )


def clearance_from_row(row: "ClearanceRow") -> "Clearance":
    from sciatica_coach.safety import Clearance

    return Clearance(
        given_at=to_utc(row.given_at),
        screening_id=row.screening_id,
        covers=tuple(row.covers["questions"]),
        note=row.note,
        id=row.id,
    )


def session_row(user_id: int, record: "SessionRecord") -> "SessionRow":
    from sciatica_coach.store.tables import (
        PainStopRow,
        SessionItemRow,
        SessionRow,
        TechniqueCheckRow,
    )

    return SessionRow(
        user_id=user_id,
        day=record.day,
        started_at=to_utc(record.started_at),
        ended_at=to_utc(record.ended_at),
        feeling=record.feeling.value if record.feeling else None,
        finished=record.finished,
        skipped=[
            {"routine_id": c.routine_id, "side": c.side.value if c.side else None}
            for c in record.skipped
        ],
        items=[
            SessionItemRow(routine_id=c.routine_id, side=c.side.value if c.side else None)
            for c in record.completed
        ],
        stops=[
            PainStopRow(
                routine_id=p.routine_id,
                side=p.side.value if p.side else None,
                step_index=p.step_index,
                severity=p.severity,
            )
            for p in record.pain_stops
        ],
        checks=[
            TechniqueCheckRow(
                routine_id=c.routine_id,
                pain=c.pain.value if c.pain else None,
                reach=c.reach.value if c.reach else None,
            )
            for c in record.checks
        ],
    )


def session_from_row(row: "SessionRow") -> "SessionRecord":
    from sciatica_coach.session import Completed, Feeling, PainStop, SessionRecord
    from sciatica_coach.session.record import AfterCheck, PainChange, ReachChange

    return SessionRecord(
        day=row.day,
        started_at=to_utc(row.started_at),
        ended_at=to_utc(row.ended_at),
        completed=tuple(Completed(i.routine_id, _side(i.side)) for i in row.items),
        pain_stops=tuple(
            PainStop(p.routine_id, _side(p.side), p.step_index, p.severity) for p in row.stops
        ),
        feeling=Feeling(row.feeling) if row.feeling else None,
        finished=row.finished,
        skipped=tuple(Completed(c["routine_id"], _side(c["side"])) for c in row.skipped or []),
        checks=tuple(
            AfterCheck(
                c.routine_id,
                PainChange(c.pain) if c.pain else None,
                ReachChange(c.reach) if c.reach else None,
            )
            for c in row.checks
        ),
        id=row.id,
    )

"""What a finished session leaves behind: what was done, where it hurt, how it felt."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sciatica_coach.catalog import Side


class Feeling(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


@dataclass(frozen=True)
class Completed:
    routine_id: str
    side: Side | None


@dataclass(frozen=True)
class PainStop:
    routine_id: str
    side: Side | None
    step_index: int
    severity: int | None  # 0-10, how bad it was, if the person said


@dataclass(frozen=True)
class SessionRecord:
    day: date
    started_at: datetime
    ended_at: datetime
    completed: tuple[Completed, ...] = ()
    pain_stops: tuple[PainStop, ...] = ()
    skipped: tuple[Completed, ...] = ()  # passed with "Next" before they were done
    feeling: Feeling | None = None
    finished: bool = False  # played to the end (not quit early)
    id: int | None = field(default=None, compare=False)

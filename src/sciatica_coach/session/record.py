"""What a finished session leaves behind: what was done, where it hurt, how it felt."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sciatica_coach.catalog import Side


class Feeling(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class PainChange(StrEnum):
    """After a technique, compared with before it: the leg pain is..."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class ReachChange(StrEnum):
    """After a technique, compared with before it: the leg pain reaches... Less far (it
    retreats towards the back, centralisation) is good news; further down is a warning."""

    LESS = "less"
    SAME = "same"
    FURTHER = "further"


@dataclass(frozen=True)
class AfterCheck:
    """The one-tap check after a technique; either answer may be skipped (None)."""

    routine_id: str
    pain: PainChange | None = None
    reach: ReachChange | None = None

    @property
    def warns(self) -> bool:
        """Worse, or reaching further down: counts towards leaving the technique out."""
        return self.pain is PainChange.WORSE or self.reach is ReachChange.FURTHER


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
    feeling: Feeling | None = None
    finished: bool = False  # played to the end (not quit early)
    skipped: tuple[Completed, ...] = ()  # passed with "Next" before they were done
    checks: tuple[AfterCheck, ...] = ()  # the check after each technique, when answered
    id: int | None = field(default=None, compare=False)

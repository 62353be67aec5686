"""A stored screening: when it was taken, its level and the answers given."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Level(StrEnum):
    """Most severe first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    SELF_CARE = "self_care"

    @property
    def severity(self) -> int:
        return list(Level).index(self)  # 0 is the most severe

    @property
    def blocks(self) -> bool:
        """Every level but self_care blocks the programme until a doctor's all-clear covers
        the answers, or a clear check."""
        return self is not Level.SELF_CARE


@dataclass(frozen=True)
class ScreeningRecord:
    taken_at: datetime
    level: Level
    answers: dict[str, bool | int | float] = field(default_factory=dict)
    id: int | None = field(default=None, compare=False)
    question_set: int = 1  # the question set it answered (questions.toml); 1 before safety v2

    @property
    def yes(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.answers.items() if v is True)


@dataclass(frozen=True)
class Clearance:
    """A doctor has checked the warning signs of one check and said the person can exercise."""

    given_at: datetime
    screening_id: int
    covers: tuple[str, ...]  # the question ids it covers
    note: str | None = None
    id: int | None = field(default=None, compare=False)

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
        """Emergency and urgent results block the programme until a clear check."""
        return self in (Level.EMERGENCY, Level.URGENT)


@dataclass(frozen=True)
class ScreeningRecord:
    taken_at: datetime
    level: Level
    answers: dict[str, bool | int | float] = field(default_factory=dict)
    id: int | None = field(default=None, compare=False)

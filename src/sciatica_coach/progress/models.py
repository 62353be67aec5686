"""A diary entry: one day's pain, as the person logged it."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Reach(StrEnum):
    """How far down the leg the pain reaches, nearest the back first."""

    BACK = "back"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"
    FOOT = "foot"


@dataclass(frozen=True)
class DiaryEntry:
    day: date
    leg_pain: int  # 0-10
    back_pain: int  # 0-10
    tingling: bool = False
    numbness: bool = False
    weakness: bool = False
    note: str = ""
    reaches: Reach | None = None
    id: int | None = None  # the store's id, once stored

    @property
    def score(self) -> int:
        """The daily score of the four-week rule: the worse of leg and back pain."""
        return max(self.leg_pain, self.back_pain)

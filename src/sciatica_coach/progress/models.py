"""A diary entry: one day's pain, as the person logged it."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sciatica_coach.errors import InvalidInput

PAIN_ALLOWED = "an integer from 0 (no pain) to 10 (worst imaginable)"


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

    def __post_init__(self) -> None:
        for name in ("leg_pain", "back_pain"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise InvalidInput(name, value, PAIN_ALLOWED)

    @property
    def score(self) -> int:
        """The daily score of the four-week rule: the worse of leg and back pain."""
        return max(self.leg_pain, self.back_pain)


# No diary goes back further; it also keeps the four-week windows clear of date.min.
EARLIEST = date(1900, 1, 1)


def check_not_future(day: date, today: date) -> date:
    """A diary records what happened: no entry for a day that has not come yet."""
    if not EARLIEST <= day <= today:
        expected = f"a date from {EARLIEST.isoformat()} up to today ({today.isoformat()})"
        raise InvalidInput("date", day.isoformat(), expected)
    return day


def check_as_of(as_of: date) -> date:
    """The day a verdict is judged on."""
    if as_of < EARLIEST:
        raise InvalidInput("as_of", as_of.isoformat(), f"a date from {EARLIEST.isoformat()}")
    return as_of

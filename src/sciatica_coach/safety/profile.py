"""The personal profile: what the plan must respect. Stored as JSON (a dict)."""

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sciatica_coach.errors import InvalidInput


class Equipment(StrEnum):
    TENNIS_BALLS = "tennis-balls"
    TOWEL = "towel"  # a towel or a sock


class AffectedSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


FULL_TERM_WEEKS = 40  # a due date is 40 weeks after the pregnancy's start (NHS)
LONGEST_WEEKS = 42  # past this the profile is out of date: the plan asks for an update


def due_date_from_weeks(weeks: int, today: date) -> date:
    """The due date of someone who is `weeks` weeks pregnant today."""
    return today + timedelta(weeks=FULL_TERM_WEEKS - weeks)


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_assignment=True)

    age: int | None = Field(default=None, ge=16, le=120)
    # Pregnancy is kept as the due date, so the week moves on with the calendar.
    due_date: date | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")  # ISO 3166 alpha-2
    hip_replacement: bool = False
    osteoporosis: bool = False
    floor_difficulty: bool = False  # a knee or hip problem that makes kneeling or floor work hard
    equipment: frozenset[Equipment] = frozenset()
    minutes: int = Field(default=20, ge=1, le=120)
    hold_seconds: int = Field(default=30, ge=10, le=30)
    side: AffectedSide | None = None
    # the article's risk factors (the learn topic "risk-factors" explains them)
    occupation_strain: bool = False
    occupation_sitting: bool = False
    occupation_twisting: bool = False
    diabetes: bool = False
    smoking: bool = False

    @field_validator("country", mode="before")
    @classmethod
    def _known_country(cls, value: object) -> object:
        if value is None or value == "":
            return None
        code = str(value).strip().upper()
        from sciatica_coach.safety.countries import country_names

        if code not in country_names():
            raise ValueError("not an ISO 3166 country code")
        return code

    def pregnancy_week(self, today: date) -> int | None:
        """Completed weeks of pregnancy on `today` (40 on the due date), or None."""
        if self.due_date is None:
            return None
        days_left = (self.due_date - today).days
        return FULL_TERM_WEEKS - -(-days_left // 7)

    def to_data(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["equipment"] = sorted(data["equipment"])
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> "Profile":
        return cls.model_validate(data or {})


ALLOWED = {
    "age": "a whole number from 16 to 120 (the guidance followed, NICE NG59, is for over 16s)",
    "pregnancy_weeks": "a week from 0 to 42, or none",
    "due_date": "a date as YYYY-MM-DD, at most 42 weeks ahead, or none",
    "country": "a two-letter ISO 3166 country code such as GB, US, NZ or IE, or none",
    "minutes": "a whole number of minutes from 1 to 120",
    "hold_seconds": "a whole number of seconds from 10 to 30",
    "equipment": f"a comma-separated list of {', '.join(e.value for e in Equipment)}, or none",
    "side": "left, right or both",
}


def _pregnancy(changes: dict[str, Any], today: date | None) -> dict[str, Any]:
    """`pregnancy_weeks` (weeks as of today) becomes the due date it implies."""
    if "pregnancy_weeks" not in changes:
        return changes
    changes = dict(changes)
    weeks = changes.pop("pregnancy_weeks")
    if weeks is None:
        changes["due_date"] = None
        return changes
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 0 <= weeks <= LONGEST_WEEKS:
        raise InvalidInput("pregnancy_weeks", weeks, ALLOWED["pregnancy_weeks"])
    changes["due_date"] = due_date_from_weeks(weeks, today or date.today())
    return changes


def updated(profile: Profile, changes: dict[str, Any], today: date | None = None) -> Profile:
    """The profile with `changes`, or InvalidInput naming the first bad field (nothing changes).
    `pregnancy_weeks` counts from `today`; a due date more than 42 weeks ahead is refused."""
    changes = _pregnancy(changes, today)
    due = changes.get("due_date")
    if isinstance(due, str):
        try:
            due = changes["due_date"] = date.fromisoformat(due)
        except ValueError:
            raise InvalidInput("due_date", due, ALLOWED["due_date"]) from None
    if isinstance(due, date) and today and (due - today).days > LONGEST_WEEKS * 7:
        raise InvalidInput("due_date", due.isoformat(), ALLOWED["due_date"])
    try:
        return Profile.model_validate({**profile.model_dump(), **changes})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "profile"
        value = changes.get(field, error.get("input"))
        raise InvalidInput(field, value, ALLOWED.get(field, error["msg"])) from None

"""The personal profile: what the plan must respect. Stored as JSON (a dict)."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sciatica_coach.errors import InvalidInput


class Equipment(StrEnum):
    TENNIS_BALLS = "tennis-balls"
    TOWEL = "towel"  # a towel or a sock


class AffectedSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_assignment=True)

    age: int | None = Field(default=None, ge=16, le=120)
    pregnancy_weeks: int | None = Field(default=None, ge=0, le=42)
    hip_replacement: bool = False
    osteoporosis: bool = False
    floor_difficulty: bool = False  # a knee or hip problem that makes kneeling or floor work hard
    equipment: frozenset[Equipment] = frozenset()
    minutes: int = Field(default=20, ge=1, le=120)
    hold_seconds: int = Field(default=30, ge=10, le=30)
    side: AffectedSide | None = None
    # the article's risk factors, explained by `sciatica learn risk-factors`
    occupation_strain: bool = False
    occupation_sitting: bool = False
    occupation_twisting: bool = False
    diabetes: bool = False
    smoking: bool = False

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
    "minutes": "a whole number of minutes from 1 to 120",
    "hold_seconds": "a whole number of seconds from 10 to 30",
    "equipment": f"a comma-separated list of {', '.join(e.value for e in Equipment)}, or none",
    "side": "left, right or both",
}


def updated(profile: Profile, changes: dict[str, Any]) -> Profile:
    """The profile with `changes`, or InvalidInput naming the first bad field (nothing changes)."""
    try:
        return Profile.model_validate({**profile.model_dump(), **changes})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "profile"
        value = changes.get(field, error.get("input"))
        raise InvalidInput(field, value, ALLOWED.get(field, error["msg"])) from None

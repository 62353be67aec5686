"""A diary entry: one day's pain, as the person logged it, and the one rule every way in
(the log command, the web form, the API, the importer) checks it with. What each field accepts
is worded once, in diary.toml."""

import re
import tomllib
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from sciatica_coach.errors import InvalidInput

RULES = tomllib.loads(resources.files(__package__).joinpath("diary.toml").read_text("utf-8"))
ALLOWED: dict[str, str] = RULES["allowed"]
NOTE_LIMIT: int = RULES["note_limit"]
PAIN_ALLOWED = ALLOWED["leg_pain"]
FLAGS = ("tingling", "numbness", "weakness")
# No diary goes back further; it also keeps the four-week windows clear of date.min.
EARLIEST = date(1900, 1, 1)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # fromisoformat also takes 20261101
_INTEGER = re.compile(r"[0-9]{1,2}")  # ASCII digits only: str.isdigit() also takes '²'
_TRUE, _FALSE = {"1", "true", "on"}, {"0", "false", ""}


class Reach(StrEnum):
    """How far down the leg the pain reaches, nearest the back first."""

    BACK = "back"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"
    FOOT = "foot"


class DiaryEntry(BaseModel):
    """One day. Built from typed values or from text (a form, a CSV cell, a command-line
    option): the same values pass or fail whichever way they come in. `read_entry` also
    refuses a day after today."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    day: date  # "date" in files, forms and the API
    leg_pain: int
    back_pain: int
    tingling: bool = False
    numbness: bool = False
    weakness: bool = False
    reaches: Reach | None = None
    note: str = ""
    id: int | None = None  # the store's id, once stored

    def __init__(self, *args: Any, **data: Any) -> None:
        """`DiaryEntry(day, leg_pain, back_pain, ...)`, as the core and the tests write it."""
        data.update(zip(("day", "leg_pain", "back_pain"), args, strict=False))
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise InvalidEntry(_problems(exc, data)) from None

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any) -> date:
        day = parse_day(value)
        if day is None or day < EARLIEST:
            raise ValueError(ALLOWED["date"])
        return day

    @field_validator("leg_pain", "back_pain", mode="before")
    @classmethod
    def _pain(cls, value: Any, info: ValidationInfo) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            number = int(value)
        else:
            number = -1
        if not 0 <= number <= 10:
            raise ValueError(ALLOWED[str(info.field_name)])
        return number

    @field_validator(*FLAGS, mode="before")
    @classmethod
    def _flag(cls, value: Any, info: ValidationInfo) -> bool:
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(ALLOWED[str(info.field_name)])

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or len(value) > NOTE_LIMIT:
            raise ValueError(ALLOWED["note"])
        return value

    @field_validator("reaches", mode="before")
    @classmethod
    def _reaches(cls, value: Any) -> Reach | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.replace(" ", "_") in Reach.__members__.values():
            return Reach(value.replace(" ", "_"))
        raise ValueError(ALLOWED["reaches"])

    @property
    def score(self) -> int:
        return daily_score(self.leg_pain, self.back_pain)


class LoggedDay(Protocol):
    """What the four-week rule and the reach trend read of a day: a `DiaryEntry`, or a stored
    day's row as the store hands it over (it passed the diary rule on the way in)."""

    @property
    def day(self) -> date: ...
    @property
    def score(self) -> int: ...
    @property
    def weakness(self) -> bool: ...
    @property
    def reaches(self) -> Reach | None: ...


def daily_score(leg_pain: int, back_pain: int) -> int:
    """The daily score of the four-week rule: the worse of leg and back pain."""
    return max(leg_pain, back_pain)


def parse_day(value: Any) -> date | None:
    """The one way a typed date is read: YYYY-MM-DD only (None for anything else)."""
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None  # 2026-02-30
    return None


class InvalidEntry(InvalidInput):
    """Every bad field of one entry at once; as an InvalidInput it names the first."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.field, first.value, first.allowed)


def read_entry(record: Mapping[str, Any], today: date) -> DiaryEntry:
    """The entry that `record` (keys as in the API: date, leg_pain, ...; values typed or as
    text) describes, checked against the one rule: InvalidEntry names every bad field. A
    missing or empty date is today."""
    data = {("day" if k == "date" else k): v for k, v in record.items()}
    if data.get("day") in (None, ""):
        data["day"] = today
    day = parse_day(data["day"])
    future = [InvalidInput("date", data["day"], ALLOWED["date"])] if day and day > today else []
    try:
        entry = DiaryEntry(**data)
    except InvalidEntry as exc:
        raise InvalidEntry(future + [p for p in exc.problems if p.field != "date"] if future
                           else exc.problems) from None  # fmt: skip
    if future:
        raise InvalidEntry(future)
    return entry


def _problems(exc: ValidationError, data: Mapping[str, Any]) -> list[InvalidInput]:
    problems = []
    for error in exc.errors():
        key = str(error["loc"][0]) if error["loc"] else "entry"
        field = "date" if key == "day" else key
        problems.append(InvalidInput(field, data.get(key), ALLOWED.get(field, "no such field")))
    return problems


def check_not_future(day: date, today: date) -> date:
    """A day someone did something: from 1900 up to today."""
    if not EARLIEST <= day <= today:
        expected = f"a date from {EARLIEST.isoformat()} up to today ({today.isoformat()})"
        raise InvalidInput("date", day.isoformat(), expected)
    return day


def check_as_of(as_of: date) -> date:
    """The day a verdict is judged on."""
    if as_of < EARLIEST:
        raise InvalidInput("as_of", as_of.isoformat(), f"a date from {EARLIEST.isoformat()}")
    return as_of

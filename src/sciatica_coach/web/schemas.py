"""The JSON API's bodies. They follow the CLI's `--json` shapes (DESIGN.md)."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from sciatica_coach.catalog import Side
from sciatica_coach.progress import DiaryEntry, Reach, read_entry
from sciatica_coach.progress.models import NOTE_LIMIT
from sciatica_coach.session import Feeling, PainChange, ReachChange


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Credentials(Strict):
    username: str = Field(max_length=80)
    password: str = Field(max_length=1024)


class PasswordIn(Strict):
    password: str = Field(max_length=1024)


class Registration(Credentials):
    role: Literal["patient", "clinician"] = "patient"


class AccountOut(BaseModel):
    id: int
    username: str
    role: str


class DiaryOut(BaseModel):
    id: int
    date: dt.date
    leg_pain: int
    back_pain: int
    tingling: bool
    numbness: bool
    weakness: bool
    note: str
    reaches: Reach | None


class DiaryIn(Strict):
    """One day's entry. `date` defaults to today; `id` may be echoed back and is ignored.
    The JSON types are checked here; the values by the one diary rule (`read_entry`)."""

    date: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = Field(
        default=None, json_schema_extra={"format": "date"}
    )
    leg_pain: StrictInt = Field(ge=0, le=10)
    back_pain: StrictInt = Field(ge=0, le=10)
    tingling: StrictBool = False
    numbness: StrictBool = False
    weakness: StrictBool = False
    note: str = Field(default="", max_length=NOTE_LIMIT)
    reaches: Reach | None = None
    id: int | None = None

    def to_entry(self, today: dt.date) -> DiaryEntry:
        return read_entry(self.model_dump(exclude={"id"}), today)


class DiaryLogged(DiaryOut):
    new_weakness: bool = Field(
        description="Weakness that no earlier entry reported: a possible red flag; "
        "the person should take the red-flag check"
    )


class ReachOut(BaseModel):
    first: Reach
    latest: Reach
    direction: str
    message: str


class ProgressOut(BaseModel):
    """`sciatica progress --json`; before the first entry the numbers are null."""

    verdict: str | None
    message: str
    days: int | None = None
    baseline: float | None = None
    current: float | None = None
    change_pct: float | None = None
    adherence_pct: float | None = None
    review_date: dt.date | None = None
    stale: bool | None = None
    reach: ReachOut | None = None


class CompletedIn(Strict):
    routine_id: str = Field(max_length=80)
    side: Side | None = None


class PainStopIn(Strict):
    routine_id: str = Field(max_length=80)
    side: Side | None = None
    step_index: StrictInt = Field(ge=0, le=1000)
    severity: StrictInt | None = Field(default=None, ge=0, le=10)


class CheckIn(Strict):
    """The check after a technique: the leg pain and how far it reaches, each optional."""

    routine_id: str = Field(max_length=80)
    pain: PainChange | None = None
    reach: ReachChange | None = None


class SessionIn(Strict):
    """A played session, as the player posts it at the end."""

    day: dt.date | None = None  # the person's day; defaults to today
    started_at: dt.datetime
    ended_at: dt.datetime
    completed: list[CompletedIn] = Field(default_factory=list, max_length=500)
    pain_stops: list[PainStopIn] = Field(default_factory=list, max_length=500)
    skipped: list[CompletedIn] = Field(default_factory=list, max_length=500)
    checks: list[CheckIn] = Field(default_factory=list, max_length=500)
    feeling: Feeling | None = None
    finished: StrictBool = False


class SessionOut(BaseModel):
    id: int
    day: dt.date
    started_at: dt.datetime
    ended_at: dt.datetime
    completed: list[CompletedIn]
    pain_stops: list[PainStopIn]
    skipped: list[CompletedIn]
    checks: list[CheckIn]
    feeling: Feeling | None
    finished: bool

"""The catalog's data model: routines (the article's massages and exercises) and education."""

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Kind(StrEnum):
    MASSAGE = "massage"
    EXERCISE = "exercise"


class Sides(StrEnum):
    ONCE = "once"
    EACH = "each"


class Side(StrEnum):
    RIGHT = "right"
    LEFT = "left"


class StepKind(StrEnum):
    DO = "do"  # an instruction to carry out, at the person's own pace
    HOLD = "hold"  # stay in a position for `seconds`
    REST = "rest"  # rest in a position for `seconds`


class Caution(StrEnum):
    """Stable keys for what a position asks of the body; safety rules resolve them. What a
    position does to the hips is computed from its angles instead (figures/body.py)."""

    LYING_ON_BACK = "lying_on_back"
    FLOOR_WORK = "floor_work"
    FORWARD_BEND = "forward_bend"  # loaded forward bending of the spine
    SPINAL_TWIST = "spinal_twist"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    title: str
    author: str | None = None
    section: str
    note: str | None = None


_SIDE_WORD = re.compile(r"\b(right|left|Right|Left)\b")
_MIRROR = {"right": "left", "left": "right", "Right": "Left", "Left": "Right"}


def mirror(text: str) -> str:
    """The same instruction for the other side: every right becomes left and back."""
    return _SIDE_WORD.sub(lambda m: _MIRROR[m.group(1)], text)


class Step(Strict):
    kind: StepKind = StepKind.DO
    text: str = Field(min_length=3)
    seconds: int | None = Field(default=None, gt=0, le=600)
    early_finish: bool = False
    warning: str | None = None
    position: str | None = None  # for rests: the resting position, e.g. "fetal position"
    pose: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")  # figure id for this step

    @model_validator(mode="after")
    def _timed_steps_have_seconds(self) -> "Step":
        if self.kind in (StepKind.HOLD, StepKind.REST) and self.seconds is None:
            raise ValueError(f"a {self.kind.value} step needs seconds")
        if self.kind is StepKind.DO and (self.seconds is not None or self.early_finish):
            raise ValueError("a do step is untimed: no seconds, no early_finish")
        if self.kind is StepKind.REST and not self.position:
            raise ValueError("a rest step names its position")
        return self

    def text_for(self, side: Side | None) -> str:
        """The article words the right side; the left side is its mirror."""
        return mirror(self.text) if side is Side.LEFT else self.text

    @property
    def timed(self) -> bool:
        return self.seconds is not None


class Routine(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Kind
    order: int = Field(ge=1)  # the article's order
    title: str
    purpose: str
    targets: list[str] = Field(min_length=1)
    position: str
    equipment: list[str] = []
    sides: Sides
    cautions: list[Caution] = []
    steps: list[Step] = Field(min_length=1)
    source: Source

    @property
    def side_order(self) -> list[Side | None]:
        """Right first, then left, as the article says; None for a routine done once."""
        return [Side.RIGHT, Side.LEFT] if self.sides is Sides.EACH else [None]


class Topic(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    summary: str
    items: list["TopicItem"] = []
    source: Source


class TopicItem(Strict):
    name: str
    text: str = ""


class Education(Strict):
    topics: list[Topic] = Field(min_length=1)

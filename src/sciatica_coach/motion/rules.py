"""The checking rules as data (motion.toml): tolerances per joint, unchecked positions, and
the form hints, each with the article's words it comes from."""

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.errors import ContentError
from sciatica_coach.figures import load_poses


class Tolerance(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    torso: float = Field(ge=0)
    head: float = Field(ge=0)
    hip: float = Field(ge=0)
    knee: float = Field(ge=0)
    ankle: float = Field(ge=0)
    shoulder: float = Field(ge=0)
    elbow: float = Field(ge=0)

    def of(self, joint: str) -> float:
        """The tolerance of a joint key such as `torso` or `right.knee` (0: not checked)."""
        value: float = getattr(self, joint.rpartition(".")[2])
        return value


class Unchecked(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    pose: str
    reason: str


class Hint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    pose: str
    routine: str
    joints: list[str] = Field(min_length=1)
    above: float | None = Field(default=None, gt=0)
    below: float | None = Field(default=None, gt=0)
    text: str
    quote: str = Field(min_length=10)


class View(BaseModel):
    """What is said when the camera sees the person from where the position cannot be judged,
    and the set-up asked for before the first watched hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hint: str
    setup: str


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tolerance: Tolerance
    view: View
    unchecked: list[Unchecked] = []
    hints: list[Hint] = []

    def checkable(self, figure: str | None) -> bool:
        """Whether a timeline figure id (`POSE:side`) can be checked from a side camera."""
        if not figure:
            return False
        pose = figure.partition(":")[0]
        return pose in load_poses() and all(u.pose != pose for u in self.unchecked)

    def hints_for(self, pose: str) -> list[Hint]:
        return [h for h in self.hints if h.pose == pose]


@cache
def load_rules() -> Rules:
    rules = load_model(resources.files("sciatica_coach.motion") / "motion.toml", Rules)
    poses = load_poses()
    for name in [u.pose for u in rules.unchecked] + [h.pose for h in rules.hints]:
        if name not in poses:
            raise ContentError(f"motion.toml: pose: no such pose {name!r}")
    return rules

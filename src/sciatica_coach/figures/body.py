"""A small 2D body model seen from the side, posed by joint angles.

Angles are in degrees. The torso's angle is absolute (90 = upright, 180 = lying on the back
with the head to the left); every other angle is relative to its parent segment:
hip and shoulder flexion bring the limb forward, knee flexion bends the shin back, elbow
flexion bends the forearm forward, the ankle is 90 when the foot is square to the shin.

Where the article says where a hand goes ("wrap your fingers around your thigh"), the pose
says so (`reach`) and the arm's angles are worked out from it when the poses are loaded
(rig.py), so the picture cannot drift from the words."""

import math
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

LENGTHS = {
    "torso": 50.0,
    "neck": 10.0,
    "upper_arm": 27.0,
    "forearm": 25.0,
    "hand": 11.0,
    "thigh": 42.0,
    "shin": 40.0,
    "foot": 13.0,
}
HEAD_RADIUS = 9.0

# Human ranges of motion used by the tests (degrees, relative angles as defined above).
RANGES = {
    "hip": (-30.0, 145.0),
    "knee": (0.0, 150.0),
    "ankle": (40.0, 180.0),
    "shoulder": (-70.0, 180.0),
    "elbow": (0.0, 150.0),
    "wrist": (-80.0, 80.0),
    "head": (-45.0, 45.0),
    "adduction": (-45.0, 30.0),
    "rotation": (-45.0, 45.0),
}

# What a position does to the hips, from its angles: the movements that hip precautions
# after a replacement forbid (NHS: Hip replacement, recovery).
HIP_FLEXION_LIMIT = 90.0

Point = tuple[float, float]
SIDES = ("right", "left")


def hip_movements(pose: "Pose") -> set[str]:
    """`hip_flexion` (a hip bent past 90 degrees), `crossing_midline` (a leg across the body's
    midline) and `hip_internal_rotation` (a leg turned inwards), for either leg."""
    found = set()
    for leg in (pose.right_leg, pose.left_leg):
        if leg.hip > HIP_FLEXION_LIMIT:
            found.add("hip_flexion")
        if leg.adduction > 0:
            found.add("crossing_midline")
        if leg.rotation > 0:
            found.add("hip_internal_rotation")
    return found


def skeleton(pose: "Pose") -> "Skeleton":
    """The joints of a pose (figure units, y up, resting on the floor at y = 0)."""
    from sciatica_coach.figures.rig import Rig

    return Skeleton(Rig(pose).joints)


class Skeleton:
    def __init__(self, joints: dict[str, Point]) -> None:
        self.joints = joints

    def segment(self, a: str, b: str) -> float:
        return math.dist(self.joints[a], self.joints[b])


def swap_side(name: str) -> str:
    """`right_thigh` <-> `left_thigh`; names without a side are kept."""
    if name.startswith("right"):
        return "left" + name.removeprefix("right")
    if name.startswith("left"):
        return "right" + name.removeprefix("left")
    return name


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leg(Strict):
    """`hip` is flexion in the drawing's plane. The side view cannot show the other two hip
    movements, so they are given as numbers: `adduction`, degrees the thigh moves towards and
    across the body's midline from straight ahead (negative: out to the side), and `rotation`,
    degrees the leg turns inwards (negative: outwards). The side view shows a thigh moved
    out of its plane shortened; `across` is the degrees the shin points across the body (as
    it does when an ankle rests on the other knee), shortening it too. `reach` puts the ankle
    somewhere (`Reach`), `flat` the foot flat on the floor."""

    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 90.0
    adduction: float = 0.0
    rotation: float = 0.0
    across: float = Field(default=0.0, ge=0.0, le=80.0)
    reach: "Reach | None" = None
    flat: bool = False


class Reach(Strict):
    """Where a hand (or an elbow, `by`) goes: a point on a body part, `at` a share of its
    length from the joint it starts at and `off` units to its left side (in the picture of
    the right side, going along the part); or on the floor (`to = "floor"`): `at` units in
    front of the hip, `off` units above the floor."""

    to: str
    at: float = 0.5
    off: float = 0.0
    by: Literal["hand", "elbow"] = "hand"
    # a leg turned out (the knee to the side, as in the figure four): seen from the side,
    # its knee lies on the other side of the line from the hip to the ankle
    turned_out: bool = False


class Arm(Strict):
    """`across`: degrees the forearm points across the body, out of the drawing's plane (the
    side view shows it shortened); `hand`: open, a fist, or gripping round something."""

    shoulder: float = 0.0
    elbow: float = 0.0
    wrist: float = 0.0
    across: float = Field(default=0.0, ge=0.0, le=80.0)
    hand: Literal["open", "fist", "grip"] = "open"
    reach: Reach | None = None


class Prop(Strict):
    """Something the article uses: `mat` (the floor exercises), `balls` (two tennis balls
    wrapped in a sock), placed against a body part (`on`, as `Reach.to`) or on the floor."""

    kind: Literal["mat", "balls"]
    on: str | None = None
    at: float = 0.5
    off: float = 0.0


class Arrow(Strict):
    """`trace`: the path a joint (`part`, e.g. `right_knee`) takes from the position the step
    moves from; `along`: beside a body part from `start` to `end` (shares of its length),
    `off` units to its left, both ways when `both`; `turn`: the trunk turning, a ring round
    the torso `at` a share of its length; `press`: pressing onto a part `at` a share of its
    length, on its surface `off` units to its left."""

    kind: Literal["trace", "along", "turn", "press"]
    part: str = "torso"
    start: float = 0.0
    end: float = 1.0
    at: float = 0.7
    off: float = 0.0
    both: bool = False


LimbT = TypeVar("LimbT", Leg, Arm)
Leg.model_rebuild()


class Pose(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    description: str
    shows: str = Field(min_length=20)  # the text alternative: what the picture shows
    torso: float
    head: float = 0.0
    right_leg: Leg = Leg()
    left_leg: Leg = Leg()
    right_arm: Arm = Arm()
    left_arm: Arm = Arm()
    worked: list[str] = []  # limbs to highlight, e.g. ["right_leg"]
    props: list[Prop] = []
    arrows: list[Arrow] = []
    front: list[str] = []  # limbs drawn in front of the near leg and arm, e.g. ["left_arm"]
    feet_on_floor: list[str] = []  # "right", "left": where the article puts a foot down
    moves_from: str | None = None  # the position this step moves from: before and after
    seen_from: Literal["side", "above"] = "side"  # "above": lying on the side, on the mat

    @property
    def on_mat(self) -> bool:
        return any(p.kind == "mat" for p in self.props)

    def mirrored(self) -> "Pose":
        """The same position on the left side: limbs swapped (the drawing is flipped)."""

        def limb(a: LimbT) -> LimbT:
            if a.reach is None:
                return a
            return a.model_copy(
                update={"reach": a.reach.model_copy(update={"to": swap_side(a.reach.to)})}
            )

        return self.model_copy(
            update={
                "right_leg": limb(self.left_leg),
                "left_leg": limb(self.right_leg),
                "right_arm": limb(self.left_arm),
                "left_arm": limb(self.right_arm),
                "worked": [swap_side(w) for w in self.worked],
                "front": [swap_side(w) for w in self.front],
                "props": [
                    p.model_copy(update={"on": swap_side(p.on)}) if p.on else p for p in self.props
                ],
                "arrows": [a.model_copy(update={"part": swap_side(a.part)}) for a in self.arrows],
                "feet_on_floor": [swap_side(f) for f in self.feet_on_floor],
            }
        )

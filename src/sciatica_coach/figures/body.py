"""A small 2D body model seen from the side, posed by joint angles.

Angles are in degrees. The torso's angle is absolute (90 = upright, 180 = lying on the back
with the head to the left); every other angle is relative to its parent segment:
hip and shoulder flexion bring the limb forward, knee flexion bends the shin back, elbow
flexion bends the forearm forward, the ankle is 90 when the foot is square to the shin."""

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LENGTHS = {
    "torso": 50.0,
    "neck": 10.0,
    "upper_arm": 27.0,
    "forearm": 25.0,
    "thigh": 42.0,
    "shin": 40.0,
    "foot": 13.0,
}
HEAD_RADIUS = 9.0
PELVIS = 6.0  # flesh between the hip joint and the floor when sitting or lying
BACK = 6.0  # flesh between the spine and the floor when lying

# Human ranges of motion used by the tests (degrees, relative angles as defined above).
RANGES = {
    "hip": (-30.0, 145.0),
    "knee": (0.0, 150.0),
    "ankle": (40.0, 180.0),
    "shoulder": (-70.0, 180.0),
    "elbow": (0.0, 150.0),
    "head": (-45.0, 45.0),
    "adduction": (-45.0, 30.0),
    "rotation": (-45.0, 45.0),
}

# What a position does to the hips, from its angles: the movements that hip precautions
# after a replacement forbid (NHS: Hip replacement, recovery).
HIP_FLEXION_LIMIT = 90.0


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


Point = tuple[float, float]


class Leg(BaseModel):
    """`hip` is flexion in the drawing's plane. The side view cannot show the other two hip
    movements, so they are given as numbers: `adduction`, degrees the thigh moves towards and
    across the body's midline from straight ahead (negative: out to the side), and `rotation`,
    degrees the leg turns inwards (negative: outwards)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 90.0
    adduction: float = 0.0
    rotation: float = 0.0


class Arm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    shoulder: float = 0.0
    elbow: float = 0.0


class Pose(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    description: str
    torso: float
    head: float = 0.0
    right_leg: Leg = Leg()
    left_leg: Leg = Leg()
    right_arm: Arm = Arm()
    left_arm: Arm = Arm()
    worked: list[str] = []  # limbs to highlight, e.g. ["right_leg"]
    props: list[str] = []  # "balls" (tennis balls in a sock), "fists"
    feet_on_floor: list[str] = []  # "right", "left": where the article puts a foot down
    moves_from: str | None = None  # a pose this step moves from, for an animation
    seen_from: Literal["side", "above"] = "side"  # "above": lying on the side, no floor drawn

    def mirrored(self) -> "Pose":
        """The same position on the left side: limbs swapped (the drawing is flipped)."""
        swap = {
            "right_leg": "left_leg",
            "left_leg": "right_leg",
            "right_arm": "left_arm",
            "left_arm": "right_arm",
        }
        return self.model_copy(
            update={
                "right_leg": self.left_leg,
                "left_leg": self.right_leg,
                "right_arm": self.left_arm,
                "left_arm": self.right_arm,
                "worked": [swap.get(w, w) for w in self.worked],
                "feet_on_floor": [
                    {"right": "left", "left": "right"}[f] for f in self.feet_on_floor
                ],
            }
        )


def _step(start: Point, angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return (start[0] + length * math.cos(rad), start[1] + length * math.sin(rad))


@dataclass(frozen=True)
class Skeleton:
    """Joint positions in figure units, y up, the floor at y = 0."""

    joints: dict[str, Point]
    props: dict[str, Point]

    def segment(self, a: str, b: str) -> float:
        (x1, y1), (x2, y2) = self.joints[a], self.joints[b]
        return math.hypot(x2 - x1, y2 - y1)


def _limbs(pose: Pose, hip: Point, neck: Point) -> dict[str, Point]:
    down = pose.torso + 180
    joints: dict[str, Point] = {}
    for side in ("right", "left"):
        leg: Leg = getattr(pose, f"{side}_leg")
        thigh = down + leg.hip
        shin = thigh - leg.knee
        joints[f"{side}_knee"] = _step(hip, thigh, LENGTHS["thigh"])
        joints[f"{side}_ankle"] = _step(joints[f"{side}_knee"], shin, LENGTHS["shin"])
        joints[f"{side}_toe"] = _step(joints[f"{side}_ankle"], shin + leg.ankle, LENGTHS["foot"])
        arm: Arm = getattr(pose, f"{side}_arm")
        upper = down + arm.shoulder
        joints[f"{side}_elbow"] = _step(neck, upper, LENGTHS["upper_arm"])
        joints[f"{side}_hand"] = _step(
            joints[f"{side}_elbow"], upper + arm.elbow, LENGTHS["forearm"]
        )
    return joints


def skeleton(pose: Pose) -> Skeleton:
    hip: Point = (0.0, 0.0)
    neck = _step(hip, pose.torso, LENGTHS["torso"])
    head = _step(neck, pose.torso + pose.head, LENGTHS["neck"] + HEAD_RADIUS)
    joints = {"hip": hip, "neck": neck, "head": head, **_limbs(pose, hip, neck)}
    back = _step(_step(hip, pose.torso, LENGTHS["torso"] * 0.4), pose.torso - 90, BACK)
    props = {}
    if "balls" in pose.props or "fists" in pose.props:
        props["under_back"] = _step(back, pose.torso - 90, 6.0)
    if "balls_on_floor" in pose.props:
        hand = joints["right_hand"]
        props["balls_on_floor"] = (hand[0] + 8.0, hand[1] - 6.0)
    contact = [
        *joints.values(),
        (hip[0], hip[1] - PELVIS),
        back,
        (head[0], head[1] - HEAD_RADIUS),
        *[(x, y - 6.0) for x, y in props.values()],
    ]
    lift = -min(y for _, y in contact)
    moved = {k: (x, y + lift) for k, (x, y) in joints.items()}
    return Skeleton(moved, {k: (x, y + lift) for k, (x, y) in props.items()})

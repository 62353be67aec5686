"""Joint angles measured on landmarks, in the figures' body model conventions
(figures/body.py): the torso absolute (90 upright, 180 lying with the head to the left),
every other angle relative to its parent segment. The model faces +x; a person facing the
other way is the same pose seen mirrored, which `flipped()` gives."""

import math
from dataclasses import dataclass
from itertools import pairwise

from sciatica_coach.figures.body import Pose
from sciatica_coach.motion.landmarks import Landmark, Landmarks

SIDES = ("right", "left")
LIMB_JOINTS = {"leg": ("hip", "knee", "ankle"), "arm": ("shoulder", "elbow")}
JOINTS = (
    "torso",
    "head",
    *(f"{s}.{j}" for s in SIDES for joints in LIMB_JOINTS.values() for j in joints),
)
Point = tuple[float, float]


def wrap(angle: float) -> float:
    """An angle difference in (-180, 180]."""
    return -((-angle + 180) % 360 - 180)


def _direction(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


@dataclass(frozen=True)
class Angles:
    """Measured angles by joint key (see JOINTS); None where a landmark is not visible."""

    values: dict[str, float | None]

    def __getitem__(self, joint: str) -> float | None:
        return self.values.get(joint)

    def flipped(self) -> "Angles":
        """The same body described as facing the other way."""
        out: dict[str, float | None] = {}
        for key, value in self.values.items():
            if value is None:
                out[key] = None
            else:
                out[key] = _mirror(key, value)
        return Angles(out)


def target_angles(pose: Pose) -> dict[str, float]:
    """A pose's angles under the same keys."""
    out = {"torso": pose.torso % 360, "head": pose.head}
    for side in SIDES:
        leg, arm = getattr(pose, f"{side}_leg"), getattr(pose, f"{side}_arm")
        out |= {f"{side}.hip": leg.hip, f"{side}.knee": leg.knee, f"{side}.ankle": leg.ankle}
        out |= {f"{side}.shoulder": arm.shoulder, f"{side}.elbow": arm.elbow}
    return out


def _mirror(joint: str, value: float) -> float:
    if joint == "torso":
        return (180 - value) % 360
    if joint.endswith(".ankle"):
        return -value % 360
    return wrap(-value)


class _Points:
    """Visible landmarks as points with y up and x in the same unit as y."""

    def __init__(self, body: Landmarks) -> None:
        self.body = body

    def get(self, name: str) -> Point | None:
        mark: Landmark = self.body[name]
        return (mark.x * self.body.aspect, -mark.y) if mark.visible else None

    def middle(self, a: str, b: str) -> Point | None:
        found = [p for p in (self.get(a), self.get(b)) if p is not None]
        if not found:
            return None
        return (sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found))


def _chain(points: list[Point | None], base: float | None) -> list[float | None]:
    """Relative angles along a chain of points, starting from the parent direction `base`."""
    out: list[float | None] = []
    for a, b in pairwise(points):
        if a is None or b is None or base is None:
            out.append(None)
            base = None
            continue
        heading = _direction(a, b)
        out.append(wrap(heading - base))
        base = heading
    return out


def measure(body: Landmarks) -> Angles:
    pts = _Points(body)
    hip, neck = pts.middle("left_hip", "right_hip"), pts.middle("left_shoulder", "right_shoulder")
    torso = _direction(hip, neck) % 360 if hip and neck else None
    ear = pts.middle("left_ear", "right_ear") or pts.get("nose")
    head = wrap(_direction(neck, ear) - torso) if neck and ear and torso is not None else None
    values: dict[str, float | None] = {"torso": torso, "head": head}
    down = None if torso is None else torso + 180
    for s in SIDES:
        leg = [pts.get(f"{s}_{j}") for j in ("hip", "knee", "ankle", "foot_index")]
        hip_a, knee_a, ankle_a = _chain(leg, down)
        # The model bends the knee backwards (shin = thigh - knee) and sets the foot at
        # shin + ankle: flip the knee's sign, and give the ankle from the shin's direction.
        values[f"{s}.hip"] = hip_a
        values[f"{s}.knee"] = None if knee_a is None else wrap(-knee_a)
        values[f"{s}.ankle"] = None if ankle_a is None else ankle_a % 360
        arm = [pts.get(f"{s}_{j}") for j in ("shoulder", "elbow", "wrist")]
        shoulder_a, elbow_a = _chain(arm, down)
        values[f"{s}.shoulder"], values[f"{s}.elbow"] = shoulder_a, elbow_a
    return Angles(values)

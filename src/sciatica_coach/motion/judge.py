"""One frame against one target position: in it, out of it, on the wrong side, or unknown
(too little of the body is visible to say); and the first form hint that applies. Pure."""

from dataclasses import dataclass
from enum import StrEnum

from sciatica_coach.figures import load_poses
from sciatica_coach.figures.body import Pose
from sciatica_coach.motion.angles import Angles, measure, target_angles, wrap
from sciatica_coach.motion.landmarks import Landmarks
from sciatica_coach.motion.rules import Hint, Rules

OTHER = {"right": "left", "left": "right"}


class Fit(StrEnum):
    IN = "in"
    OUT = "out"
    WRONG_SIDE = "wrong_side"
    UNKNOWN = "unknown"  # the body or the joints that decide are not visible
    GONE = "gone"  # nobody in the picture (not even the trunk)
    UNCHECKABLE = "uncheckable"  # this position cannot be checked from the side


@dataclass(frozen=True)
class Judgement:
    fit: Fit
    side: str | None = None  # the side being worked, as seen
    hint: str | None = None


@dataclass(frozen=True)
class Target:
    """A timeline figure id (`POSE:right|left|none`) made ready for checking."""

    figure: str
    pose: Pose  # already mirrored for the left side
    side: str  # the side to work ("right" for a position without sides)
    other: Pose | None  # the same position on the other side, when it can be told apart
    hints: tuple[Hint, ...]
    checkable: bool

    @classmethod
    def of(cls, figure: str, rules: Rules) -> "Target":
        pose_id, _, side = figure.partition(":")
        base = load_poses()[pose_id]
        worked = "left" if side == "left" else "right"
        pose = base.mirrored() if worked == "left" else base
        mirror = pose.mirrored()
        other = mirror if _sides_differ(pose, mirror, rules) else None
        hints = tuple(rules.hints_for(pose_id))
        return cls(figure, pose, worked, other, hints, rules.checkable(figure))


def _sides_differ(pose: Pose, mirror: Pose, rules: Rules) -> bool:
    """Whether the two sides of a position can be told apart within the tolerances (in a
    side view the figure four, for one, looks the same on both sides)."""
    a, b = target_angles(pose), target_angles(mirror)
    return any(abs(wrap(a[j] - b[j])) > rules.tolerance.of(j) > 0 for j in a)


def _required(pose: Pose) -> list[str]:
    legs = [w.removesuffix("_leg") for w in pose.worked if w.endswith("_leg")]
    return ["torso", *(f"{s}.{j}" for s in legs for j in ("hip", "knee"))]


def _worst(angles: Angles, pose: Pose, rules: Rules) -> float | None:
    """The largest deviation as a share of its tolerance (<= 1 fits), None if undecidable."""
    if any(angles[j] is None for j in _required(pose)):
        return None
    legs = ("right.hip", "left.hip", "right.knee", "left.knee")
    if sum(angles[j] is not None for j in legs) < 2:
        return None
    worst = 0.0
    for joint, target in target_angles(pose).items():
        measured, tolerance = angles[joint], rules.tolerance.of(joint)
        if measured is not None and tolerance > 0:
            worst = max(worst, abs(wrap(measured - target)) / tolerance)
    return worst


def _best(measured: Angles, pose: Pose, rules: Rules) -> tuple[float | None, Angles]:
    """The better of the two ways the person may face the camera."""
    options = [(_worst(a, pose, rules), a) for a in (measured, measured.flipped())]
    known = [(w, a) for w, a in options if w is not None]
    return min(known, key=lambda o: o[0]) if known else (None, measured)


def _hint(angles: Angles, target: Target) -> str | None:
    goal = target_angles(target.pose)
    names = {"worked": target.side, "other": OTHER[target.side]}
    for hint in target.hints:
        for joint in hint.joints:
            key = joint.replace("worked", names["worked"]).replace("other", names["other"])
            value = angles[key]
            if value is None:
                continue
            off = wrap(value - goal[key])
            if (hint.above and off > hint.above) or (hint.below and off < -hint.below):
                return hint.text.format(**names)
    return None


def judge(body: Landmarks | None, target: Target, rules: Rules) -> Judgement:
    if not target.checkable:
        return Judgement(Fit.UNCHECKABLE)
    if body is None:
        return Judgement(Fit.GONE)
    measured = measure(body)
    if measured["torso"] is None:
        return Judgement(Fit.GONE)
    worst, angles = _best(measured, target.pose, rules)
    if worst is None:
        return Judgement(Fit.UNKNOWN)
    other_worst = _best(measured, target.other, rules)[0] if target.other else None
    seen = target.side
    if other_worst is not None and other_worst < worst:
        seen = OTHER[target.side]
    if worst <= 1:
        return Judgement(Fit.IN, seen if target.other else None, _hint(angles, target))
    if other_worst is not None and other_worst <= 1:
        return Judgement(Fit.WRONG_SIDE, seen)
    return Judgement(Fit.OUT, seen if target.other else None, _hint(angles, target))

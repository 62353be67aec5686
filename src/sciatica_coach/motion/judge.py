"""One frame against one target position: in it, out of it, on the wrong side, or unknown
(too little of the body is visible to say); and the first form hint that applies. Pure."""

from dataclasses import dataclass
from enum import StrEnum

from sciatica_coach.figures import load_poses
from sciatica_coach.figures.body import Pose
from sciatica_coach.motion.angles import Angles, measure, target_angles, wrap
from sciatica_coach.motion.landmarks import Landmarks
from sciatica_coach.motion.positions import DEFINED, NAMES_SIDE, Seen, examine
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
    sided: bool = True  # the figure is for one side (not `:none`)

    @property
    def defined(self) -> bool:
        """Judged by what defines the position (positions.py), not joint by joint."""
        return self.pose.id in DEFINED

    @property
    def names_side(self) -> bool:
        """Whether the judge can tell, and say, which side is being worked."""
        if self.defined:
            return self.sided and self.pose.id in NAMES_SIDE
        return self.other is not None

    @classmethod
    def of(cls, figure: str, rules: Rules) -> "Target":
        pose_id, _, side = figure.partition(":")
        base = load_poses()[pose_id]
        worked = "left" if side == "left" else "right"
        pose = base.mirrored() if worked == "left" else base
        mirror = pose.mirrored()
        other = mirror if _sides_differ(pose, mirror, rules) else None
        hints = tuple(rules.hints_for(pose_id))
        sided = side in ("right", "left")
        return cls(figure, pose, worked, other, hints, rules.checkable(figure), sided)


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


def _hint(angles: Angles, target: Target, seen: Seen | None = None) -> str | None:
    goal = target_angles(target.pose)
    names = {"worked": target.side, "other": OTHER[target.side]}
    for hint in target.hints:
        if seen is not None and not _near(hint, seen):
            continue
        for joint in hint.joints:
            key = joint.replace("worked", names["worked"]).replace("other", names["other"])
            value = angles[key]
            if value is None:
                continue
            off = wrap(value - goal[key])
            if (hint.above and off > hint.above) or (hint.below and off < -hint.below):
                return hint.text.format(**names)
    return None


# Which of a defined position's checks a hint's joint speaks to: a hint on the knees is for
# legs that have left the position's shape (never for knees already bent); a hint on the
# trunk may also polish a position already held ("keep your back flat").
_SPEAKS_TO = {"knee": ("legs", "thighs", "feet"), "hip": ("legs", "thighs", "feet")}
_POLISH = ("torso", "head", "shoulder", "elbow")


def _near(hint: Hint, seen: Seen) -> bool:
    """A hint only near the position: nothing else is wrong, and what it asks for is not
    done already."""
    parts = {j.rpartition(".")[2] for j in hint.joints}
    own = {c for p in parts for c in _SPEAKS_TO.get(p, (p,))}
    failed = set(seen.failed)
    if seen.unknown or failed - own:
        return False
    return bool(failed & own) or all(p in _POLISH for p in parts)


def judge(body: Landmarks | None, target: Target, rules: Rules) -> Judgement:
    if not target.checkable:
        return Judgement(Fit.UNCHECKABLE)
    if body is None:
        return Judgement(Fit.GONE)
    measured = measure(body)
    if measured["torso"] is None:
        return Judgement(Fit.GONE)
    if target.defined:
        return _judge_defined(body, measured, target, rules)
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


def _judge_defined(body: Landmarks, measured: Angles, target: Target, rules: Rules) -> Judgement:
    seen = examine(target.pose.id, body)
    if seen is None:
        return Judgement(Fit.GONE)
    if not seen.side_on:
        return Judgement(Fit.UNKNOWN, hint=rules.view.hint)
    if seen.failed:
        return Judgement(Fit.OUT, None, _defined_hint(measured, target, rules, seen))
    if seen.unknown:
        return Judgement(Fit.UNKNOWN)
    side = seen.side if target.names_side else None
    if side is not None and side != target.side:
        return Judgement(Fit.WRONG_SIDE, side)
    return Judgement(Fit.IN, side, _defined_hint(measured, target, rules, seen))


def _defined_hint(measured: Angles, target: Target, rules: Rules, seen: Seen) -> str | None:
    if not any(_near(h, seen) for h in target.hints):
        return None
    return _hint(_best(measured, target.pose, rules)[1], target, seen)

"""The techniques' held positions, each defined by what defines it, measured on real bodies.

A position is a few checks, each on the joints that make it (the legs for the lying holds, the
legs and the arm at the knee for the spinal twist); arms and head are not checked where the
article does not care. Every measure is a ratio or an angle between body segments, so it holds
for any body size and, within limits, for any camera height; the ranges come from anatomy and
from photographs of real people (knees "bent" with the feet flat on the floor measured 65-95
degrees inside the knee, thighs raised 125-145 degrees from the trunk).

Each check says "ok", "low" or "high" (which way it misses), or None when the joints it needs
cannot be seen: an unseen defining joint makes the position unknown, never "in". Pure."""

import math
from collections.abc import Callable
from dataclasses import dataclass

from sciatica_coach.motion.landmarks import Landmarks

Point = tuple[float, float]
Check = str | None  # "ok", "low", "high"; None: cannot be seen

# How far the camera may be from side-on: the two hip joints, seen from the front about 0.4 of
# the trunk's length apart, must look at most 0.35 apart (the camera a third of the way round
# or more from the front). Lying holds are judged from the side only; the twist turns the
# trunk, so not there.
SIDE_ON = 0.35
END_ON = 0.9  # shoulders this wide for the trunk's length: seen from the head or the feet
HIDDEN = 0.2  # a landmark this faint is a guess at where the estimator lost it
BEHIND = 0.3  # a hidden joint this near (trunk lengths) the same joint of the leg in front
LYING_TILT = 30.0  # the trunk within this of horizontal: lying (a pillow, a sloping camera)
UPRIGHT_TILT = 30.0  # the trunk within this of vertical: sitting up, "back straight"
STRAIGHT_KNEE = 145.0  # inside a knee: a leg "long", "outstretched"
BENT_KNEE = (35.0, 125.0)  # "knees bent", feet flat: heels near the seat to a loose bend
RAISED_THIGH = (100.0, 160.0)  # trunk to thigh, lying with the knees bent and feet down
KNEE_UP = 0.2  # a raised knee above its hip, in trunk lengths
HIP_LIFT = 0.25  # the hip above the shoulder-to-feet line, in trunk lengths: a bridge
FOOT_UP = 0.35  # a foot off the floor, above the trunk's line, in trunk lengths
PULLED_THIGH = 90.0  # trunk to thigh at most this: the knee drawn up, square or closer
AT_KNEE = 0.45  # a forearm resting on a knee: this near it, in trunk lengths
# An ankle crossed over the other leg's knee: this near it, in trunk lengths. The crossed shin
# points across the body, at the camera in a side view, so the ankle is seen off the knee by up
# to the shin's width and the foot's; half a shin and more.
AT_LEG = 0.7
FLOOR_THIGH = 140.0  # trunk to thigh at least this: the leg lying along the floor
SEATED_THIGH = (40.0, 125.0)  # trunk to the long leg's thigh, sitting (upright to reaching)
REACH_LEAN = (15.0, 75.0)  # leaning forward from the hips over the long leg, reaching
# A hand on the lower back (the lumbar spine, above and behind the hip joints): this near the
# hip joints, in trunk lengths.
LOWER_BACK = 0.6


@dataclass(frozen=True)
class Seen:
    """The result of a position's checks on one frame."""

    checks: dict[str, Check]
    side: str | None = None  # the worked side, when the geometry tells it for sure
    side_on: bool = True  # False: seen too much from the front or back to judge

    @property
    def unknown(self) -> bool:
        return any(c is None for c in self.checks.values())

    @property
    def failed(self) -> list[str]:
        return [k for k, c in self.checks.items() if c not in (None, "ok")]


class Body:
    """Visible landmarks as points with y up, x in the same unit as y."""

    def __init__(self, body: Landmarks) -> None:
        self.body = body
        ls, rs = self.get("left_shoulder"), self.get("right_shoulder")
        lh, rh = self.get("left_hip"), self.get("right_hip")
        self.shoulders = _mid(ls, rs)
        self.hips = _mid(lh, rh)
        self.trunk = _dist(self.shoulders, self.hips) if self.shoulders and self.hips else 0.0
        self.hip_width = _dist(lh, rh) / self.trunk if lh and rh and self.trunk else None

    def end_on(self) -> bool:
        """Seen along the body's length (from the head or the feet): the trunk looks no
        longer than the shoulders are wide, and its direction on the picture means nothing."""
        ls, rs = self.get("left_shoulder"), self.get("right_shoulder")
        return ls is None or rs is None or _dist(ls, rs) >= END_ON * self.trunk

    def get(self, name: str) -> Point | None:
        mark = self.body[name]
        return (mark.x * self.body.aspect, -mark.y) if mark.visible else None

    @property
    def seen(self) -> bool:
        return self.trunk > 0

    def tilt(self) -> float:
        """The trunk's angle above horizontal, 0..90 (90: upright or upside down)."""
        assert self.shoulders and self.hips
        dx, dy = self.shoulders[0] - self.hips[0], self.shoulders[1] - self.hips[1]
        return math.degrees(math.atan2(abs(dy), abs(dx)))

    def upright(self) -> float:
        """The trunk's angle from vertical, head up: 0 upright, 180 upside down."""
        assert self.shoulders and self.hips
        dx, dy = self.shoulders[0] - self.hips[0], self.shoulders[1] - self.hips[1]
        return math.degrees(math.atan2(abs(dx), dy))

    def leg(self, side: str) -> "Leg | None":
        hip, knee, ankle = (self.get(f"{side}_{j}") for j in ("hip", "knee", "ankle"))
        return self._leg(side, hip, knee, ankle)

    def leg_behind(self, side: str, near: "Leg") -> "Leg | None":
        """A leg the estimator is unsure of because the other one hides it: each of its joints
        found (however faintly) right behind the same joint of the seen leg. Only for
        positions where both legs do the same."""
        points: list[Point] = []
        for joint, seen in (("hip", near.hip), ("knee", near.knee), ("ankle", near.ankle)):
            mark = self.body[f"{side}_{joint}"]
            point = (mark.x * self.body.aspect, -mark.y)
            if mark.visibility < HIDDEN or _dist(point, seen) > BEHIND * self.trunk:
                return None
            points.append(point)
        return self._leg(side, *points)

    def _leg(
        self, side: str, hip: Point | None, knee: Point | None, ankle: Point | None
    ) -> "Leg | None":
        if not (hip and knee and ankle and self.shoulders):
            return None
        return Leg(
            side, hip, knee, ankle, _angle(hip, knee, ankle), _angle(self.shoulders, hip, knee)
        )

    def up(self, point: Point) -> float:
        """How far a point is off the trunk's line, in trunk lengths, towards the knees' side."""
        assert self.shoulders and self.hips
        off = _offset(self.hips, self.shoulders, point) / self.trunk
        knees = [k for k in (self.get("left_knee"), self.get("right_knee")) if k]
        sign = 1.0
        if knees:
            mean = (sum(k[0] for k in knees) / len(knees), sum(k[1] for k in knees) / len(knees))
            sign = 1.0 if _offset(self.hips, self.shoulders, mean) >= 0 else -1.0
        return off * sign


@dataclass(frozen=True)
class Leg:
    side: str
    hip: Point
    knee: Point
    ankle: Point
    knee_angle: float  # inside the knee: 180 straight
    thigh_angle: float  # between trunk and thigh at the hip: 180 in line with the trunk


def _mid(a: Point | None, b: Point | None) -> Point | None:
    found = [p for p in (a, b) if p is not None]
    if not found:
        return None
    return (sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found))


def _dist(a: Point | None, b: Point | None) -> float:
    if a is None or b is None:
        return math.inf
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _angle(a: Point, b: Point, c: Point) -> float:
    v1, v2 = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    n = math.hypot(*v1) * math.hypot(*v2)
    if n == 0:
        return 180.0
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / n
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _offset(a: Point, b: Point, p: Point) -> float:
    """Signed distance of p from the line a->b (positive on the left of a->b)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return (dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / n


def _within(value: float | None, low: float, high: float) -> Check:
    if value is None:
        return None
    return "low" if value < low else "high" if value > high else "ok"


def _at_least(value: float | None, low: float) -> Check:
    return None if value is None else "ok" if value >= low else "low"


def _at_most(value: float | None, high: float) -> Check:
    return None if value is None else "ok" if value <= high else "high"


def _both(*checks: Check) -> Check:
    if any(c is None for c in checks):
        return None
    bad = [c for c in checks if c != "ok"]
    return bad[0] if bad else "ok"


def _lying(b: Body) -> Check:
    return _at_most(b.tilt(), LYING_TILT)


def _knee_up(b: Body, leg: "Leg | None") -> Check:
    """On the back with the knee raised: the knee above the hip in the picture (on hands and
    knees, or face down, the knees are at or below the hips)."""
    if leg is None:
        return None
    return _at_least((leg.knee[1] - leg.hip[1]) / b.trunk, KNEE_UP)


def _side_on(b: Body) -> bool:
    return b.hip_width is not None and b.hip_width <= SIDE_ON


def lying_knees_bent(b: Body) -> Seen:
    """On the back, both knees bent, both feet flat on the floor, the hips down."""
    legs = [b.leg("left"), b.leg("right")]
    if legs[0] is None and legs[1] is not None:
        legs[0] = b.leg_behind("left", legs[1])
    if legs[1] is None and legs[0] is not None:
        legs[1] = b.leg_behind("right", legs[0])
    known = [leg for leg in legs if leg]
    checks: dict[str, Check] = {"torso": _lying(b)}
    checks["legs"] = _both(*(_within(leg.knee_angle if leg else None, *BENT_KNEE) for leg in legs))
    checks["thighs"] = _both(
        *(_within(leg.thigh_angle if leg else None, *RAISED_THIGH) for leg in legs)
    )
    checks["feet"] = (
        _both(*(_at_most(b.up(leg.ankle), FOOT_UP) for leg in known)) if known else None
    )
    checks["hips"] = _hips_down(b, known)
    checks["back"] = _both(*(_knee_up(b, leg) for leg in legs))
    return Seen(checks, None, _side_on(b))


def _hips_down(b: Body, legs: "list[Leg]") -> Check:
    """The hips on the floor: not lifted above the line from the shoulders to the feet."""
    if not legs or not (b.shoulders and b.hips):
        return None
    feet = _mid(*(leg.ankle for leg in legs[:2])) if len(legs) > 1 else legs[0].ankle
    assert feet is not None
    knee_side = _offset(b.shoulders, feet, legs[0].knee)
    lift = _offset(b.shoulders, feet, b.hips) / b.trunk
    return _at_most(lift if knee_side >= 0 else -lift, HIP_LIFT)


def knee_to_shoulder(b: Body) -> Seen:
    """On the back, one knee bent and pulled to the chest, the other leg long on the floor.
    A side view cannot tell the near leg from the far one: the side is not named."""
    checks: dict[str, Check] = {"torso": _lying(b)}
    left, right = b.leg("left"), b.leg("right")
    if not (left and right):
        checks["legs"] = _pulled_or_long(left or right)
        checks["both"] = None
        return Seen(checks, None, _side_on(b))
    options = [_pulled_and_long(b, p, o) for p, o in ((left, right), (right, left))]
    checks["legs"] = "ok" if "ok" in options else options[0]
    return Seen(checks, None, _side_on(b))


def _pulled_or_long(leg: "Leg | None") -> Check:
    """With one leg hidden, the seen one can only rule the position out."""
    if leg is None:
        return None
    pulled = leg.thigh_angle <= PULLED_THIGH and leg.knee_angle <= BENT_KNEE[1]
    long = leg.knee_angle >= STRAIGHT_KNEE and leg.thigh_angle >= FLOOR_THIGH
    return "ok" if pulled or long else "high"


def _pulled_and_long(b: Body, pulled: Leg, long: Leg) -> Check:
    return _both(
        _knee_up(b, pulled),
        _at_most(pulled.thigh_angle, PULLED_THIGH),
        _at_most(pulled.knee_angle, BENT_KNEE[1]),
        _at_least(long.knee_angle, STRAIGHT_KNEE),
        _at_least(long.thigh_angle, FLOOR_THIGH),
    )


def _crossed(worked: Leg, support: Leg, scale: float) -> float:
    """How far the worked leg's ankle is from the other leg around its knee (from the middle
    of the thigh to the middle of the shin), in trunk lengths: the ankle rests there."""
    thigh = _mid(support.hip, support.knee)
    shin = _mid(support.knee, support.ankle)
    near = min(
        _segment(worked.ankle, thigh, support.knee), _segment(worked.ankle, support.knee, shin)
    )
    return near / scale


def reclining_figure_four(b: Body) -> Seen:
    """On the back, one leg lifted and bent, the other leg's ankle resting on its knee."""
    checks: dict[str, Check] = {"torso": _lying(b)}
    left, right = b.leg("left"), b.leg("right")
    if not (left and right):
        checks["legs"] = None
        return Seen(checks, None, _side_on(b))
    options = []
    for worked, support in ((left, right), (right, left)):
        options.append(
            _both(
                _knee_up(b, support),
                _at_most(_crossed(worked, support, b.trunk), AT_LEG),
                _at_most(support.thigh_angle, 115.0),  # the supporting thigh lifted
                _at_most(support.knee_angle, BENT_KNEE[1]),
                _at_most(worked.knee_angle, BENT_KNEE[1]),
            )
        )
    checks["legs"] = "ok" if "ok" in options else options[0]
    return Seen(checks, None, _side_on(b))


def sitting_figure_four_reach(b: Body) -> Seen:
    """Sitting, one leg long, the other's ankle over its knee, leaning forward from the hips."""
    checks: dict[str, Check] = {"torso": _lean(b)}
    left, right = b.leg("left"), b.leg("right")
    if not (left and right):
        checks["legs"] = None
        return Seen(checks, None, True)
    options = []
    for worked, long in ((left, right), (right, left)):
        options.append(
            _both(
                _at_least(long.knee_angle, STRAIGHT_KNEE),
                _at_most(_crossed(worked, long, b.trunk), AT_LEG),
                _at_most(worked.knee_angle, BENT_KNEE[1]),
            )
        )
    checks["legs"] = "ok" if "ok" in options else options[0]
    long = left if left.knee_angle >= right.knee_angle else right  # the straighter leg
    checks["seat"] = _within(long.thigh_angle, *SEATED_THIGH)
    return Seen(checks, None, True)


def _lean(b: Body) -> Check:
    """Leaning forward from the hips, towards the feet: the trunk's angle from vertical."""
    feet = [p for p in (b.get("left_ankle"), b.get("right_ankle")) if p]
    if not feet or not (b.shoulders and b.hips):
        return None
    forward = (b.shoulders[0] - b.hips[0]) * (feet[0][0] - b.hips[0]) >= 0
    angle = b.upright()
    if not forward and angle > 5:
        return "high"  # leaning back
    return _within(angle, *REACH_LEAN)


def seated_twist(b: Body) -> Seen:
    """Sitting up, one leg long, the other knee drawn up, the opposite arm resting against
    that knee: the twist of the article ("your left elbow touches your right knee")."""
    checks: dict[str, Check] = {"torso": _at_most(b.upright(), UPRIGHT_TILT)}
    left, right = b.leg("left"), b.leg("right")
    if not (left and right):
        checks["legs"] = None
        return Seen(checks, None, True)
    best: tuple[Check, str | None] = ("high", None)
    for bent, long in ((left, right), (right, left)):
        legs = _both(
            _at_least(long.knee_angle, STRAIGHT_KNEE),
            _within(long.thigh_angle, *SEATED_THIGH),
            _at_most(bent.knee_angle, BENT_KNEE[1]),
            _at_most(bent.thigh_angle, PULLED_THIGH),
        )
        if legs == "ok":
            best = ("ok", bent.side)
            break
        if legs is None and best[0] != "ok":
            best = (None, None)
    checks["legs"] = best[0]
    side = None
    if best[0] == "ok" and best[1]:
        arm = _arm_at_knee(b, best[1])
        checks["twist"] = arm[0]
        side = arm[1]
    else:
        checks["twist"] = "ok" if best[0] is not None else None
    return Seen(checks, side, True)


def _arm_at_knee(b: Body, bent: str) -> tuple[Check, str | None]:
    """The opposite arm resting on the drawn-up knee names the side for sure. The arm of the
    knee's own side there may be the estimator's left and right crossed: in position, but the
    side is not said. The opposite arm unseen (behind the knee, say): unknown."""
    knee = b.get(f"{bent}_knee")
    other = {"left": "right", "right": "left"}[bent]
    near: dict[str, float] = {}
    for arm in (other, bent):
        elbow, wrist = b.get(f"{arm}_elbow"), b.get(f"{arm}_wrist")
        near[arm] = min(_segment(knee, elbow, wrist), _dist(knee, elbow), _dist(knee, wrist))
    if near[other] / (b.trunk or 1) <= AT_KNEE:
        return "ok", bent
    if near[bent] / (b.trunk or 1) <= AT_KNEE:
        return "ok", None
    if not (b.get(f"{other}_elbow") and b.get(f"{other}_wrist")):
        return None, None
    return "high", None


def _segment(p: Point | None, a: Point | None, c: Point | None) -> float:
    """Distance from p to the segment a-c."""
    if p is None or a is None or c is None:
        return math.inf
    dx, dy = c[0] - a[0], c[1] - a[1]
    n = dx * dx + dy * dy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / n))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def hands_on_lower_back(b: Body) -> Seen:
    """Standing, both hands on the lower back (palms or thumbs): the elbows bent and drawn
    back behind the trunk, the hands at the height of the hips."""
    checks: dict[str, Check] = {"torso": _at_most(b.upright(), 20.0)}
    thighs = [_thigh(b, side) for side in ("left", "right")]
    seen = [t for t in thighs if t is not None]
    checks["thighs"] = _both(*(_at_least(t, 150.0) for t in seen)) if seen else None
    checks["hands"] = _hands_behind(b)
    return Seen(checks, None, True)


def _thigh(b: Body, side: str) -> float | None:
    hip, knee = b.get(f"{side}_hip"), b.get(f"{side}_knee")
    return _angle(b.shoulders, hip, knee) if b.shoulders and hip and knee else None


def _front(b: Body) -> float | None:
    """Which side of the trunk's line the person faces (its sign): the nose and the toes
    both point forward; together they outweigh either one's jitter."""
    assert b.shoulders and b.hips
    ahead = 0.0
    nose = b.get("nose")
    if nose is not None:
        ahead += _offset(b.hips, b.shoulders, nose)
    for side in ("left", "right"):
        heel, toe = b.get(f"{side}_heel"), b.get(f"{side}_foot_index")
        if heel and toe:
            ahead += _offset(b.hips, b.shoulders, toe) - _offset(b.hips, b.shoulders, heel)
    return ahead or None


def _hands_behind(b: Body) -> Check:
    if not (b.shoulders and b.hips):
        return None
    front = _front(b)
    if front is None:
        return None
    found: list[Check] = []
    for side in ("left", "right"):
        shoulder, elbow, wrist = (b.get(f"{side}_{j}") for j in ("shoulder", "elbow", "wrist"))
        if not (shoulder and elbow and wrist):
            continue
        back = _offset(b.hips, b.shoulders, elbow) * front < 0  # the elbow behind the trunk
        low = _dist(wrist, b.hips) / b.trunk <= LOWER_BACK
        bent = _angle(shoulder, elbow, wrist) <= 130.0
        found.append("ok" if back and low and bent else "high")
    if not found:
        return None
    return "high" if "high" in found else "ok"


DEFINED: dict[str, Callable[[Body], Seen]] = {
    "lying-knees-bent": lying_knees_bent,
    "lying-on-tennis-balls": lying_knees_bent,
    "lying-on-fists": lying_knees_bent,
    "knee-to-opposite-shoulder": knee_to_shoulder,
    "reclining-figure-four-pull": reclining_figure_four,
    "sitting-figure-four-reach": sitting_figure_four_reach,
    "seated-twist": seated_twist,
    "standing-palms-lower-back": hands_on_lower_back,
    "standing-thumbs-lower-back": hands_on_lower_back,
}
# The positions whose worked side the geometry tells (the arm across to the drawn-up knee);
# lying, a side view cannot tell the near leg from the far one, so the side is not named.
NAMES_SIDE = {"seated-twist"}
# Judged from the side only: lying, a camera in front sees the legs end-on.
SIDE_ONLY = {
    "lying-knees-bent", "lying-on-tennis-balls", "lying-on-fists", "knee-to-opposite-shoulder",
    "reclining-figure-four-pull",
}  # fmt: skip


def examine(pose_id: str, body: Landmarks) -> Seen | None:
    """The checks of a defined position on a body; None when the trunk is not seen."""
    b = Body(body)
    if not b.seen:
        return None
    seen = DEFINED[pose_id](b)
    if pose_id in SIDE_ONLY and not seen.side_on:
        if seen.checks["torso"] not in (None, "ok") and not b.end_on():
            return Seen(seen.checks)  # sitting or standing up: out, whatever the view
        return Seen(seen.checks, None, False)
    return seen

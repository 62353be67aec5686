"""The body model's parts, each turned about the joint it hangs from, and their volume.

Every part lies along the x axis of its own frame, in "continued" coordinates: the shin runs
from x = 42 (the knee, where the thigh ends) to x = 82, and turns about (42, 0). The same
frames give the SVG its nested `rotate(angle px 0)` groups (so a step that moves can be
animated joint by joint) and give the joints' positions here. y is up, the hip is at x = 0,
and the lowest point of the body (or of a prop under it) rests on y = 0."""

import math
from dataclasses import dataclass
from functools import cached_property

from sciatica_coach.figures.body import HEAD_RADIUS, LENGTHS, SIDES, Arm, Leg, Point, Pose

Matrix = tuple[float, float, float, float, float, float]  # as SVG's matrix(a b c d e f)
BALL = 4.8  # a tennis ball's radius, a little large to be seen


def rotation(degrees: float, cx: float = 0.0, cy: float = 0.0) -> Matrix:
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return (c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy)


def compose(m: Matrix, n: Matrix) -> Matrix:
    """`m` after `n`, as SVG's `transform="m n"`."""
    a, b, c, d, e, f = m
    aa, bb, cc, dd, ee, ff = n
    return (
        a * aa + c * bb,
        b * aa + d * bb,
        a * cc + c * dd,
        b * cc + d * dd,
        a * ee + c * ff + e,
        b * ee + d * ff + f,
    )


def apply(m: Matrix, p: Point) -> Point:
    return (m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5])


@dataclass(frozen=True)
class Part:
    name: str
    parent: str | None
    pivot: float  # where it turns, on its own (continued) x axis
    angle: float  # degrees, relative to its parent
    length: float

    @property
    def end(self) -> float:
        return self.pivot + self.length


def forearm_length(arm: Arm) -> float:
    return LENGTHS["forearm"] * math.cos(math.radians(arm.across))


def thigh_length(leg: Leg) -> float:
    """A thigh moved out to the side, or across, is seen shortened from the side."""
    return LENGTHS["thigh"] * math.cos(math.radians(leg.adduction))


def shin_length(leg: Leg) -> float:
    return LENGTHS["shin"] * math.cos(math.radians(leg.across))


def parts(pose: Pose) -> list[Part]:
    """Parents before children."""
    torso, upper = LENGTHS["torso"], LENGTHS["upper_arm"]
    found = [
        Part("torso", None, 0.0, pose.torso, torso),
        Part("head", "torso", torso, pose.head, LENGTHS["neck"] + HEAD_RADIUS),
    ]
    for s in SIDES:
        leg, arm = getattr(pose, f"{s}_leg"), getattr(pose, f"{s}_arm")
        fore, thigh, shin = forearm_length(arm), thigh_length(leg), shin_length(leg)
        found += [
            Part(f"{s}_thigh", "torso", 0.0, 180 + leg.hip, thigh),
            Part(f"{s}_shin", f"{s}_thigh", thigh, -leg.knee, shin),
            Part(f"{s}_foot", f"{s}_shin", thigh + shin, leg.ankle, LENGTHS["foot"]),
            Part(f"{s}_upper_arm", "torso", torso, 180 + arm.shoulder, upper),
            Part(f"{s}_forearm", f"{s}_upper_arm", torso + upper, arm.elbow, fore),
            Part(f"{s}_hand", f"{s}_forearm", torso + upper + fore, arm.wrist, LENGTHS["hand"]),
        ]
    return found


# The joints, as (part, x on its axis); `hand` is the wrist, `fingers` the hand's tip.
def _joint_places(by_name: dict[str, Part]) -> dict[str, tuple[str, float]]:
    places = {
        "hip": ("torso", 0.0),
        "neck": ("torso", LENGTHS["torso"]),
        "head": ("head", by_name["head"].end),
    }
    for s in SIDES:
        places |= {
            f"{s}_knee": (f"{s}_thigh", by_name[f"{s}_thigh"].end),
            f"{s}_ankle": (f"{s}_shin", by_name[f"{s}_shin"].end),
            f"{s}_toe": (f"{s}_foot", by_name[f"{s}_foot"].end),
            f"{s}_elbow": (f"{s}_upper_arm", by_name[f"{s}_upper_arm"].end),
            f"{s}_hand": (f"{s}_forearm", by_name[f"{s}_forearm"].end),
            f"{s}_fingers": (f"{s}_hand", by_name[f"{s}_hand"].end),
        }
    return places


# The volume: widths (radii) at the start and the end of each limb, the torso's and the
# foot's outlines (x along the part, y to its left: the back for the torso, the top of the
# foot), in figure units (about a centimetre).
RADII = {
    "thigh": (8.0, 5.4),
    "shin": (5.2, 3.4),
    "upper_arm": (4.2, 3.4),
    "forearm": (3.4, 2.6),
}
TORSO = [
    (-8.2, 1.5), (-5.0, 8.5), (3.0, 10.5), (10.0, 8.6), (19.0, 7.2), (30.0, 8.8), (41.0, 9.6),
    (49.5, 8.0), (54.5, 3.0), (54.0, -4.0), (48.0, -9.6), (37.0, -11.4), (25.0, -9.8),
    (13.0, -9.8), (3.0, -9.0), (-5.5, -5.5),
]  # fmt: skip
FOOT = [(-3.6, -0.5), (-3.0, -3.6), (10.0, -3.8), (13.6, -2.2), (13.0, 0.2), (6.0, 2.8), (0.5, 4.0)]
HANDS = {
    "open": [(-0.5, -2.6), (6.0, -3.0), (11.0, -1.6), (11.8, 0.4), (10.0, 1.8), (5.5, 2.8),
             (3.0, 4.4), (0.0, 2.6)],
    "grip": [(-0.5, -2.6), (6.5, -3.2), (10.6, -1.0), (11.0, 3.2), (8.6, 6.6), (6.4, 6.0),
             (8.0, 3.2), (6.5, 1.2), (3.0, 2.6), (0.0, 2.6)],
    "fist": [(-0.5, -2.8), (4.0, -4.2), (7.8, -3.2), (8.6, 0.0), (7.6, 3.4), (4.0, 4.2),
             (-0.5, 2.8)],
}  # fmt: skip


def outline(part: Part, pose: Pose) -> list[Point]:
    """Points round a part's outline in its own frame (for the lift and the bounds; the
    drawing uses the same numbers)."""
    kind = part.name.split("_", 1)[-1]
    if part.name == "torso":
        return TORSO
    if part.name == "head":
        centre = part.end
        neck = [(part.pivot, 3.6), (part.pivot, -3.6)]
        return neck + _circle(centre, 0.0, HEAD_RADIUS)
    if kind == "foot":
        return [(part.pivot + x, y) for x, y in FOOT]
    if kind == "hand":
        arm: Arm = getattr(pose, part.name.replace("_hand", "_arm"))
        return [(part.pivot + x, y) for x, y in HANDS[arm.hand]]
    r0, r1 = RADII[kind]
    return _circle(part.pivot, 0.0, r0) + _circle(part.end, 0.0, r1)


def _circle(cx: float, cy: float, r: float, n: int = 16) -> list[Point]:
    return [
        (cx + r * math.cos(2 * math.pi * k / n), cy + r * math.sin(2 * math.pi * k / n))
        for k in range(n)
    ]


class Rig:
    """A pose's frames and joints. `lift` raises it so that it rests on the floor (or the
    mat's top): its lowest point, props under it included, at y = 0."""

    def __init__(self, pose: Pose) -> None:
        self.pose = pose
        self.parts = parts(pose)
        self.by_name = {p.name: p for p in self.parts}
        frames: dict[str, Matrix] = {}
        for p in self.parts:
            turn = rotation(p.angle, p.pivot)
            frames[p.name] = compose(frames[p.parent], turn) if p.parent else turn
        self.raw = frames  # before the lift
        self.lift = -min(y for _, y in self.points(floor_reaches=False))

    def frame(self, name: str) -> Matrix:
        return compose((1, 0, 0, 1, 0, self.lift), self.raw[name])

    def place(self, part: str, x: float, y: float = 0.0, lifted: bool = True) -> Point:
        m = self.frame(part) if lifted else self.raw[part]
        return apply(m, (x, y))

    def points(self, floor_reaches: bool = True) -> list[Point]:
        """The outline of the body (and of props under it), before the lift; arms that reach
        for the floor are left out when `floor_reaches` is False."""
        out: list[Point] = []
        for p in self.parts:
            limb = getattr(self.pose, _limb(p.name), None)
            reach = limb.reach if isinstance(limb, Arm | Leg) else None
            if not floor_reaches and reach and reach.to == "floor":
                continue
            out += [apply(self.raw[p.name], q) for q in outline(p, self.pose)]
        for prop in self.pose.props:
            if prop.kind == "balls" and prop.on and prop.on != "floor":
                x, y = self.anchor(prop.on, prop.at, prop.off, lifted=False)
                out.append((x, y - BALL))
        return out

    def anchor(self, to: str, at: float, off: float, lifted: bool = True) -> Point:
        """A point on a body part (or the floor), as `Reach` and `Prop` give it."""
        if to == "floor":
            hip_x = self.raw["torso"][4]
            return (hip_x + at, off if lifted else off - self.lift)
        part = self.by_name[to]
        return self.place(to, part.pivot + at * part.length, off, lifted)

    @cached_property
    def joints(self) -> dict[str, Point]:
        return {
            name: self.place(part, x) for name, (part, x) in _joint_places(self.by_name).items()
        }


def _limb(part: str) -> str:
    """`right_forearm` -> `right_arm`: the limb a part belongs to."""
    side, _, kind = part.partition("_")
    if kind in ("thigh", "shin", "foot"):
        return f"{side}_leg"
    if kind in ("upper_arm", "forearm", "hand"):
        return f"{side}_arm"
    return part


def limb_of(part: str) -> str:
    return _limb(part)


def _norm(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def _two_links(
    base: Point, target: Point, l1: float, l2: float, clockwise: bool
) -> tuple[float, float]:
    """Absolute angles of two links from `base` whose end meets `target` (or points at it,
    straight, when it is out of reach); the middle joint on the clockwise side of the line
    (an elbow) or the other (a knee)."""
    dx, dy = target[0] - base[0], target[1] - base[1]
    phi = math.degrees(math.atan2(dy, dx))
    d = min(max(math.hypot(dx, dy), abs(l1 - l2) + 1e-6), l1 + l2)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))))
    first = phi - alpha if clockwise else phi + alpha
    mx = base[0] + l1 * math.cos(math.radians(first))
    my = base[1] + l1 * math.sin(math.radians(first))
    if math.hypot(dx, dy) >= l1 + l2:
        return first, first
    return first, math.degrees(math.atan2(target[1] - my, target[0] - mx))


def resolve(pose: Pose) -> Pose:
    """The pose with each reaching limb's angles worked out (two-link inverse kinematics,
    elbows and knees bending the way they do): legs first, as hands may reach for them; a
    few rounds, as where the floor is depends on the limbs that do not reach for it."""
    for _ in range(4):
        pose = _resolve_once(pose)
    return pose


def _resolve_once(pose: Pose) -> Pose:
    for s in SIDES:
        leg: Leg = getattr(pose, f"{s}_leg")
        if leg.reach is None:
            continue
        rig = Rig(pose)
        target = rig.anchor(leg.reach.to, leg.reach.at, leg.reach.off, lifted=False)
        thigh, shin = _two_links(
            (0.0, 0.0), target, thigh_length(leg), shin_length(leg), leg.reach.turned_out
        )
        update = {"hip": _norm(thigh - pose.torso - 180.0), "knee": _norm(thigh - shin)}
        if leg.flat:
            update["ankle"] = -shin % 360.0
        pose = pose.model_copy(
            update={f"{s}_leg": leg.model_copy(update={k: round(v, 2) for k, v in update.items()})}
        )
    for s in SIDES:
        arm: Arm = getattr(pose, f"{s}_arm")
        if arm.reach is None:
            continue
        rig = Rig(pose)
        shoulder = rig.place("torso", LENGTHS["torso"], lifted=False)
        target = rig.anchor(arm.reach.to, arm.reach.at, arm.reach.off, lifted=False)
        if arm.reach.by == "elbow":
            upper = math.degrees(math.atan2(target[1] - shoulder[1], target[0] - shoulder[0]))
            fore = upper + arm.elbow
        else:
            upper, fore = _two_links(
                shoulder, target, LENGTHS["upper_arm"], forearm_length(arm), clockwise=True
            )
        update = {"shoulder": _norm(upper - pose.torso - 180.0), "elbow": _norm(fore - upper)}
        pose = pose.model_copy(
            update={f"{s}_arm": arm.model_copy(update={k: round(v, 2) for k, v in update.items()})}
        )
    return pose

"""What is drawn beside the body: the props the article uses, and arrows for the movements
(the path of a joint from the step's starting position, a rub along the back, a twist)."""

import math

from sciatica_coach.figures.body import SIDES, Arrow, Point, Pose
from sciatica_coach.figures.rig import BALL, Rig, apply
from sciatica_coach.figures.svgpath import num, polyline, pt

ARROW, HALO = "#1565c0", "#ffffff"
BALL_FILL, BALL_EDGE, SOCK = "#d4e157", "#827717", "#5c6bc0"
MAT_FILL, MAT_EDGE = "#b2dfdb", "#4db6ac"
MAT = 4.0  # the mat's thickness


def _angle_towards(a: float, b: float) -> float:
    """`a` moved by a multiple of 360 to within 180 degrees of `b`."""
    return b + (a - b + 180.0) % 360.0 - 180.0


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The position `t` of the way from `a` to `b`, joint by joint."""

    def mix(x: float, y: float) -> float:
        return x + (y - x) * t

    update: dict[str, object] = {
        "torso": mix(_angle_towards(a.torso, b.torso), b.torso),
        "head": mix(a.head, b.head),
    }
    for s in SIDES:
        la, lb = getattr(a, f"{s}_leg"), getattr(b, f"{s}_leg")
        update[f"{s}_leg"] = lb.model_copy(
            update={
                k: mix(getattr(la, k), getattr(lb, k))
                for k in ("hip", "knee", "ankle", "adduction", "across")
            }
        )
        aa, ab = getattr(a, f"{s}_arm"), getattr(b, f"{s}_arm")
        update[f"{s}_arm"] = ab.model_copy(
            update={
                k: mix(_angle_towards(getattr(aa, k), getattr(ab, k)), getattr(ab, k))
                for k in ("shoulder", "elbow", "wrist", "across")
            }
        )
    return b.model_copy(update=update)


# Props ---------------------------------------------------------------------------------


def balls(centre: Point) -> str:
    """Two tennis balls side by side, wrapped tightly in a sock (its cuff at one end)."""
    x, y = centre
    out = []
    for dx in (-BALL * 1.02, BALL * 1.02):
        cx = x + dx
        out.append(
            f'<circle cx="{num(cx)}" cy="{num(y)}" r="{BALL}" fill="{BALL_FILL}" '
            f'stroke="{BALL_EDGE}" stroke-width=".8"/>'
            f'<path d="M{pt((cx - BALL * 0.7, y + BALL * 0.7))}Q{pt((cx, y))} '
            f'{pt((cx - BALL * 0.7, y - BALL * 0.7))}" fill="none" stroke="#fff" '
            'stroke-width=".8"/>'
        )
    w, h = BALL * 4.6, BALL * 2.5
    out.append(
        f'<rect x="{num(x - w / 2)}" y="{num(y - h / 2)}" width="{num(w)}" height="{num(h)}" '
        f'rx="{num(h / 2)}" fill="{SOCK}" fill-opacity=".35" stroke="{SOCK}" stroke-width="1.2"/>'
        f'<rect x="{num(x + w / 2 - 1)}" y="{num(y - h / 2 + 0.6)}" width="4" '
        f'height="{num(h - 1.2)}" rx="1.2" fill="{SOCK}"/>'
    )
    return "".join(out)


def ball_centres(rig: Rig) -> list[Point]:
    out = []
    for prop in rig.pose.props:
        if prop.kind == "balls" and prop.on:
            x, y = rig.anchor(prop.on, prop.at, prop.off)
            out.append((x, y - BALL if prop.on != "floor" else y + BALL))
    return out


def props_svg(rig: Rig) -> str:
    return "".join(balls(c) for c in ball_centres(rig))


# Arrows --------------------------------------------------------------------------------


def _offset(points: list[Point], off: float) -> list[Point]:
    """The line moved `off` units to its left."""
    out = []
    for i, (x, y) in enumerate(points):
        (ax, ay), (bx, by) = points[max(i - 1, 0)], points[min(i + 1, len(points) - 1)]
        length = math.hypot(bx - ax, by - ay) or 1.0
        out.append((x - off * (by - ay) / length, y + off * (bx - ax) / length))
    return out


def _arrow(points: list[Point], both: bool = False) -> str:
    """A line with an arrowhead at its end (and its start, `both`), on a white halo."""
    heads = [_head(points[-1], points[-2])]
    if both:
        heads.append(_head(points[0], points[1]))
    line = polyline(points)
    return (
        f'<path d="{line}" fill="none" stroke="{HALO}" stroke-width="5.6" '
        'stroke-linecap="round"/>'
        + "".join(
            f'<path d="{h}" fill="{HALO}" stroke="{HALO}" stroke-width="3" '
            'stroke-linejoin="round"/>'
            for h in heads
        )
        + f'<path d="{line}" fill="none" stroke="{ARROW}" stroke-width="2.6" '
        'stroke-linecap="round"/>' + "".join(f'<path d="{h}" fill="{ARROW}"/>' for h in heads)
    )


def _head(tip: Point, before: Point, size: float = 7.0) -> str:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tx, ty = tip[0] + ux * 2.5, tip[1] + uy * 2.5
    bx, by = tx - ux * size, ty - uy * size
    left = (bx - uy * size * 0.55, by + ux * size * 0.55)
    right = (bx + uy * size * 0.55, by - ux * size * 0.55)
    return f"M{pt((tx, ty))}L{pt(left)}L{pt(right)}Z"


def _trace(arrow: Arrow, rig: Rig, before: Pose) -> list[Point]:
    steps = [0.08 + 0.84 * k / 5 for k in range(6)]
    return [Rig(blend(before, rig.pose, t)).joints[arrow.part] for t in steps]


def _along(arrow: Arrow, rig: Rig) -> list[Point]:
    part = rig.by_name[arrow.part]
    return [
        rig.place(arrow.part, part.pivot + part.length * s, arrow.off)
        for s in (arrow.start + (arrow.end - arrow.start) * k / 6 for k in range(7))
    ]


def _turn(arrow: Arrow, rig: Rig) -> list[Point]:
    """A ring round the trunk, seen a little from above: from the chest, round the near
    side, to the back and on behind."""
    cx = rig.by_name["torso"].length * arrow.at
    frame = rig.frame("torso")
    return [
        apply(frame, (cx - 5.0 * math.sin(a), -16.0 * math.cos(a)))
        for a in (math.radians(10 + 20 * k) for k in range(12))
    ]


def _press(arrow: Arrow, rig: Rig) -> list[Point]:
    part = rig.by_name[arrow.part]
    x = part.pivot + part.length * arrow.at
    sign = 1.0 if arrow.off >= 0 else -1.0
    return [rig.place(arrow.part, x, arrow.off + sign * d) for d in (13.0, 8.0, 3.0)]


def arrows_svg(rig: Rig, before: Pose | None) -> str:
    out = []
    for arrow in rig.pose.arrows:
        if arrow.kind == "trace":
            if before is None:
                continue
            points = _offset(_trace(arrow, rig, before), arrow.off)
        elif arrow.kind == "along":
            points = _along(arrow, rig)
        elif arrow.kind == "press":
            points = _press(arrow, rig)
        else:
            points = _turn(arrow, rig)
        out.append(_arrow(points, arrow.both))
    return "".join(out)


def mat_side(x0: float, x1: float) -> str:
    """The mat under the body, seen from the side (body units: its top at y = 0)."""
    return (
        f'<rect x="{num(x0)}" y="{-MAT}" width="{num(x1 - x0)}" height="{MAT}" rx="1.5" '
        f'fill="{MAT_FILL}" stroke="{MAT_EDGE}" stroke-width="1"/>'
    )


def mat_above(x0: float, y0: float, x1: float, y1: float) -> str:
    return (
        f'<rect x="{num(x0)}" y="{num(y0)}" width="{num(x1 - x0)}" height="{num(y1 - y0)}" '
        f'rx="5" fill="{MAT_FILL}" fill-opacity=".6" stroke="{MAT_EDGE}" stroke-width="1.5"/>'
    )

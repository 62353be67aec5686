"""SVG path data for the figures' shapes: short numbers, smooth outlines."""

from collections.abc import Sequence

from sciatica_coach.figures.body import Point


def num(v: float) -> str:
    """One decimal, no trailing zero: small files."""
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pt(p: Point) -> str:
    return f"{num(p[0])} {num(p[1])}"


def capsule(x0: float, r0: float, x1: float, r1: float) -> str:
    """A limb along the x axis, round at both ends, `r0` wide at x0 tapering to `r1`."""
    return (
        f"M{pt((x0, r0))}L{pt((x1, r1))}A{num(r1)} {num(r1)} 0 0 0 {pt((x1, -r1))}"
        f"L{pt((x0, -r0))}A{num(r0)} {num(r0)} 0 0 0 {pt((x0, r0))}Z"
    )


def blob(points: Sequence[Point]) -> str:
    """A smooth closed outline through `points` (Catmull-Rom turned into cubic curves)."""
    n = len(points)
    parts = [f"M{pt(points[0])}"]
    for i in range(n):
        p0, p1, p2, p3 = (points[(i + k) % n] for k in (-1, 0, 1, 2))
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{pt(c1)} {pt(c2)} {pt(p2)}")
    return "".join(parts) + "Z"


def polyline(points: Sequence[Point]) -> str:
    """An open smooth line through `points`."""
    if len(points) < 3:
        return "M" + "L".join(pt(p) for p in points)
    parts = [f"M{pt(points[0])}"]
    for i in range(len(points) - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, len(points) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{pt(c1)} {pt(c2)} {pt(p2)}")
    return "".join(parts)

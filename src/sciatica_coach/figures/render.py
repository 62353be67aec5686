"""Pose -> SVG: clean, scalable, no text baked in; the worked side highlighted."""

from xml.sax.saxutils import quoteattr

from sciatica_coach.figures.body import HEAD_RADIUS, Point, Pose, Skeleton, skeleton

WIDTH, HEIGHT, FLOOR = 240.0, 190.0, 180.0
INK, FAR, ACCENT, PROP, FLOOR_INK = "#263238", "#b0bec5", "#e65100", "#2e7d32", "#90a4ae"
STROKE = 7
LIMBS = {
    "leg": ("hip", "knee", "ankle", "toe"),
    "arm": ("neck", "elbow", "hand"),
}


def _xy(point: Point, shift: float, flip: bool) -> str:
    x = -point[0] if flip else point[0]
    return f"{x + shift:.1f},{FLOOR - point[1]:.1f}"


def _limb_points(s: Skeleton, side: str, limb: str, shift: float, flip: bool) -> str:
    names = [n if n in ("hip", "neck") else f"{side}_{n}" for n in LIMBS[limb]]
    return " ".join(_xy(s.joints[n], shift, flip) for n in names)


def _centre(s: Skeleton) -> float:
    xs = [x for x, _ in s.joints.values()]
    return (min(xs) + max(xs)) / 2


def _polyline(points: str, colour: str, origin: str | None, width: float = STROKE) -> str:
    """A limb drawn at `points`; when the step moves, it loops: back to `origin`, then
    slowly into `points` and a pause there (a still frame shows the final position)."""
    animate = ""
    if origin is not None and origin != points:
        animate = (
            f'<animate attributeName="points" values="{points};{origin};{points};{points}" '
            'keyTimes="0;0.25;0.65;1" dur="5s" repeatCount="indefinite"/>'
        )
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}" '
        f'stroke-linecap="round" stroke-linejoin="round">{animate}</polyline>'
    )


def _balls(x: float, y: float) -> str:
    """Two tennis balls wrapped in a sock."""
    sock = (
        f'<rect x="{x - 12:.1f}" y="{y - 6:.1f}" width="24" height="12" rx="6" '
        f'fill="none" stroke="{PROP}" stroke-width="1.5"/>'
    )
    balls = "".join(
        f'<circle cx="{x + dx:.1f}" cy="{y:.1f}" r="5" fill="#c6e03b" stroke="{PROP}"/>'
        for dx in (-5.5, 5.5)
    )
    return sock + balls


def _props(s: Skeleton, pose: Pose, shift: float, flip: bool) -> list[str]:
    out: list[str] = []
    if "balls_on_floor" in s.props:
        x, y = map(float, _xy(s.props["balls_on_floor"], shift, flip).split(","))
        out.append(_balls(x, y))
    if "under_back" not in s.props:
        return out
    x, y = map(float, _xy(s.props["under_back"], shift, flip).split(","))
    if "balls" in pose.props:
        out.append(
            f'<rect x="{x - 12:.1f}" y="{y - 6:.1f}" width="24" height="12" rx="6" '
            f'fill="none" stroke="{PROP}" stroke-width="1.5"/>'
        )
        out += [
            f'<circle cx="{x + dx:.1f}" cy="{y:.1f}" r="5" fill="#c6e03b" stroke="{PROP}"/>'
            for dx in (-5.5, 5.5)
        ]
    if "fists" in pose.props:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{ACCENT}"/>')
    return out


def render_svg(pose: Pose, side: str = "right", moves_from: Pose | None = None) -> str:
    """The pose for `side` ("right" as in the data, "left" as its mirror), animated from
    `moves_from` when the step is a movement."""
    flip = side == "left"
    shown = pose.mirrored() if flip else pose
    s = skeleton(shown)
    start = (
        skeleton(moves_from.mirrored() if flip and moves_from else moves_from)
        if moves_from
        else None
    )
    shift = WIDTH / 2 + (_centre(s) if flip else -_centre(s))
    near, far = ("left", "right") if flip else ("right", "left")
    floor = (
        f'<line x1="6" y1="{FLOOR}" x2="{WIDTH - 6}" y2="{FLOOR}" stroke="{FLOOR_INK}" '
        'stroke-width="3" stroke-linecap="round"/>'
    )
    parts = [] if shown.seen_from == "above" else [floor]
    parts += _props(s, shown, shift, flip)

    def limb(limb_side: str, limb: str, base: str) -> str:
        points = _limb_points(s, limb_side, limb, shift, flip)
        origin = _limb_points(start, limb_side, limb, shift, flip) if start else None
        colour = ACCENT if f"{limb_side}_{limb}" in shown.worked else base
        return _polyline(points, colour, origin)

    parts += [limb(far, "leg", FAR), limb(far, "arm", FAR)]
    spine = " ".join(_xy(s.joints[n], shift, flip) for n in ("hip", "neck"))
    parts.append(_polyline(spine, INK, None, STROKE + 2))
    hx, hy = _xy(s.joints["head"], shift, flip).split(",")
    parts.append(f'<circle cx="{hx}" cy="{hy}" r="{HEAD_RADIUS}" fill="{INK}"/>')
    parts += [limb(near, "leg", INK), limb(near, "arm", INK)]
    label = quoteattr(f"{shown.description} ({side} side)")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'role="img" aria-label={label}>' + "".join(parts) + "</svg>"
    )

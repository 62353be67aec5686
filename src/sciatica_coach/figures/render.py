"""Pose -> SVG: a body with volume (limbs with widths, a torso, a head that faces its way,
hands and feet), the worked limb in the accent colour, the props, and for a step that moves a
before/after pair: the starting position as a pale shape behind, arrows along the movement,
and the body moving once from one to the other. No text baked in; the text alternative is
the SVG's label."""

from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.catalog.models import mirror
from sciatica_coach.figures.body import HEAD_RADIUS, SIDES, Pose
from sciatica_coach.figures.extras import (
    MAT,
    arrows_svg,
    ball_centres,
    mat_above,
    mat_side,
    props_svg,
)
from sciatica_coach.figures.rig import BALL, RADII, Part, Rig, limb_of, outline
from sciatica_coach.figures.svgpath import blob, capsule, num

WIDTH, HEIGHT, FLOOR = 240.0, 190.0, 184.0
INK, FAR, ACCENT, ACCENT_FAR = "#263238", "#90a4ae", "#e65100", "#f4a36b"
GHOST, FLOOR_INK = "#d3dbdf", "#90a4ae"
# once, about three seconds: still at the start, then easing into the end position
ANIMATION = (
    'dur="3.2s" fill="freeze" keyTimes="0;.3;1" calcMode="spline" keySplines="0 0 1 1;.45 0 .3 1"'
)


def _shape(part: Part, pose: Pose, detail: bool) -> str:
    kind = part.name.split("_", 1)[-1]
    if part.name == "torso":
        return f'<path d="{blob(outline(part, pose))}"/>'
    if part.name == "head":
        c = part.end
        face = ""
        if detail:  # the nose and an eye: which way the face looks
            face = (
                f'<path d="M{num(c - 1.8)} -8.2L{num(c - 1)} -12L{num(c + 2.6)} -8.3Z" '
                'stroke="none"/>'
                f'<circle cx="{num(c + 2.2)}" cy="-4.6" r="1.5" fill="#fff" stroke="none"/>'
            )
        return (
            f'<path d="{capsule(part.pivot - 6, 5.0, part.pivot + 8, 4.4)}" stroke="none"/>'
            f'<circle cx="{num(c)}" cy="0" r="{HEAD_RADIUS}"/>' + face
        )
    if kind in RADII:
        r0, r1 = RADII[kind]
        return f'<path d="{capsule(part.pivot, r0, part.end, r1)}"/>'
    return f'<path d="{blob(outline(part, pose))}"/>'


def _turns(part: Part, start: Part | None) -> str:
    """The group turning `part` about its joint; animated from `start` when it moves."""
    transform = f'transform="rotate({num(part.angle)} {num(part.pivot)} 0)"'
    if start is None or abs(start.pivot - part.pivot) > 0.05:
        return f"<g {transform}>"
    a0 = part.angle + (start.angle - part.angle + 180.0) % 360.0 - 180.0
    if abs(a0 - part.angle) < 0.05:
        return f"<g {transform}>"
    frames = ";".join(f"{num(a)} {num(part.pivot)} 0" for a in (a0, a0, part.angle))
    return (
        f'<g {transform}><animateTransform attributeName="transform" type="rotate" '
        f'values="{frames}" {ANIMATION}/>'
    )


class _Body:
    """One body's SVG: its parts nested by joint, limbs drawn far side first."""

    def __init__(self, rig: Rig, near: str, start: Rig | None, ghost: bool) -> None:
        self.rig, self.near, self.start, self.ghost = rig, near, start, ghost
        self.children: dict[str, list[Part]] = {}
        for p in rig.parts:
            if p.parent:
                self.children.setdefault(p.parent, []).append(p)

    def colour(self, limb: str) -> str:
        near = limb.startswith(self.near)
        if limb in self.rig.pose.worked:
            return ACCENT if near else ACCENT_FAR
        return INK if near else FAR

    def part(self, part: Part) -> str:
        start = self.start.by_name.get(part.name) if self.start else None
        inner = "".join(self.part(c) for c in self.children.get(part.name, []))
        return _turns(part, start) + _shape(part, self.rig.pose, not self.ghost) + inner + "</g>"

    def limb(self, limb: str) -> str:
        side, kind = limb.split("_")
        root = self.rig.by_name[f"{side}_{'thigh' if kind == 'leg' else 'upper_arm'}"]
        fill = GHOST if self.ghost else self.colour(limb)
        return f'<g fill="{fill}" data-limb="{limb}">{self.part(root)}</g>'

    def _frame(self, content: str) -> str:
        """`content` in the torso's frame: lifted onto the floor, turned with the torso (and
        moving with it when the step moves)."""
        lift = f'<g transform="translate(0 {num(self.rig.lift)})">'
        if self.start and abs(self.start.lift - self.rig.lift) > 0.05:
            values = ";".join(f"0 {num(v)}" for v in (self.start.lift,) * 2 + (self.rig.lift,))
            lift += (
                f'<animateTransform attributeName="transform" type="translate" '
                f'values="{values}" {ANIMATION}/>'
            )
        start = self.start.by_name["torso"] if self.start else None
        return lift + _turns(self.rig.by_name["torso"], start) + content + "</g></g>"

    def svg(self, props: str = "") -> str:
        """The body, far side first; `props` (the balls under the back) drawn just in front
        of the torso, behind the near limbs."""
        torso = self.rig.by_name["torso"]
        far = next(s for s in SIDES if s != self.near)
        pose = self.rig.pose
        order = [f"{far}_arm", f"{far}_leg", "torso", f"{self.near}_leg", f"{self.near}_arm"]
        order = [x for x in order if x not in pose.front] + list(pose.front)
        layers = []
        for item in order:
            if item == "torso":
                fill = GHOST if self.ghost else INK
                head = self.part(self.rig.by_name["head"])
                trunk = f'<g fill="{fill}">{_shape(torso, pose, False)}{head}</g>'
                layers.append(self._frame(trunk))
                if props:
                    layers.append(f'<g stroke="none">{props}</g>')
            else:
                layers.append(self._frame(self.limb(item)))
        return "".join(layers)


def _extent(rig: Rig) -> tuple[float, float, float, float]:
    points = [(x, y + rig.lift) for x, y in rig.points()]
    points += [(x + dx, y + dy) for x, y in ball_centres(rig) for dx in (-11, 11) for dy in (-5, 5)]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


ZOOM = 1.3  # the largest scale: lying and sitting figures; a standing one is fitted in


def render_svg(pose: Pose, side: str = "right", moves_from: Pose | None = None) -> str:
    """The pose for `side` ("right" as in the data, "left" as its mirror); a before/after
    pair when the step moves from `moves_from`."""
    flip = side == "left"
    shown = pose.mirrored() if flip else pose
    before = (moves_from.mirrored() if flip else moves_from) if moves_from else None
    rig = Rig(shown)
    start = Rig(before) if before else None
    boxes = [_extent(rig)] + ([_extent(start)] if start else [])
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    near = "left" if flip else "right"
    parts = []
    body = []
    if shown.seen_from == "above":
        pad = 9.0
        zoom = min(ZOOM, (WIDTH - 12) / (x1 - x0 + 2 * pad), (HEIGHT - 12) / (y1 - y0 + 2 * pad))
        base = HEIGHT / 2 + zoom * (y0 + y1) / 2
        body.append(mat_above(x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    else:
        floor = FLOOR - (MAT * ZOOM if shown.on_mat else 0.0)
        zoom = min(ZOOM, (WIDTH - 20) / (x1 - x0), (floor - 6) / y1)
        base = FLOOR - (MAT * zoom if shown.on_mat else 0.0)
        parts.append(
            f'<line x1="4" y1="{FLOOR}" x2="{WIDTH - 4:.0f}" y2="{FLOOR}" stroke="{FLOOR_INK}" '
            'stroke-width="2.5" stroke-linecap="round"/>'
        )
    shift = WIDTH / 2 - zoom * (x0 + x1) / 2
    if shown.on_mat and shown.seen_from == "side":
        left, right = (6 - shift) / zoom, (WIDTH - 6 - shift) / zoom
        body.append(mat_side(max(x0 - 12, left), min(x1 + 12, right)))
    if start is not None:
        body.append(f'<g opacity=".9">{_Body(start, near, None, True).svg()}</g>')
    body.append(
        '<g stroke="#fff" stroke-width=".9" stroke-linejoin="round">'
        + _Body(rig, near, start, False).svg(props_svg(rig))
        + "</g>"
    )
    body.append(arrows_svg(rig, before))
    root = (
        f'<g transform="translate({num(shift)} {num(base)}) scale({zoom:.3f} {-zoom:.3f})">'
        + "".join(body)
        + "</g>"
    )
    if flip:
        root = f'<g transform="matrix(-1 0 0 1 {WIDTH:.0f} 0)">{root}</g>'
    parts.append(root)
    label = pose_label(pose, side)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'role="img" aria-label={quoteattr(label)}><title>{escape(label)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def pose_label(pose: Pose, side: str) -> str:
    """The text alternative: what the picture shows, in the article's words, for the side."""
    return mirror(pose.shows) if side == "left" else pose.shows


__all__ = ["BALL", "HEIGHT", "WIDTH", "limb_of", "pose_label", "render_svg"]

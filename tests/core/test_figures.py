"""The body model's invariants for every pose, and for every step of every technique, both
sides, an SVG figure with its text alternative, the worked limb in the accent colour, the
props and arrows the data names, and a before/after pair where the step moves."""

import math
import re
from xml.etree import ElementTree

import pytest

from sciatica_coach.catalog import load_catalog
from sciatica_coach.catalog.models import mirror
from sciatica_coach.figures import figure_alt, figure_svg, load_poses, skeleton
from sciatica_coach.figures.body import HEAD_RADIUS, LENGTHS, RANGES, Pose
from sciatica_coach.figures.extras import ARROW, BALL_FILL, MAT_FILL
from sciatica_coach.figures.render import ACCENT, ACCENT_FAR, GHOST
from sciatica_coach.figures.rig import Rig, forearm_length, shin_length, thigh_length
from sciatica_coach.session.timeline import figure_id

NS = "{http://www.w3.org/2000/svg}"
POSES = sorted(load_poses())
STEPS = [
    (r.id, n, step.pose, side.value if side else None)
    for r in load_catalog().routines
    for side in r.side_order
    for n, step in enumerate(r.steps, 1)
]
STEP_IDS = [f"{r}-{n}-{side or 'once'}" for r, n, _, side in STEPS]


def _svg(figure: str) -> ElementTree.Element:
    return ElementTree.fromstring(figure_svg(figure))


def _figure(pose: str, side: str | None) -> str:
    from sciatica_coach.catalog import Side

    return figure_id(pose, Side(side) if side else None)


def test_every_step_of_every_technique_has_a_pose_and_no_pose_is_unused() -> None:
    used = {pose for _, _, pose, _ in STEPS}
    assert used <= set(POSES)
    poses = load_poses()
    starts = {poses[p].moves_from for p in used} - {None}
    assert set(POSES) == used | starts


@pytest.mark.parametrize(("routine", "n", "pose_id", "side"), STEPS, ids=STEP_IDS)
def test_every_step_both_sides_renders_a_figure_with_its_text_alternative(
    routine: str, n: int, pose_id: str, side: str | None
) -> None:
    figure = _figure(pose_id, side)
    root = _svg(figure)
    assert root.tag == f"{NS}svg"
    assert root.get("viewBox") == "0 0 240 190"
    assert root.get("role") == "img"
    alt = figure_alt(figure)
    assert len(alt) > 30 and alt == root.get("aria-label") == root.findtext(f"{NS}title")
    pose = load_poses()[pose_id]
    assert alt == (mirror(pose.shows) if side == "left" else pose.shows)
    if side == "left" and "right" in pose.shows:
        assert alt != pose.shows  # the left side's words name the left side
    assert "text" not in {el.tag.split("}")[1] for el in root.iter()}  # no words baked in
    assert len(figure_svg(figure).encode()) < 16_000  # small


def _limbs(root: ElementTree.Element) -> dict[str, set[str]]:
    """The fill of each limb of the body drawn in full (the pale "before" left out)."""
    found: dict[str, set[str]] = {}
    for g in root.iter(f"{NS}g"):
        limb = g.get("data-limb")
        if limb and g.get("fill") != GHOST:
            found.setdefault(limb, set()).add(str(g.get("fill")))
    return found


@pytest.mark.parametrize("pose_id", POSES)
@pytest.mark.parametrize("side", ["right", "left"])
def test_the_worked_limb_is_in_the_accent_colour(pose_id: str, side: str) -> None:
    pose = load_poses()[pose_id]
    shown = pose.mirrored() if side == "left" else pose
    limbs = _limbs(_svg(f"{pose_id}:{side}"))
    assert set(limbs) == {"right_leg", "left_leg", "right_arm", "left_arm"}
    for limb, fills in limbs.items():
        accent = fills <= {ACCENT, ACCENT_FAR}
        assert accent == (limb in shown.worked), (limb, fills)
    near = limbs[f"{side}_leg"] | limbs[f"{side}_arm"]
    assert not near & {ACCENT_FAR}  # the near side's worked limb is the full accent


@pytest.mark.parametrize("pose_id", POSES)
def test_props_and_arrows_are_drawn_where_the_data_says(pose_id: str) -> None:
    pose = load_poses()[pose_id]
    svg = figure_svg(f"{pose_id}:right")
    kinds = [p.kind for p in pose.props]
    assert (f'fill="{MAT_FILL}"' in svg) == ("mat" in kinds)
    assert svg.count(f'fill="{BALL_FILL}"') == 2 * kinds.count("balls")
    drawn = [a for a in pose.arrows if a.kind != "trace" or pose.moves_from]
    assert svg.count(f'stroke="{ARROW}"') == len(drawn)


def test_the_article_s_props_and_pulls_are_in_the_data() -> None:
    """What the article describes: the mat for the floor work, the tennis balls in their
    sock, the fists under the back, the pull of the knee, the twist, the rub."""
    poses = load_poses()
    balls = {p for p, pose in poses.items() if any(x.kind == "balls" for x in pose.props)}
    assert {"kneeling-place-balls", "lying-back-on-balls", "lying-on-tennis-balls"} <= balls
    fists = poses["lying-on-fists"]
    assert fists.right_arm.hand == fists.left_arm.hand == "fist"
    assert {a.kind for a in poses["seated-twist"].arrows} == {"turn"}
    assert [a.part for a in poses["knee-to-opposite-shoulder"].arrows] == ["right_knee"]
    assert [a.kind for a in poses["standing-palms-lower-back"].arrows] == ["along"]
    for pose in poses.values():
        floor = pose.torso > 120 or pose.seen_from == "above" or pose.torso < 80
        sitting = min(pose.right_leg.hip, pose.left_leg.hip) > 60
        assert pose.on_mat == (floor or sitting), pose.id


@pytest.mark.parametrize("pose_id", [p for p in POSES if load_poses()[p].moves_from])
def test_a_step_that_moves_is_a_before_after_pair(pose_id: str) -> None:
    """The starting position drawn pale behind, and the body moving once from it to the end
    position; a still frame (no animation) shows the end position."""
    svg = figure_svg(f"{pose_id}:left")
    assert f'fill="{GHOST}"' in svg
    root = ElementTree.fromstring(svg)
    moving = [g for g in root.iter(f"{NS}g") if g.find(f"{NS}animateTransform") is not None]
    assert moving
    for g in moving:
        animation = g.find(f"{NS}animateTransform")
        assert animation is not None and animation.get("fill") == "freeze"
        assert animation.get("repeatCount") is None  # once, not looping
        last = str(animation.get("values")).split(";")[-1]
        kind = animation.get("type")
        assert re.sub(r"\s+", " ", f"{kind}({last})") == g.get("transform")
    assert "<animate" not in figure_svg("lying-legs-long:right")


def _met(rig: Rig, limb: str, joint: str) -> float:
    part = getattr(rig.pose, limb)
    target = rig.anchor(part.reach.to, part.reach.at, part.reach.off)
    return math.dist(rig.joints[joint], target)


@pytest.mark.parametrize("pose_id", POSES)
def test_hands_and_ankles_go_where_the_article_puts_them(pose_id: str) -> None:
    """A hand that reaches for a thigh is at it (an arm stretched towards something further
    away points straight at it, its hand reaching); an ankle on a knee is at the knee."""
    for pose in (load_poses()[pose_id], load_poses()[pose_id].mirrored()):
        rig = Rig(pose)
        for s in ("right", "left"):
            arm, leg = getattr(pose, f"{s}_arm"), getattr(pose, f"{s}_leg")
            if leg.reach:
                assert _met(rig, f"{s}_leg", f"{s}_ankle") < 1.0, (s, "ankle")
            if arm.reach and arm.reach.by == "elbow":
                assert _met(rig, f"{s}_arm", f"{s}_elbow") < 6.0, (s, "elbow")
            elif arm.reach:
                gap = _met(rig, f"{s}_arm", f"{s}_hand")
                stretched = abs(arm.elbow) < 1.0 and gap < LENGTHS["hand"] + 3
                assert gap < 1.0 or stretched, (s, "hand", gap)


SEGMENTS = [
    ("hip", "neck", lambda p, s: LENGTHS["torso"]),
    ("knee", "ankle", lambda p, s: shin_length(getattr(p, f"{s}_leg"))),
    ("hip", "knee", lambda p, s: thigh_length(getattr(p, f"{s}_leg"))),
    ("ankle", "toe", lambda p, s: LENGTHS["foot"]),
    ("neck", "elbow", lambda p, s: LENGTHS["upper_arm"]),
    ("elbow", "hand", lambda p, s: forearm_length(getattr(p, f"{s}_arm"))),
]


@pytest.mark.parametrize("pose_id", POSES)
def test_segment_lengths_are_constant_as_seen_from_the_side(pose_id: str) -> None:
    for pose in (load_poses()[pose_id], load_poses()[pose_id].mirrored()):
        bones = skeleton(pose)
        for s in ("right", "left"):
            for a, b, length in SEGMENTS:
                a_, b_ = (j if j in ("hip", "neck") else f"{s}_{j}" for j in (a, b))
                assert bones.segment(a_, b_) == pytest.approx(length(pose, s))
        assert bones.segment("neck", "head") == pytest.approx(LENGTHS["neck"] + HEAD_RADIUS)


def _check_ranges(pose: Pose) -> None:
    low, high = RANGES["head"]
    assert low <= pose.head <= high
    for side in ("right", "left"):
        leg, arm = getattr(pose, f"{side}_leg"), getattr(pose, f"{side}_arm")
        # a leg turned out is seen bending "backwards" from the side: its knee's own angle
        # is the size of that bend
        knee = -leg.knee if leg.reach and leg.reach.turned_out else leg.knee
        for joint, value in (
            ("hip", leg.hip),
            ("knee", knee),
            ("ankle", leg.ankle),
            ("adduction", leg.adduction),
            ("rotation", leg.rotation),
            ("shoulder", arm.shoulder),
            ("elbow", arm.elbow),
            ("wrist", arm.wrist),
        ):
            low, high = RANGES[joint]
            assert low <= value <= high, (side, joint, value)


@pytest.mark.parametrize("pose_id", POSES)
def test_joints_stay_within_human_ranges(pose_id: str) -> None:
    _check_ranges(load_poses()[pose_id])


@pytest.mark.parametrize("pose_id", POSES)
def test_the_body_rests_on_the_floor_and_feet_are_down_where_the_article_says(
    pose_id: str,
) -> None:
    pose = load_poses()[pose_id]
    rig = Rig(pose)
    lowest = min(y for _, y in rig.points()) + rig.lift
    assert lowest == pytest.approx(0.0, abs=0.6)  # resting on it, nothing below it
    assert rig.joints["head"][1] - HEAD_RADIUS >= -1e-9
    for side in pose.feet_on_floor:
        foot = min(rig.joints[f"{side}_ankle"][1], rig.joints[f"{side}_toe"][1])
        assert foot <= 4.5, (side, foot)


@pytest.mark.parametrize("pose_id", POSES)
def test_the_left_side_is_the_mirror_of_the_right(pose_id: str) -> None:
    pose = load_poses()[pose_id]
    right, left = skeleton(pose), skeleton(pose.mirrored())
    for name, (x, y) in right.joints.items():
        other = name.replace("right", "LEFT").replace("left", "right").replace("LEFT", "left")
        assert left.joints[other] == pytest.approx((x, y))
    assert pose.mirrored().mirrored() == pose
    assert figure_svg(f"{pose_id}:right") != figure_svg(f"{pose_id}:left")


def test_segments_lengths_table_is_human() -> None:
    assert math.isclose(LENGTHS["thigh"] / LENGTHS["shin"], 1.05, abs_tol=0.1)

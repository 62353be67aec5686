"""The body model's invariants for every pose, and well-formed SVG for every step."""

import math
from xml.etree import ElementTree

import pytest

from sciatica_coach.catalog import load_catalog
from sciatica_coach.figures import figure_svg, load_poses, skeleton
from sciatica_coach.figures.body import HEAD_RADIUS, LENGTHS, RANGES
from sciatica_coach.session.timeline import figure_id

POSES = sorted(load_poses())
SEGMENTS = [
    ("hip", "neck", "torso"),
    *[
        (f"{s}_{a}", f"{s}_{b}", n)
        for s in ("right", "left")
        for a, b, n in [
            ("knee", "ankle", "shin"),
            ("ankle", "toe", "foot"),
            ("elbow", "hand", "forearm"),
        ]
    ],
    *[("hip", f"{s}_knee", "thigh") for s in ("right", "left")],
    *[("neck", f"{s}_elbow", "upper_arm") for s in ("right", "left")],
]


def test_every_step_of_every_technique_has_a_pose() -> None:
    used = {step.pose for r in load_catalog().routines for step in r.steps}
    assert used <= set(POSES)
    assert set(POSES) <= used  # no pose is left unused either


@pytest.mark.parametrize("pose_id", POSES)
def test_segment_lengths_are_constant(pose_id: str) -> None:
    for pose in (load_poses()[pose_id], load_poses()[pose_id].mirrored()):
        bones = skeleton(pose)
        for a, b, name in SEGMENTS:
            assert bones.segment(a, b) == pytest.approx(LENGTHS[name])
        assert bones.segment("neck", "head") == pytest.approx(LENGTHS["neck"] + HEAD_RADIUS)


@pytest.mark.parametrize("pose_id", POSES)
def test_joints_stay_within_human_ranges(pose_id: str) -> None:
    pose = load_poses()[pose_id]
    low, high = RANGES["head"]
    assert low <= pose.head <= high
    for side in ("right", "left"):
        leg, arm = getattr(pose, f"{side}_leg"), getattr(pose, f"{side}_arm")
        for joint, value in (
            ("hip", leg.hip),
            ("knee", leg.knee),
            ("ankle", leg.ankle),
            ("shoulder", arm.shoulder),
            ("elbow", arm.elbow),
        ):
            low, high = RANGES[joint]
            assert low <= value <= high, (side, joint, value)


@pytest.mark.parametrize("pose_id", POSES)
def test_nothing_below_the_floor_and_feet_down_where_the_article_says(pose_id: str) -> None:
    pose = load_poses()[pose_id]
    bones = skeleton(pose)
    assert min(y for _, y in bones.joints.values()) >= -1e-9
    assert bones.joints["head"][1] - HEAD_RADIUS >= -1e-9
    for side in pose.feet_on_floor:
        foot = min(bones.joints[f"{side}_ankle"][1], bones.joints[f"{side}_toe"][1])
        assert foot <= 3.0, (side, foot)


@pytest.mark.parametrize("pose_id", POSES)
def test_the_left_side_is_the_mirror_of_the_right(pose_id: str) -> None:
    pose = load_poses()[pose_id]
    right, left = skeleton(pose), skeleton(pose.mirrored())
    for name, (x, y) in right.joints.items():
        other = name.replace("right", "LEFT").replace("left", "right").replace("LEFT", "left")
        assert left.joints[other] == pytest.approx((x, y))
    assert pose.mirrored().mirrored() == pose


def test_every_cue_figure_renders_as_well_formed_svg() -> None:
    for routine in load_catalog().routines:
        for side in routine.side_order:
            for step in routine.steps:
                root = ElementTree.fromstring(figure_svg(figure_id(step.pose, side)))
                assert root.tag == "{http://www.w3.org/2000/svg}svg"
                assert root.get("viewBox") == "0 0 240 190"
                assert "text" not in {el.tag.split("}")[1] for el in root.iter()}


def test_moving_steps_are_animated_and_still_frames_show_the_end_position() -> None:
    svg = figure_svg("knee-to-opposite-shoulder:right")
    assert "<animate" in svg
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    moving = [p for p in root.iter(f"{ns}polyline") if p.find(f"{ns}animate") is not None]
    assert moving and all(
        p.get("points") == p.find(f"{ns}animate").get("values").split(";")[0] for p in moving
    )  # type: ignore[union-attr]
    assert "<animate" not in figure_svg("lying-legs-long:none")


def test_worked_side_is_highlighted_and_flipped_for_the_left() -> None:
    right, left = figure_svg("sitting-figure-four:right"), figure_svg("sitting-figure-four:left")
    assert "#e65100" in right and "#e65100" in left
    assert right != left
    assert "(left side)" in left


def test_segments_lengths_table_is_human() -> None:
    assert math.isclose(LENGTHS["thigh"] / LENGTHS["shin"], 1.05, abs_tol=0.1)

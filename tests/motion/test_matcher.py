"""The matcher on landmark streams generated from the body model, for every position of the
catalog: in it, out of it, the wrong side, bad form, noise, low visibility, walking away."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.figures import load_poses
from sciatica_coach.motion.judge import Target
from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.matcher import Settings, Status, Tracker
from sciatica_coach.motion.rules import load_rules
from sciatica_coach.motion.synthetic import Camera, pose_landmarks
from tests.examples import examples
from tests.motion.streams import bend, dim, frames, jitter, posed, run, statuses, still

RULES = load_rules()
CHECKABLE = sorted(p for p in load_poses() if RULES.checkable(f"{p}:right"))
SIDED = [p for p in CHECKABLE if Target.of(f"{p}:right", RULES).names_side]
CASES = [(p, s, f) for p in CHECKABLE for s in ("right", "left") for f in ("right", "left")]
LEFT_LEG = ["left_knee", "left_ankle", "left_heel", "left_foot_index"]


@pytest.mark.parametrize(("pose_id", "side", "facing"), CASES)
def test_in_position_is_found_once_and_kept(pose_id: str, side: str, facing: str) -> None:
    tracker = Tracker(f"{pose_id}:{side}")
    readings = run(tracker, frames(still(posed(pose_id, side), 90, Camera(facing=facing))))
    assert statuses(readings) == [Status.IN_POSE]
    assert readings[4].status is Status.IN_POSE  # after `enter_frames` frames, not before
    assert readings[3].status is Status.UNKNOWN
    assert readings[-1].side == (side if pose_id in SIDED else None)
    assert readings[-1].hint is None


@pytest.mark.parametrize("pose_id", SIDED)
@pytest.mark.parametrize("side", ["right", "left"])
def test_the_other_side_is_the_wrong_side_and_named(pose_id: str, side: str) -> None:
    other = {"right": "left", "left": "right"}[side]
    readings = run(Tracker(f"{pose_id}:{side}"), frames(still(posed(pose_id, other), 30)))
    assert statuses(readings) == [Status.WRONG_SIDE]
    assert readings[-1].side == other


@pytest.mark.parametrize("pose_id", CHECKABLE)
def test_far_from_the_position_is_out_of_it(pose_id: str) -> None:
    away = bend(posed(pose_id), "torso", 70)  # sat up from lying, or leaning right over
    readings = run(Tracker(f"{pose_id}:right"), frames(still(away, 30)))
    assert statuses(readings) == [Status.OUT_OF_POSE]


@pytest.mark.parametrize("pose_id", CHECKABLE)
def test_getting_into_position_and_out_again(pose_id: str) -> None:
    target = posed(pose_id)
    stream = (
        still(bend(target, "torso", 70), 30)
        + still(target, 60)
        + still(bend(target, "torso", 70), 30)
    )
    readings = run(Tracker(f"{pose_id}:right"), frames(stream))
    assert statuses(readings) == [Status.OUT_OF_POSE, Status.IN_POSE, Status.OUT_OF_POSE]
    changes = [i for i, r in enumerate(readings) if r.changed]
    assert changes[1] - 30 < 10 and changes[2] - 90 >= Settings().leave_frames - 1


@pytest.mark.parametrize("hint", RULES.hints, ids=lambda h: f"{h.pose}-{h.joints[0]}")
def test_each_form_hint_is_said_for_its_fault_only(hint: object) -> None:
    from sciatica_coach.motion.rules import Hint

    assert isinstance(hint, Hint)
    joint = hint.joints[0].replace("worked", "right").replace("other", "left")
    by = hint.above + 8 if hint.above else -(hint.below or 0) - 8
    good, bad = posed(hint.pose), bend(posed(hint.pose), joint, by)
    readings = run(Tracker(f"{hint.pose}:right"), frames(still(good, 30) + still(bad, 30)))
    assert readings[29].hint is None
    assert readings[-1].hint == hint.text.format(worked="right", other="left")
    shown = [r.hint for r in readings if r.hint]
    assert len(set(shown)) == 1  # one hint at a time, and no other one on the way


def test_the_back_off_the_floor_still_counts_as_in_position_with_a_hint() -> None:
    lifted = bend(posed("knee-to-opposite-shoulder", "left"), "torso", 15)
    readings = run(Tracker("knee-to-opposite-shoulder:left"), frames(still(lifted, 30)))
    assert readings[-1].status is Status.IN_POSE
    assert readings[-1].hint == "Keep your back flat on the floor."


@given(
    pose_id=st.sampled_from(CHECKABLE),
    sigma=st.floats(0, 0.006),
    every=st.integers(3, 12),
    seed=st.integers(0, 2**16),
)
@settings(max_examples=examples(60), deadline=None)
def test_noise_and_stray_frames_never_flicker(
    pose_id: str, sigma: float, every: int, seed: int
) -> None:
    rng = random.Random(seed)
    body = pose_landmarks(posed(pose_id))
    stray = [pose_landmarks(p) for p in load_poses().values()]
    stream = [
        rng.choice(stray) if i % every == every - 1 else jitter(body, rng, sigma)
        for i in range(120)
    ]
    assert statuses(run(Tracker(f"{pose_id}:right"), frames(stream))) == [Status.IN_POSE]


@given(
    pose_id=st.sampled_from(CHECKABLE),
    sigma=st.floats(0, 0.006),
    seed=st.integers(0, 2**16),
)
@settings(max_examples=examples(40), deadline=None)
def test_out_of_position_with_noise_stays_out(pose_id: str, sigma: float, seed: int) -> None:
    rng = random.Random(seed)
    body = pose_landmarks(bend(posed(pose_id), "torso", 70))
    stream = [jitter(body, rng, sigma) for _ in range(90)]
    assert statuses(run(Tracker(f"{pose_id}:right"), frames(stream))) == [Status.OUT_OF_POSE]


@pytest.mark.parametrize("run_length", [1, 2, 3])
def test_flickering_between_in_and_out_changes_nothing(run_length: int) -> None:
    target = posed("sitting-figure-four-reach")
    inside, outside = pose_landmarks(target), pose_landmarks(bend(target, "torso", 70))
    flicker = ([outside] * run_length + [inside] * run_length) * 40
    tracker = Tracker("sitting-figure-four-reach:right")
    run(tracker, frames([inside] * 10))
    assert tracker.status is Status.IN_POSE
    assert statuses(run(tracker, frames(flicker, start=1.0))) == []


def test_hidden_joints_are_unknown_never_out_of_position() -> None:
    target = posed("knee-to-opposite-shoulder")
    body = pose_landmarks(target)
    hidden_worked = dim(body, ["right_knee", "right_ankle"])
    tracker = Tracker("knee-to-opposite-shoulder:right")
    assert statuses(run(tracker, frames([hidden_worked] * 300))) == []  # 10 s: still unknown
    assert tracker.status is Status.UNKNOWN
    run(tracker, frames([body] * 10, start=10))
    assert tracker.status is Status.IN_POSE
    hidden_other = dim(body, [*LEFT_LEG, "left_wrist", "left_elbow"])
    stream = [hidden_worked] * 300 + [hidden_other] * 300
    assert statuses(run(tracker, frames(stream, start=11))) == []
    assert tracker.status is Status.IN_POSE


def test_walking_out_of_the_picture_ends_the_position_after_a_while() -> None:
    target = posed("sitting-figure-four-reach")
    walking = [pose_landmarks(target, Camera(shift_x=i / 50)) for i in range(60)]
    stream = [pose_landmarks(target)] * 30 + walking + [None] * 120
    readings = run(Tracker("sitting-figure-four-reach:right"), frames(stream))
    assert statuses(readings) == [Status.IN_POSE, Status.OUT_OF_POSE]
    left_at = next(
        i for i, r in enumerate(readings) if r.changed and r.status is Status.OUT_OF_POSE
    )
    trunk = [
        i
        for i, b in enumerate(stream)
        if b and b["left_hip"].visible and b["left_shoulder"].visible
    ]
    assert 30 < trunk[-1] < 90  # part of the walk still shows the trunk
    gone = Settings().gone_seconds * 30  # frames; the smoothing window may add a few
    assert gone <= left_at - trunk[-1] <= gone + Settings().window
    assert readings[-1].hint is None and readings[-1].body is None


def test_a_position_seen_from_above_is_not_checkable() -> None:
    tracker = Tracker("fetal-rest:none")
    readings = run(tracker, frames(still(posed("fetal-rest"), 30) + [None] * 90))
    assert {r.status for r in readings} == {Status.NOT_CHECKABLE}
    assert not RULES.checkable("fetal-rest:none") and RULES.checkable("lying-knees-bent:none")


def test_frames_arrive_with_their_own_times() -> None:
    tracker = Tracker("lying-knees-bent:none")
    body = pose_landmarks(posed("lying-knees-bent"))
    readings = [tracker.update(Frame(t / 7, body)) for t in range(10)]
    assert statuses(readings) == [Status.IN_POSE]

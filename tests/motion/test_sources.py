"""Frames from pictures: while the body keeps still only every other picture is estimated."""

from collections.abc import Iterator

from sciatica_coach.figures import load_poses
from sciatica_coach.motion.landmarks import Landmarks
from sciatica_coach.motion.sources import estimated
from sciatica_coach.motion.synthetic import Camera, pose_landmarks


class Counting:
    """An estimator that returns the body it is shown (a picture here is the body itself)."""

    def __init__(self) -> None:
        self.calls = 0

    def estimate(self, frame_rgb: Landmarks) -> Landmarks:
        self.calls += 1
        return frame_rgb

    def close(self) -> None: ...


def shots(bodies: list[Landmarks]) -> Iterator[tuple[float, Landmarks]]:
    return ((i / 30, b) for i, b in enumerate(bodies))


def test_a_still_body_is_estimated_every_other_frame_and_repeated_between() -> None:
    body = pose_landmarks(load_poses()["lying-knees-bent"])
    counting = Counting()
    frames = list(estimated(shots([body] * 60), counting))  # type: ignore[arg-type]
    assert len(frames) == 60 and all(f.body == body for f in frames)
    assert counting.calls == 31  # the first two, then every other one


def test_a_moving_body_is_estimated_every_frame() -> None:
    pose = load_poses()["lying-knees-bent"]
    moving = [pose_landmarks(pose, Camera(shift_x=i / 50)) for i in range(60)]
    counting = Counting()
    frames = list(estimated(shots(moving), counting))  # type: ignore[arg-type]
    assert counting.calls == 60
    assert [f.body for f in frames] == moving


def test_skipping_can_be_turned_off() -> None:
    body = pose_landmarks(load_poses()["lying-knees-bent"])
    counting = Counting()
    list(estimated(shots([body] * 60), counting, skip_still=False))  # type: ignore[arg-type]
    assert counting.calls == 60

"""Landmark streams generated from the body model, for the matcher's tests."""

import random
from collections.abc import Iterable, Sequence

from sciatica_coach.figures import load_poses
from sciatica_coach.figures.body import Arm, Leg, Pose
from sciatica_coach.motion.landmarks import Frame, Landmark, Landmarks
from sciatica_coach.motion.matcher import Reading, Status, Tracker
from sciatica_coach.motion.synthetic import Camera, pose_landmarks

FPS = 30.0


def posed(pose_id: str, side: str = "right") -> Pose:
    pose = load_poses()[pose_id]
    return pose.mirrored() if side == "left" else pose


def bend(pose: Pose, joint: str, by: float) -> Pose:
    """The pose with one joint (`torso`, `head` or `right.knee`...) moved by `by` degrees."""
    if "." not in joint:
        return pose.model_copy(update={joint: getattr(pose, joint) + by})
    side, name = joint.split(".")
    limb = f"{side}_leg" if name in ("hip", "knee", "ankle") else f"{side}_arm"
    part: Leg | Arm = getattr(pose, limb)
    return pose.model_copy(update={limb: part.model_copy(update={name: getattr(part, name) + by})})


def jitter(body: Landmarks, rng: random.Random, sigma: float) -> Landmarks:
    return Landmarks(
        tuple(
            Landmark(p.x + rng.gauss(0, sigma), p.y + rng.gauss(0, sigma), p.visibility)
            for p in body.points
        ),
        body.aspect,
    )


def dim(body: Landmarks, names: Iterable[str], visibility: float = 0.1) -> Landmarks:
    from sciatica_coach.motion.landmarks import INDEX

    hidden = {INDEX[n] for n in names}
    return Landmarks(
        tuple(
            Landmark(p.x, p.y, visibility) if i in hidden else p for i, p in enumerate(body.points)
        ),
        body.aspect,
    )


def frames(bodies: Sequence[Landmarks | None], start: float = 0.0) -> list[Frame]:
    return [Frame(start + i / FPS, b) for i, b in enumerate(bodies)]


SIDE_VIEW = Camera()


def still(pose: Pose, n: int, camera: Camera = SIDE_VIEW) -> list[Landmarks | None]:
    return [pose_landmarks(pose, camera)] * n


def run(tracker: Tracker, stream: Iterable[Frame]) -> list[Reading]:
    return [tracker.update(f) for f in stream]


def statuses(readings: Sequence[Reading]) -> list[Status]:
    """The status each time it changed."""
    return [r.status for r in readings if r.changed]

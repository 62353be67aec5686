"""Landmarks generated from the figures' body model: what a perfect estimator would see of a
person in a catalog pose, seen from the side. Tests, replays and the benchmark use them."""

from dataclasses import dataclass

from sciatica_coach.figures.body import Pose, skeleton
from sciatica_coach.motion.landmarks import COUNT, INDEX, Landmark, Landmarks

# Which body-model joint stands for each BlazePose landmark (the model has one hip, one neck).
_HEAD = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right",
)  # fmt: skip
SOURCE = {
    **{name: "head" for name in _HEAD},
    **{
        f"{s}_{part}": joint
        for s in ("left", "right")
        for part, joint in [
            ("shoulder", "neck"), ("hip", "hip"), ("elbow", f"{s}_elbow"),
            ("wrist", f"{s}_hand"), ("pinky", f"{s}_hand"), ("index", f"{s}_hand"),
            ("thumb", f"{s}_hand"), ("knee", f"{s}_knee"), ("ankle", f"{s}_ankle"),
            ("heel", f"{s}_ankle"), ("foot_index", f"{s}_toe"),
        ]
    },
}  # fmt: skip


@dataclass(frozen=True)
class Camera:
    """Where the figure lands in the picture: `facing` is the way the person looks on
    screen, `size` the share of the picture the figure takes, `shift_x` moves it sideways
    (in picture widths: 1.0 takes it right out of the picture)."""

    aspect: float = 4 / 3
    facing: str = "right"
    size: float = 0.7
    shift_x: float = 0.0
    visibility: float = 0.95


def pose_landmarks(pose: Pose, camera: Camera = Camera()) -> Landmarks:
    joints = skeleton(pose).joints
    xs, ys = [x for x, _ in joints.values()], [y for _, y in joints.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    scale = camera.size / max((max(xs) - min(xs)) / camera.aspect, max(ys) - min(ys))
    sign = 1 if camera.facing == "right" else -1
    marks: list[Landmark] = [Landmark(0.0, 0.0, 0.0)] * COUNT
    for name, joint in SOURCE.items():
        x, y = joints[joint]
        px = 0.5 + sign * (x - cx) * scale / camera.aspect + camera.shift_x
        py = 0.5 - (y - cy) * scale
        inside = 0 <= px <= 1 and 0 <= py <= 1
        marks[INDEX[name]] = Landmark(px, py, camera.visibility if inside else 0.05)
    return Landmarks(tuple(marks), camera.aspect)

"""The 33 BlazePose landmarks of one frame, normalised to the image (x right, y down, 0..1),
each with its visibility; and their JSON-lines form for recorded streams."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sciatica_coach.errors import ContentError

COUNT = 33
NAMES = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right",
    "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
    "left_pinky", "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb",
    "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    "left_heel", "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip
INDEX = {name: i for i, name in enumerate(NAMES)}
VISIBLE = 0.5  # below this a landmark is unknown, never "out of position"


@dataclass(frozen=True)
class Landmark:
    x: float
    y: float
    visibility: float

    @property
    def visible(self) -> bool:
        return self.visibility >= VISIBLE


@dataclass(frozen=True)
class Landmarks:
    """One body in one frame; `aspect` is the image's width / height, to measure angles."""

    points: tuple[Landmark, ...]
    aspect: float = 4 / 3

    def __post_init__(self) -> None:
        if len(self.points) != COUNT:
            raise ValueError(f"a body has {COUNT} landmarks, not {len(self.points)}")

    def __getitem__(self, name: str) -> Landmark:
        return self.points[INDEX[name]]

    def to_json(self) -> list[list[float]]:
        return [[round(p.x, 4), round(p.y, 4), round(p.visibility, 3)] for p in self.points]


@dataclass(frozen=True)
class Frame:
    """Landmarks at a time (seconds, any monotonic origin); `body` is None when nobody is seen."""

    t: float
    body: Landmarks | None


def frame_to_line(frame: Frame) -> str:
    body = frame.body
    data: dict[str, Any] = {"t": round(frame.t, 4), "landmarks": None}
    if body is not None:
        data |= {"landmarks": body.to_json(), "aspect": round(body.aspect, 4)}
    return json.dumps(data, separators=(",", ":"))


def frame_from_line(line: str, where: str = "stream") -> Frame:
    try:
        data = json.loads(line)
        points = data["landmarks"]
        body = None
        if points is not None:
            marks = tuple(Landmark(float(x), float(y), float(v)) for x, y, v in points)
            body = Landmarks(marks, float(data.get("aspect", 4 / 3)))
        return Frame(float(data["t"]), body)
    except (ValueError, TypeError, KeyError) as exc:
        raise ContentError(f"{where}: not a landmark frame ({exc})") from exc


def write_stream(frames: Iterable[Frame]) -> Iterator[str]:
    """JSON lines, one frame a line."""
    for frame in frames:
        yield frame_to_line(frame) + "\n"


def read_stream(lines: Iterable[str], name: str = "stream") -> Iterator[Frame]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield frame_from_line(line, f"{name}: line {number}")

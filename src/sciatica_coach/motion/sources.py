"""Where frames come from: a camera or a video file (OpenCV, with the motion extra), or a
recorded landmark stream (JSON lines, no extra needed). Frames are only ever held in memory."""

import math
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sciatica_coach.errors import MotionUnavailable
from sciatica_coach.motion.estimator import INSTALL, Estimator, Image, quiet_native_logs
from sciatica_coach.motion.landmarks import Frame, Landmarks, read_stream

WIDTH, HEIGHT = 640, 480
Clock = Callable[[], float]


def _cv2() -> Any:
    try:
        import cv2
    except ImportError:
        raise MotionUnavailable(f"the camera needs the optional motion extra: {INSTALL}") from None
    return cv2


def is_stream(device: str) -> bool:
    return device.endswith((".jsonl", ".ndjson"))


def pictures(device: str, clock: Clock = time.monotonic) -> Iterator[tuple[float, "Image"]]:
    """RGB pictures from a camera (`0`, `1`... or a device path) or a video file, each with
    the time it was taken; a camera is asked for 640x480. Opened at once: a camera that is
    not there fails here, not at the first frame."""
    cv2 = _cv2()
    source: int | str = int(device) if device.isdigit() else device
    with quiet_native_logs():  # a missing camera is said once, below, not by FFmpeg too
        capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        raise MotionUnavailable(f"camera: cannot open {device!r}")
    if isinstance(source, int):
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, WIDTH)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, HEIGHT)
    return _read(cv2, capture, clock)


def _read(cv2: Any, capture: Any, clock: Clock) -> Iterator[tuple[float, "Image"]]:
    try:
        while True:
            ok, bgr = capture.read()
            if not ok:
                return
            yield clock(), cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    finally:
        capture.release()


# A body whose landmarks moved less than this (a share of the picture) between two estimates
# keeps still: then only every other picture is estimated, the other one repeats the body.
STILL = 0.01


def estimated(
    shots: Iterator[tuple[float, "Image"]], estimator: Estimator, skip_still: bool = True
) -> Iterator[Frame]:
    """Landmark frames from pictures (a camera's or a video file's). While the body keeps
    still, every other picture is not estimated (`skip_still`): half the work when holding a
    position, and a movement is still seen within a frame."""
    last: Landmarks | None = None
    still = skipped = False
    for t, picture in shots:
        if skip_still and still and not skipped:
            skipped = True
            yield Frame(t, last)
            continue
        body = estimator.estimate(picture)
        still, skipped = _moved(last, body) < STILL, False
        last = body
        yield Frame(t, body)


def _moved(before: Landmarks | None, after: Landmarks | None) -> float:
    """How far the body moved: the largest shift of a landmark seen in both (inf: unknown)."""
    if before is None or after is None:
        return math.inf
    shifts = [
        max(abs(a.x - b.x), abs(a.y - b.y))
        for a, b in zip(before.points, after.points, strict=True)
        if a.visible and b.visible
    ]
    return max(shifts) if shifts else math.inf


def replayed(path: Path, clock: Clock = time.monotonic, speed: float = 1.0) -> Iterator[Frame]:
    """A recorded landmark stream, played at its own pace (`speed` times faster); frames
    keep their recorded times."""
    start = clock()
    with path.open(encoding="utf-8") as lines:
        first: float | None = None
        for frame in read_stream(lines, path.name):
            first = frame.t if first is None else first
            time.sleep(max(0.0, start + (frame.t - first) / speed - clock()))
            yield frame


def decode_jpeg(data: bytes) -> "Image":
    """A JPEG picture (as a browser sends it) to RGB."""
    import numpy as np

    cv2 = _cv2()
    bgr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if bgr is None:
        raise ValueError("not a JPEG picture")
    rgb: Image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb


def read_picture(path: Path) -> "Image":
    """An image file (JPEG, PNG...) as RGB."""
    cv2 = _cv2()
    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is None:
        raise MotionUnavailable(f"{path}: not a picture that can be read")
    rgb: Image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb


def video_pictures(path: Path) -> Iterator[tuple[float, "Image"]]:
    """A video file's pictures, each at its time in the video; opened at once, so that a
    file that is not a video fails here."""
    cv2 = _cv2()
    with quiet_native_logs():
        capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise MotionUnavailable(f"{path}: not a video that can be read")
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    count = iter(range(10**9))
    return _read(cv2, capture, lambda: next(count) / fps)

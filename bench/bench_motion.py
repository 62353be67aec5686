"""The motion coach on this machine: frames per second and per-frame latency (p50/p99) of
the estimator (MediaPipe BlazePose full) plus the matcher, on 640x480 frames of a real
photograph of a person; then the matcher alone. Prints figures; never fails on slowness."""

import time

from bench.timing import percentile
from sciatica_coach.figures import load_poses
from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.matcher import Tracker
from sciatica_coach.motion.synthetic import pose_landmarks

FRAMES = 300
WIDTH, HEIGHT = 640, 480


def frame_640x480() -> object:
    """The astronaut (512x512) scaled to 480 high and centred on a 640x480 grey frame."""
    import cv2
    import numpy as np
    from skimage import data

    person = cv2.resize(data.astronaut(), (HEIGHT, HEIGHT))
    frame = np.full((HEIGHT, WIDTH, 3), 128, dtype=np.uint8)
    left = (WIDTH - HEIGHT) // 2
    frame[:, left : left + HEIGHT] = person
    return frame


def _report(label: str, times: list[float]) -> None:
    total = sum(times)
    print(
        f"{label}: {len(times) / total:.1f} frames/s, per frame p50 "
        f"{percentile(times, 50) * 1000:.1f} ms, p99 {percentile(times, 99) * 1000:.1f} ms "
        f"(n={len(times)})",
        flush=True,
    )


def estimator_and_matcher(video: bool) -> list[float]:
    from sciatica_coach.motion.estimator import MediaPipeEstimator

    frame = frame_640x480()
    estimator = MediaPipeEstimator(video=video)
    tracker = Tracker("standing-palms-lower-back:none")
    estimator.estimate(frame)  # the first frame loads the model: not timed
    times = []
    try:
        for n in range(FRAMES):
            start = time.perf_counter()
            body = estimator.estimate(frame)
            tracker.update(Frame(n / 30, body))
            times.append(time.perf_counter() - start)
    finally:
        estimator.close()
    return times


def matcher_alone() -> list[float]:
    body = pose_landmarks(load_poses()["knee-to-opposite-shoulder"])
    tracker = Tracker("knee-to-opposite-shoulder:right")
    times = []
    for n in range(2000):
        start = time.perf_counter()
        tracker.update(Frame(n / 30, body))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    try:
        import mediapipe  # noqa: F401
    except ImportError:
        print("motion extra not installed: estimator not measured (pip install -e '.[motion]')")
    else:
        _report("estimator + matcher, video mode (tracking), 640x480", estimator_and_matcher(True))
        _report("estimator + matcher, each frame on its own, 640x480", estimator_and_matcher(False))
    _report("matcher alone", matcher_alone())

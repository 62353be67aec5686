"""The motion coach on this machine: frames per second and per-frame latency (p50/p99) of
the estimator (MediaPipe BlazePose full) plus the matcher, on 640x480 frames of a real
photograph of a person; the matcher alone; end to end from a 640x480 video file as the
terminal coach does it (decode, estimate, match), with each of the savings on and off; and end
to end as the browser does it: a 320x240 JPEG sent over the WebSocket to a real uvicorn on
loopback until its answer (landmarks, status, hint) is back, one picture at a time. Prints
figures and the load average (the cores are shared); never fails on slowness."""

import os
import tempfile
import time
from pathlib import Path

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


def estimator_alone(width: int | None) -> list[float]:
    from sciatica_coach.motion.estimator import MediaPipeEstimator

    frame = frame_640x480()
    estimator = MediaPipeEstimator(video=True, width=width)
    estimator.estimate(frame)
    times = []
    try:
        for _ in range(FRAMES):
            start = time.perf_counter()
            estimator.estimate(frame)
            times.append(time.perf_counter() - start)
    finally:
        estimator.close()
    return times


def moving_video(folder: str) -> Path:
    """A 640x480 MJPG video, 10 s at 30 frames/s: the person slides across for the first half
    (moving: nothing may be skipped), then keeps still (a held position)."""
    import cv2
    import numpy as np

    path = Path(folder) / "person.avi"
    bgr = cv2.cvtColor(frame_640x480(), cv2.COLOR_RGB2BGR)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (WIDTH, HEIGHT))
    for n in range(FRAMES):
        shift = 2 * min(n, FRAMES // 2) - FRAMES // 2
        writer.write(np.roll(bgr, shift, axis=1))
    writer.release()
    return path


def video_end_to_end(path: Path, width: int | None, skip_still: bool) -> list[float]:
    """Each frame of the video file read, decoded, estimated (or skipped) and matched."""
    from sciatica_coach.motion.estimator import MediaPipeEstimator
    from sciatica_coach.motion.sources import estimated, video_pictures

    estimator = MediaPipeEstimator(video=True, width=width)
    tracker = Tracker("standing-palms-lower-back:none")
    times = []
    try:
        frames = estimated(video_pictures(path), estimator, skip_still)
        start = time.perf_counter()
        for frame in frames:
            tracker.update(frame)
            now = time.perf_counter()
            times.append(now - start)
            start = now
    finally:
        estimator.close()
    return times[1:]  # the first frame loads the model: not timed


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


def end_to_end(pictures: int = 200) -> list[float]:
    import cv2
    from websockets.sync.client import connect

    from bench.bench_web import _start_server

    small = cv2.resize(frame_640x480(), (320, 240))
    jpeg = cv2.imencode(".jpg", cv2.cvtColor(small, cv2.COLOR_RGB2BGR))[1].tobytes()
    with tempfile.TemporaryDirectory() as folder:
        server, url = _start_server(folder)
        try:
            cookies = _signed_in(url)
            host = url.removeprefix("http://")
            headers = {"Origin": url, "Cookie": cookies}
            with connect(f"ws://{host}/ws/motion", additional_headers=headers) as ws:
                ws.recv()  # hello
                ws.send('{"figure": "standing-palms-lower-back:none"}')
                ws.recv()
                ws.send(jpeg)
                ws.recv()  # the first picture starts the tracking: not timed
                times = []
                for _ in range(pictures):
                    start = time.perf_counter()
                    ws.send(jpeg)
                    ws.recv()
                    times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return times


def _signed_in(url: str) -> str:
    import httpx

    with httpx.Client(base_url=url, timeout=30) as client:
        client.get("/api/csrf")
        headers = {"X-CSRF-Token": client.cookies["csrf_token"]}
        body = {"username": "motionbench", "password": "bench password 1"}
        client.post("/api/register", json=body, headers=headers).raise_for_status()
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def main() -> None:
    try:
        import mediapipe  # noqa: F401
    except ImportError:
        print("motion extra not installed: estimator not measured (pip install -e '.[motion]')")
    else:
        print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        _report("estimator alone, tracking, 640x480 input", estimator_alone(None))
        _report("estimator alone, tracking, scaled to 320x240", estimator_alone(320))
        with tempfile.TemporaryDirectory() as folder:
            video = moving_video(folder)
            for label, width, skip in [
                ("estimator at 640x480, every frame", None, False),
                ("estimator at 320x240, every frame", 320, False),
                ("estimator at 640x480, every other frame while still (the coach)", None, True),
                ("estimator at 320x240, every other frame while still", 320, True),
            ]:
                _report(
                    f"video file 640x480 end to end, {label}", video_end_to_end(video, width, skip)
                )
        print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        _report("estimator + matcher, video mode (tracking), 640x480", estimator_and_matcher(True))
        _report("estimator + matcher, each frame on its own, 640x480", estimator_and_matcher(False))
        _report("end to end, 320x240 JPEG over the WebSocket on loopback", end_to_end())
    _report("matcher alone", matcher_alone())

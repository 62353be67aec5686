"""The camera for the terminal player: frames are read and estimated on a thread of their
own; the player takes what has arrived at each turn of its loop and hands it to the coach."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from sciatica_coach.errors import MotionUnavailable
from sciatica_coach.motion.coach import Coach
from sciatica_coach.motion.landmarks import Frame, frame_to_line
from sciatica_coach.session.engine import Engine


def open_frames(device: str, speed: float = 1.0) -> Iterator[Frame]:
    """A camera (`0`), a video file, or a recorded landmark stream (`.jsonl`, no extra)."""
    from sciatica_coach.motion import sources

    if sources.is_stream(device):
        path = Path(device)
        if not path.is_file():
            raise MotionUnavailable(f"camera: no such landmark stream {device!r}")
        return sources.replayed(path, speed=speed)
    from sciatica_coach.motion.estimator import MediaPipeEstimator, require_motion

    require_motion()
    shots = sources.pictures(device)  # the camera is opened (or fails) before the model loads
    return sources.estimated(shots, MediaPipeEstimator())


def recorded(frames: Iterator[Frame], out: TextIO) -> Iterator[Frame]:
    """The frames, each also written to `out` as a line of a landmark stream (landmarks
    only: the pictures themselves are never written)."""
    try:
        for frame in frames:
            out.write(frame_to_line(frame) + "\n")
            yield frame
    finally:
        out.close()
        close = getattr(frames, "close", None)
        if close is not None:
            close()


class CameraFeed:
    def __init__(self, frames: Iterator[Frame]) -> None:
        self._frames = frames
        self._arrived: list[Frame] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.ended = False
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._read, name="camera", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for frame in self._frames:
                with self._lock:
                    self._arrived.append(frame)
                if self._stop.is_set():
                    break
        except Exception as exc:  # kept for the player, which then goes by time
            self.error = exc
        finally:
            close = getattr(self._frames, "close", None)
            if close is not None:
                close()  # a generator releases its camera here, on its own thread
            self.ended = True

    def take(self) -> list[Frame]:
        with self._lock:
            frames, self._arrived = self._arrived, []
        return frames

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2.0)


class CameraCoach:
    """Pumps a camera feed into the coach; when the camera ends, holds run on time."""

    def __init__(self, engine: Engine, feed: CameraFeed) -> None:
        self.feed = feed
        self.coach = Coach(engine)
        self.on = True

    def stop(self, now: float) -> None:
        """The person turned the camera off: from now on every hold goes by time."""
        if self.on:
            self.on = False
            self.feed.close()
            self.coach.engine.unwatch(now)

    def pump(self, now: float) -> None:
        if not self.on:
            return
        for frame in self.feed.take():
            self.coach.feed(frame, now)
        if self.feed.ended:  # the stream is over, or the camera failed: go on by time
            self.on = False
            self.coach.engine.unwatch(now)

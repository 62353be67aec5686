"""Smoothing over frames: each landmark is the median of its visible positions over the last
few frames, so one jittery frame moves nothing."""

from collections import deque
from collections.abc import Iterable

from sciatica_coach.motion.landmarks import COUNT, VISIBLE, Landmark, Landmarks


class MedianWindow:
    def __init__(self, size: int = 5) -> None:
        self.frames: deque[Landmarks] = deque(maxlen=size)

    def clear(self) -> None:
        self.frames.clear()

    def add(self, body: Landmarks) -> Landmarks:
        self.frames.append(body)
        return Landmarks(tuple(self._one(i) for i in range(COUNT)), body.aspect)

    def _one(self, index: int) -> Landmark:
        marks = [f.points[index] for f in self.frames]
        seen = [m for m in marks if m.visibility >= VISIBLE]
        if 2 * len(seen) <= len(marks) - 1 or not seen:  # visible in under half the window
            return Landmark(marks[-1].x, marks[-1].y, min(m.visibility for m in marks))
        return Landmark(
            median(m.x for m in seen), median(m.y for m in seen), median(m.visibility for m in seen)
        )


def median(values: Iterable[float]) -> float:
    """The median (the mean of the middle two for an even count); faster than the standard
    library's for the few values of a window, which matters at 33 landmarks a frame."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2

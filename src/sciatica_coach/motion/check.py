"""Judging recorded frames against a technique's position, from a fresh start: what
`sciatica motion check` does with each file. Pure for landmark streams; pictures and videos
go through the estimator first (the motion extra)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sciatica_coach.catalog import load_catalog
from sciatica_coach.catalog.models import Routine, StepKind
from sciatica_coach.errors import CoachError, InvalidInput
from sciatica_coach.motion.landmarks import Frame, read_stream
from sciatica_coach.motion.matcher import Reading, Status, Tracker
from sciatica_coach.motion.rules import Rules, load_rules

IMAGES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
STREAMS = (".jsonl", ".ndjson")
FPS = 30.0
STILL_SECONDS = 1.0


class UnreadableFile(CoachError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")


def position_of(routine: Routine, rules: Rules) -> str:
    """The position a camera checks for a technique: its held one, or else the last it can
    check (the palm and thumb massage has no hold)."""
    holds = [s.pose for s in routine.steps if s.kind is StepKind.HOLD]
    checkable = [s.pose for s in routine.steps if rules.checkable(f"{s.pose}:none")]
    for pose in [*holds, *reversed(checkable)]:
        if rules.checkable(f"{pose}:none"):
            return pose
    raise InvalidInput("TECHNIQUE", routine.id, "a technique whose position a camera can check")


def technique_position(technique: str, rules: Rules | None = None) -> str:
    rules = rules or load_rules()
    return position_of(load_catalog().get(technique), rules)


@dataclass(frozen=True)
class Verdict:
    file: str
    technique: str
    frames: int
    status: Status
    side: str | None
    hint: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "technique": self.technique,
            "frames": self.frames,
            "status": self.status.value,
            "side": self.side,
            "hint": self.hint,
        }


def judge_frames(
    technique: str, frames: Iterable[Frame], name: str, rules: Rules | None = None
) -> Verdict:
    """Frames from a fresh start through the sessions' matcher, for the technique's position
    on either side: the side being done is the one not called the wrong side (the frames go
    through again for the left side only when the right one is called the wrong side)."""
    rules = rules or load_rules()
    pose = technique_position(technique, rules)
    routine = load_catalog().get(technique)
    sided = routine.side_order[0] is not None
    kept: list[Frame] = []
    reading = _last(Tracker(f"{pose}:{'right' if sided else 'none'}", rules), frames, kept)
    if reading is None:
        return Verdict(name, technique, 0, Status.UNKNOWN, None, None)
    if reading.status is Status.WRONG_SIDE:
        reading = _last(Tracker(f"{pose}:left", rules), kept, []) or reading
    status = reading.status
    if status in (Status.WRONG_SIDE, Status.NOT_CHECKABLE):
        status = Status.UNKNOWN
    side = reading.side if status is Status.IN_POSE else None
    return Verdict(name, technique, len(kept), status, side, reading.hint)


def _last(tracker: Tracker, frames: Iterable[Frame], kept: list[Frame]) -> Reading | None:
    """The tracker's reading after the last frame; the frames are kept in `kept`."""
    reading = None
    for frame in frames:
        kept.append(frame)
        reading = tracker.update(frame)
    return reading


def stream_frames(path: Path) -> list[Frame]:
    """A recorded landmark stream, read whole (so that a broken file fails before any
    output)."""
    try:
        with path.open(encoding="utf-8") as lines:
            return list(read_stream(lines, str(path)))
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFile(path, f"cannot read it ({exc.__class__.__name__})") from None


def picture_frames(path: Path, estimator: Any) -> Iterator[Frame]:
    """An image as 1 s of frames at 30 fps, or a video's frames at its own rate, estimated."""
    from sciatica_coach.motion.sources import read_picture, video_pictures

    if path.suffix.lower() in IMAGES:
        rgb = read_picture(path)
        return (Frame(i / FPS, estimator.estimate(rgb)) for i in range(int(FPS * STILL_SECONDS)))
    return (Frame(t, estimator.estimate(rgb)) for t, rgb in video_pictures(path))

"""The matcher: a stream of frames against the current cue's position, smoothed and with
hysteresis, so a flicker never starts and stops a hold. Pure: time comes with each frame.

- Entering a state (in position, wrong side, out) takes `enter_frames` frames in a row that
  say so; leaving "in position" takes `leave_frames`.
- Frames where the joints that decide are not visible say nothing: the state stays (a hint
  to turn side-on may come, when the camera sees the person from the front or the back).
- Nobody in the picture for `gone_seconds` is out of position (the person walked away).
- A form hint is shown after `hint_frames` frames in a row that call for it, and cleared after
  as many without it; at most one at a time."""

from dataclasses import dataclass, field
from enum import StrEnum

from sciatica_coach.motion.judge import Fit, Judgement, Target, judge
from sciatica_coach.motion.landmarks import Frame, Landmarks
from sciatica_coach.motion.rules import Rules, load_rules
from sciatica_coach.motion.smoothing import MedianWindow


class Status(StrEnum):
    UNKNOWN = "unknown"  # not seen well enough yet
    IN_POSE = "in_pose"
    OUT_OF_POSE = "out_of_pose"
    WRONG_SIDE = "wrong_side"
    NOT_CHECKABLE = "not_checkable"  # this position cannot be checked from the side


STATUS_OF = {Fit.IN: Status.IN_POSE, Fit.OUT: Status.OUT_OF_POSE, Fit.WRONG_SIDE: Status.WRONG_SIDE}


@dataclass(frozen=True)
class Settings:
    window: int = 5
    enter_frames: int = 5
    leave_frames: int = 8
    hint_frames: int = 10
    gone_seconds: float = 2.0


@dataclass(frozen=True)
class Reading:
    """The matcher's answer after a frame; `changed` when `status` is new with this frame."""

    status: Status
    side: str | None  # the side the person is working, when the position has sides
    hint: str | None
    changed: bool
    body: Landmarks | None  # the smoothed landmarks, to draw


@dataclass
class _Run:
    """How many frames in a row have said the same thing."""

    value: object = None
    count: int = 0

    def add(self, value: object) -> int:
        self.count = self.count + 1 if value == self.value else 1
        self.value = value
        return self.count


@dataclass
class Tracker:
    """Follows one target position (a timeline figure id); make a new one for a new cue."""

    figure: str
    rules: Rules = field(default_factory=load_rules)
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        self.target = Target.of(self.figure, self.rules)
        self.status = Status.UNKNOWN if self.target.checkable else Status.NOT_CHECKABLE
        self.side: str | None = None
        self.hint: str | None = None
        self._window = MedianWindow(self.settings.window)
        self._fits, self._hints = _Run(), _Run()
        self._seen_at: float | None = None

    def update(self, frame: Frame) -> Reading:
        body = self._window.add(frame.body) if frame.body is not None else None
        if frame.body is None:
            self._window.clear()
        before = self.status
        if self.status is not Status.NOT_CHECKABLE:
            self._follow(frame.t, judge(body, self.target, self.rules))
        return Reading(self.status, self.side, self.hint, self.status is not before, body)

    def _follow(self, t: float, seen: Judgement) -> None:
        if seen.fit is Fit.GONE:
            self._gone(t)
            return
        self._seen_at = t
        if seen.fit is Fit.UNKNOWN:  # the status stays; a hint to turn to the camera may come
            self._follow_hint(seen.hint)
            return
        wanted = STATUS_OF[seen.fit]
        run = self._fits.add(wanted)  # the side may waver while the status holds
        leaving = self.status is Status.IN_POSE
        need = self.settings.leave_frames if leaving else self.settings.enter_frames
        if wanted is not self.status and run >= need:
            self.status = wanted
        if wanted is self.status:
            self.side = seen.side
        self._follow_hint(seen.hint if self.status is not Status.WRONG_SIDE else None)

    def _follow_hint(self, hint: str | None) -> None:
        if self._hints.add(hint) >= self.settings.hint_frames:
            self.hint = hint

    def _gone(self, t: float) -> None:
        self._fits = _Run()
        if self._seen_at is None:
            self._seen_at = t
        lost = t - self._seen_at >= self.settings.gone_seconds
        if lost and self.status in (Status.IN_POSE, Status.WRONG_SIDE):
            self.status, self.side, self.hint = Status.OUT_OF_POSE, None, None

"""Between the matcher and the player engine: each frame goes to a tracker of the current
cue's position (a new one when the position changes), and what changes goes to the engine.

First comes the set-up: until the camera has seen the whole body for a moment, the coach says
how to place the camera (as the camera's note), and no position counts, so the first watched
hold waits for it; with the camera off, everything goes by time as before."""

from sciatica_coach.motion.landmarks import Frame, Landmarks
from sciatica_coach.motion.matcher import Reading, Status, Tracker
from sciatica_coach.motion.rules import Rules, load_rules
from sciatica_coach.session.engine import Engine, State

WATCHED_STATES = (State.RUNNING, State.PAUSED)
# The parts that make a whole body: each seen on at least one side, inside the picture.
WHOLE_BODY = (
    ("nose", "left_ear", "right_ear"),
    ("left_shoulder", "right_shoulder"),
    ("left_hip", "right_hip"),
    ("left_knee", "right_knee"),
    ("left_ankle", "right_ankle"),
)
SEEN_FRAMES = 10  # the whole body seen this many frames in a row (a third of a second)


def whole_body(body: Landmarks | None) -> bool:
    """Head, shoulders, hips, knees and ankles all seen inside the picture."""
    if body is None:
        return False
    return all(
        any(body[n].visible and 0 <= body[n].x <= 1 and 0 <= body[n].y <= 1 for n in names)
        for names in WHOLE_BODY
    )


def watch(engine: Engine, rules: Rules | None = None) -> None:
    """Turn the camera on for an engine: holds it can check wait for the position."""
    engine.watch = (rules or load_rules()).checkable


class Coach:
    def __init__(self, engine: Engine, rules: Rules | None = None, set_up: bool = True) -> None:
        self.engine = engine
        self.rules = rules or load_rules()
        self.tracker: Tracker | None = None
        self.ready = not set_up  # the set-up is done: the whole body was seen
        self._seen = 0
        watch(engine, self.rules)

    def feed(self, frame: Frame, now: float) -> Reading | None:
        """One frame, seen at engine time `now`; None when no cue shows a position."""
        self.engine.tick(now)  # the frame is for the cue of this moment
        if not self.ready:
            self._set_up(frame.body, now)
        cue = self.engine.cue
        if cue is None or cue.figure is None or self.engine.state not in WATCHED_STATES:
            self.tracker = None
            return None
        if self.tracker is None or self.tracker.figure != cue.figure:
            self.tracker = Tracker(cue.figure, self.rules)
        reading = self.tracker.update(frame)
        if reading.changed and self.ready:
            self._tell(reading.status, now)
        hint = reading.hint if self.ready else self.rules.view.setup
        if hint != self.engine.hint:
            self.engine.form_hint(hint)
        return reading

    def _set_up(self, body: Landmarks | None, now: float) -> None:
        self._seen = self._seen + 1 if whole_body(body) else 0
        if self._seen < SEEN_FRAMES:
            if self.engine.hint != self.rules.view.setup:
                self.engine.form_hint(self.rules.view.setup)
            return
        self.ready = True
        self.engine.form_hint(None)
        if self.tracker is not None and self.tracker.status is not Status.UNKNOWN:
            self._tell(self.tracker.status, now)  # what was seen during the set-up counts now

    def _tell(self, status: Status, now: float) -> None:
        if status is Status.IN_POSE:
            self.engine.in_pose(now)
        elif status is Status.OUT_OF_POSE:
            self.engine.out_of_pose(now)
        elif status is Status.WRONG_SIDE:
            self.engine.wrong_side(now)

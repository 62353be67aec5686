"""Between the matcher and the player engine: each frame goes to a tracker of the current
cue's position (a new one when the position changes), and what changes goes to the engine."""

from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.matcher import Reading, Status, Tracker
from sciatica_coach.motion.rules import Rules, load_rules
from sciatica_coach.session.engine import Engine, State

WATCHED_STATES = (State.RUNNING, State.PAUSED)


def watch(engine: Engine, rules: Rules | None = None) -> None:
    """Turn the camera on for an engine: holds it can check wait for the position."""
    engine.watch = (rules or load_rules()).checkable


class Coach:
    def __init__(self, engine: Engine, rules: Rules | None = None) -> None:
        self.engine = engine
        self.rules = rules or load_rules()
        self.tracker: Tracker | None = None
        watch(engine, self.rules)

    def feed(self, frame: Frame, now: float) -> Reading | None:
        """One frame, seen at engine time `now`; None when no cue shows a position."""
        self.engine.tick(now)  # the frame is for the cue of this moment
        cue = self.engine.cue
        if cue is None or cue.figure is None or self.engine.state not in WATCHED_STATES:
            self.tracker = None
            return None
        if self.tracker is None or self.tracker.figure != cue.figure:
            self.tracker = Tracker(cue.figure, self.rules)
        reading = self.tracker.update(frame)
        if reading.changed:
            self._tell(reading.status, now)
        if reading.hint != self.engine.hint:
            self.engine.form_hint(reading.hint)
        return reading

    def _tell(self, status: Status, now: float) -> None:
        if status is Status.IN_POSE:
            self.engine.in_pose(now)
        elif status is Status.OUT_OF_POSE:
            self.engine.out_of_pose(now)
        elif status is Status.WRONG_SIDE:
            self.engine.wrong_side(now)

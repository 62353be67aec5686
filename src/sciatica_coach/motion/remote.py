"""The motion coach for a remote player (the browser): it says which position to watch, then
sends pictures; each picture is answered with the landmarks, the status and the hint. The
pictures are only held in memory for the time of one estimate."""

from dataclasses import dataclass, field
from typing import Any

from sciatica_coach.figures import load_poses
from sciatica_coach.motion.coach import SEEN_FRAMES, whole_body
from sciatica_coach.motion.estimator import Estimator, Image
from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.matcher import Status, Tracker
from sciatica_coach.motion.rules import Rules, load_rules

SIDES = ("right", "left", "none")


def valid_figure(figure: object) -> bool:
    if not isinstance(figure, str):
        return False
    pose, _, side = figure.partition(":")
    return pose in load_poses() and side in SIDES


@dataclass
class RemoteCoach:
    """As the terminal's coach: first the set-up (until the whole body has been seen for a
    moment, every answer is "unknown" with the set-up's instruction as the hint, so the first
    watched hold waits), then the tracker's readings."""

    estimator: Estimator
    rules: Rules = field(default_factory=load_rules)
    tracker: Tracker | None = None
    set_up: bool = True
    _seen: int = 0

    @property
    def ready(self) -> bool:
        return not self.set_up or self._seen >= SEEN_FRAMES

    def hello(self) -> dict[str, Any]:
        """What the player needs first: the positions a side camera cannot check."""
        return {"unchecked": [u.pose for u in self.rules.unchecked]}

    def watch(self, figure: str | None) -> dict[str, Any]:
        """The position to watch now (a timeline figure id), or None between positions."""
        if figure is None:
            self.tracker = None
            return {"figure": None, "checkable": False}
        if not valid_figure(figure):
            return {"error": "figure: not a position of the catalog"}
        if self.tracker is None or self.tracker.figure != figure:
            self.tracker = Tracker(figure, self.rules)
        return {"figure": figure, "checkable": self.rules.checkable(figure)}

    def picture(self, rgb: "Image", t: float) -> dict[str, Any]:
        body = self.estimator.estimate(rgb)
        was_ready = self.ready
        if not was_ready:
            self._seen = self._seen + 1 if whole_body(body) else 0
        if self.tracker is None:
            return {"landmarks": body.to_json() if body else None, "status": None}
        reading = self.tracker.update(Frame(t, body))
        shown = reading.body or body
        hint: str | None
        if not self.ready:
            status, changed, side, hint = Status.UNKNOWN, False, None, self.rules.view.setup
        else:  # what the tracker saw during the set-up counts from now
            status, side, hint = reading.status, reading.side, reading.hint
            changed = reading.changed or (not was_ready and status is not Status.UNKNOWN)
        return {
            "landmarks": shown.to_json() if shown else None,
            "status": status.value,
            "changed": changed,
            "side": side,
            "hint": hint,
        }

    def close(self) -> None:
        self.estimator.close()

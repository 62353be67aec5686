"""The motion coach for a remote player (the browser): it says which position to watch, then
sends pictures; each picture is answered with the landmarks, the status and the hint. The
pictures are only held in memory for the time of one estimate."""

from dataclasses import dataclass, field
from typing import Any

from sciatica_coach.figures import load_poses
from sciatica_coach.motion.estimator import Estimator, Image
from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.matcher import Tracker
from sciatica_coach.motion.rules import Rules, load_rules

SIDES = ("right", "left", "none")


def valid_figure(figure: object) -> bool:
    if not isinstance(figure, str):
        return False
    pose, _, side = figure.partition(":")
    return pose in load_poses() and side in SIDES


@dataclass
class RemoteCoach:
    estimator: Estimator
    rules: Rules = field(default_factory=load_rules)
    tracker: Tracker | None = None

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
        if self.tracker is None:
            return {"landmarks": body.to_json() if body else None, "status": None}
        reading = self.tracker.update(Frame(t, body))
        shown = reading.body or body
        return {
            "landmarks": shown.to_json() if shown else None,
            "status": reading.status.value,
            "changed": reading.changed,
            "side": reading.side,
            "hint": reading.hint,
        }

    def close(self) -> None:
        self.estimator.close()

"""The motion coach: camera frames -> pose landmarks -> the pure matcher -> the engine's events.

Only `estimator` and `sources` touch MediaPipe or OpenCV, and only when called: importing this
package needs neither (they come with the optional `motion` extra)."""

from sciatica_coach.motion.landmarks import Frame, Landmark, Landmarks
from sciatica_coach.motion.matcher import Reading, Status, Tracker

__all__ = ["Frame", "Landmark", "Landmarks", "Reading", "Status", "Tracker"]

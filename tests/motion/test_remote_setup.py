"""The browser's motion coach has the same set-up as the terminal's: until the whole body
has been seen for a moment, every answer is "unknown" with the set-up's words, so the first
watched hold waits; then what was seen meanwhile counts at once."""

from typing import Any

from sciatica_coach.figures import load_poses
from sciatica_coach.motion.coach import SEEN_FRAMES
from sciatica_coach.motion.landmarks import Landmarks
from sciatica_coach.motion.remote import RemoteCoach
from sciatica_coach.motion.rules import load_rules
from sciatica_coach.motion.synthetic import pose_landmarks


class Shown:
    """An estimator that sees whatever body the test puts in front of it."""

    def __init__(self) -> None:
        self.body: Landmarks | None = None

    def estimate(self, rgb: Any) -> Landmarks | None:
        return self.body

    def close(self) -> None:
        pass


def test_the_first_answers_wait_for_the_whole_body_then_the_position_counts() -> None:
    seen = Shown()
    coach = RemoteCoach(seen)  # type: ignore[arg-type]
    coach.watch("lying-on-fists:none")
    setup = load_rules().view.setup
    nobody = [coach.picture(None, n / 30) for n in range(30)]
    assert {(r["status"], r["hint"], r["changed"]) for r in nobody} == {("unknown", setup, False)}
    seen.body = pose_landmarks(load_poses()["lying-on-fists"])
    answers = [coach.picture(None, 1 + n / 30) for n in range(SEEN_FRAMES + 5)]
    assert all(a["status"] == "unknown" and a["hint"] == setup for a in answers[: SEEN_FRAMES - 1])
    ready = answers[SEEN_FRAMES - 1 :]
    assert ready[0]["status"] == "in_pose" and ready[0]["changed"] is True  # counts at once
    assert [a["changed"] for a in ready[1:]] == [False] * (len(ready) - 1)
    assert all(a["hint"] != setup for a in ready)

"""A whole watched session driven by real people's landmarks: stills of a person out of the
position, then of one in it, spliced into one stream (the shared photographs beside the
clone)."""

from pathlib import Path

from sciatica_coach.motion.coach import Coach
from sciatica_coach.motion.landmarks import Frame, read_stream
from sciatica_coach.session.engine import Engine, State
from sciatica_coach.session.record import Completed
from tests.core.test_engine_motion import T0, first_hold, timeline
from tests.motion.streams import FPS

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "motion-real" / "streams"
OUT = "fedb_hamstring_stretch_1"  # lying on the back, one leg raised straight up
IN = "fedb_crunches_0"  # lying on the back, knees bent, feet flat: the knuckle massage's shape


def still(name: str) -> list[Frame]:
    with (REAL / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return list(read_stream(lines, name))


def spliced(parts: list[tuple[str, float]]) -> list[Frame]:
    """Each still's recorded frames looped for its seconds, one stream at 30 frames/s."""
    out: list[Frame] = []
    for name, seconds in parts:
        recorded = still(name)
        for i in range(int(seconds * FPS)):
            out.append(Frame(len(out) / FPS, recorded[i % len(recorded)].body))
    return out


def test_a_real_person_getting_into_position_starts_the_hold_within_a_second() -> None:
    engine = Engine(timeline("knuckle-massage"), T0)
    coach = Coach(engine)
    index, hold = first_hold(engine.timeline)
    in_position_at = hold.start + 20  # waits 20 s at the hold, lying the wrong way
    total = engine.timeline.total_seconds
    stream = spliced([(OUT, in_position_at), (IN, total + 30)])
    started: float | None = None
    for frame in stream:
        now = T0 + frame.t
        coach.feed(frame, now)
        view = engine.view(now)
        if started is None and view.index == index and not view.waiting:
            started = frame.t
        if engine.state is not State.RUNNING:
            break
    assert started is not None
    assert in_position_at <= started <= in_position_at + 1.0, started - in_position_at
    assert engine.state is State.ASKING_FEELING  # the whole session, to the last question
    assert Completed("knuckle-massage", None) in engine.completed

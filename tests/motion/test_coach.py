"""The coach between camera and engine: a whole watched hold, played on generated frames."""

from sciatica_coach.catalog import Side
from sciatica_coach.motion.coach import Coach
from sciatica_coach.motion.landmarks import Frame
from sciatica_coach.motion.synthetic import pose_landmarks
from sciatica_coach.session.engine import Engine
from tests.core.test_engine_motion import T0, first_hold, timeline
from tests.motion.streams import FPS, bend, dim, posed


def play(coach: Coach, pose_id: str, side: str, start: float, seconds: float) -> float:
    body = pose_landmarks(posed(pose_id, side))
    now = start
    for i in range(int(seconds * FPS)):
        now = start + i / FPS
        coach.feed(Frame(now, body), now)
        coach.engine.tick(now)
    return now


def at_first_hold(
    routine: str = "knee-to-the-opposite-shoulder",
) -> tuple[Engine, Coach, int, float, float]:
    """A watched session ticked to the start of its first hold: engine, coach, the hold's
    index, its seconds and its start time."""
    engine = Engine(timeline(routine), T0)
    coach = Coach(engine)
    index, hold = first_hold(engine.timeline)
    start = T0 + hold.start
    engine.tick(start)
    return engine, coach, index, hold.seconds, start


def test_the_hold_waits_for_the_position_and_runs_while_in_it() -> None:
    engine, coach, index, seconds, start = at_first_hold()
    now = play(coach, "lying-legs-long", "right", start, 5)  # still lying flat: waiting
    view = engine.view(now)
    assert view.waiting and view.remaining == seconds
    now = play(coach, "knee-to-opposite-shoulder", "right", now, seconds + 1)
    assert engine.index == index + 1  # held for its full time once in position


def test_the_wrong_side_is_named_where_the_geometry_tells_it() -> None:
    engine, coach, _, _, start = at_first_hold("sitting-spinal-stretch")
    now = play(coach, "seated-twist", "left", start, 1)
    assert engine.view(now).side_to_do is Side.RIGHT
    assert engine.view(now).waiting


def test_lying_the_side_is_not_guessed_and_the_hint_reaches_the_view() -> None:
    engine, coach, _, _, start = at_first_hold()
    now = play(coach, "knee-to-opposite-shoulder", "left", start, 1)
    assert engine.view(now).side_to_do is None  # a side view cannot tell the near leg
    assert not engine.view(now).waiting
    lifted = pose_landmarks(bend(posed("knee-to-opposite-shoulder"), "torso", 15))
    for i in range(30):
        coach.feed(Frame(now + i / FPS, lifted), now + i / FPS)
    view = engine.view(now + 1)
    assert view.side_to_do is None and view.hint == "Keep your back flat on the floor."
    assert not view.waiting


def test_a_cue_without_a_position_has_no_tracker() -> None:
    engine = Engine(timeline(), T0)
    coach = Coach(engine)
    engine.quit(T0)
    assert coach.feed(Frame(T0, None), T0) is None


SETUP = (
    "Put the camera at floor level, side-on to you, with your whole body in the picture and "
    "nobody else in it."
)


def test_the_set_up_comes_first_and_the_hold_waits_for_the_whole_body() -> None:
    engine = Engine(timeline(), T0)
    coach = Coach(engine)
    body = pose_landmarks(posed("knee-to-opposite-shoulder"))
    coach.feed(Frame(T0, None), T0)
    assert engine.view(T0).hint == SETUP  # said from the start, before any position
    index, hold = first_hold(engine.timeline)
    start = T0 + hold.start
    headless = dim(body, ["nose", "left_ear", "right_ear"])  # in position, the head unseen
    now = start
    for i in range(90):
        now = start + i / FPS
        coach.feed(Frame(now, headless), now)
    view = engine.view(now)
    assert view.waiting and view.remaining == hold.seconds  # the position does not count yet
    seen_at = now + 1 / FPS
    for i in range(30):
        now = seen_at + i / FPS
        coach.feed(Frame(now, body), now)
    view = engine.view(now)
    assert not view.waiting and view.hint is None
    started = now - (hold.seconds - view.remaining)
    assert started - seen_at <= 10 / FPS + 1e-9  # as soon as the whole body was seen
    assert engine.index == index


def test_with_the_camera_off_during_the_set_up_the_session_goes_by_time() -> None:
    engine = Engine(timeline(), T0)
    coach = Coach(engine)
    coach.feed(Frame(T0, None), T0)
    engine.unwatch(T0 + 1)
    assert engine.hint is None
    index, hold = first_hold(engine.timeline)
    engine.tick(T0 + hold.start + hold.seconds + 0.1)
    assert engine.index > index  # the hold ran on time

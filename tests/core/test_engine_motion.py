"""The engine with a camera: a watched hold runs only while the person is in position."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.catalog import Side, load_catalog
from sciatica_coach.plan.models import Plan, PlannedRoutine
from sciatica_coach.session.engine import OUT_OF_POSE_GRACE, Engine, State
from sciatica_coach.session.timeline import Cue, CueKind, Timeline, compile_timeline
from tests.examples import examples

T0 = 1000.0


def timeline(rid: str = "knee-to-the-opposite-shoulder") -> Timeline:
    r = load_catalog().get(rid)
    return compile_timeline(Plan(60, (PlannedRoutine(r, tuple(r.side_order), 30),)))


def watch_all(figure: str | None) -> bool:
    return figure is not None


def first_hold(tl: Timeline) -> tuple[int, Cue]:
    return next((i, c) for i, c in enumerate(tl.cues) if c.kind is CueKind.HOLD)


def at_hold(engine: Engine) -> tuple[float, Cue]:
    index, cue = first_hold(engine.timeline)
    start = T0 + cue.start
    engine.tick(start)
    assert engine.index == index
    return start, cue


def test_without_a_camera_nothing_changes() -> None:
    tl = timeline()
    plain, watched = Engine(tl, T0), Engine(tl, T0, watch=lambda _f: False)
    for engine in (plain, watched):
        start, cue = at_hold(engine)
        engine.out_of_pose(start + 1)
        engine.tick(start + cue.seconds)
        assert engine.index == first_hold(tl)[0] + 1
        assert not engine.view(start + cue.seconds).waiting


def test_a_watched_hold_waits_for_the_position_then_runs_its_full_time() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    start, cue = at_hold(engine)
    view = engine.view(start + 50)
    assert view.waiting and view.remaining == cue.seconds and view.state is State.RUNNING
    assert engine.seconds_to_deadline(start + 50) is None
    engine.in_pose(start + 50)
    assert not engine.view(start + 50).waiting
    engine.tick(start + 50 + cue.seconds - 0.01)
    assert engine.cue == cue
    engine.tick(start + 50 + cue.seconds)
    assert engine.cue != cue


def test_in_position_before_the_hold_starts_it_on_time() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    index, cue = first_hold(engine.timeline)
    engine.tick(T0 + cue.start - 1)  # the get-ready cue shows the same position
    assert engine.timeline.cues[engine.index].figure == cue.figure
    engine.in_pose(T0 + cue.start - 1)
    engine.tick(T0 + cue.end)
    assert engine.index == index + 1


def test_leaving_the_position_stops_the_hold_after_the_grace_period() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    start, cue = at_hold(engine)
    engine.in_pose(start)
    engine.out_of_pose(start + 5)
    left = cue.seconds - 5 - OUT_OF_POSE_GRACE
    assert engine.view(start + 5 + OUT_OF_POSE_GRACE).remaining == left
    assert engine.view(start + 20).remaining == left
    assert engine.view(start + 20).waiting
    engine.in_pose(start + 20)
    end = start + 20 + cue.seconds - 5 - OUT_OF_POSE_GRACE
    engine.tick(end - 0.01)
    assert engine.cue == cue
    engine.tick(end)
    assert engine.cue != cue


def test_a_short_slip_within_the_grace_period_costs_nothing() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    start, cue = at_hold(engine)
    engine.in_pose(start)
    engine.out_of_pose(start + 5)
    engine.in_pose(start + 5 + OUT_OF_POSE_GRACE / 2)
    engine.tick(start + cue.seconds)
    assert engine.cue != cue


def test_wrong_side_says_which_side_to_do_and_waits() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    start, cue = at_hold(engine)
    assert cue.side is Side.RIGHT
    engine.wrong_side(start)
    view = engine.view(start + 10)
    assert view.side_to_do is Side.RIGHT and view.waiting
    engine.in_pose(start + 10)
    assert engine.view(start + 10).side_to_do is None


def test_pause_while_out_of_position_does_not_count_twice() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    start, cue = at_hold(engine)
    engine.in_pose(start)
    engine.out_of_pose(start + 10)  # runs on to start + 12, then stops
    engine.pause(start + 15)
    engine.resume(start + 25)
    assert engine.view(start + 30).remaining == cue.seconds - 10 - OUT_OF_POSE_GRACE
    engine.in_pose(start + 30)
    assert engine.view(start + 31).remaining == cue.seconds - 11 - OUT_OF_POSE_GRACE


def test_a_new_position_forgets_the_last_one_and_the_hint() -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    engine.in_pose(T0)
    engine.form_hint("Keep your back flat on the floor.")
    assert engine.view(T0).hint is not None
    cues = engine.timeline.cues
    engine.tick(T0 + cues[1].start)
    assert cues[0].figure == cues[1].figure and engine.posed  # the same position goes on
    engine.tick(T0 + cues[2].start)  # the next step shows another position
    assert cues[1].figure != cues[2].figure
    assert not engine.posed and engine.view(T0 + cues[2].start).hint is None


EVENTS = ["in_pose", "out_of_pose", "wrong_side", "pause", "resume", "next", "back", "extend"]


@given(st.lists(st.tuples(st.sampled_from([*EVENTS, "tick"]), st.integers(0, 640)), max_size=50))
@settings(max_examples=examples(150), deadline=None)
def test_views_stay_in_range_and_a_waiting_hold_never_counts(
    events: list[tuple[str, int]],
) -> None:
    engine = Engine(timeline(), T0, watch=watch_all)
    now = T0
    for event, gap in events:
        now += gap / 64
        if event != "tick":
            getattr(engine, event)(now)
        view = engine.view(now)
        assert view.remaining >= 0 and 0 <= view.cue_progress <= 1
        if view.waiting and view.state is State.RUNNING:
            later = engine.view(now + 100)
            assert (later.index, later.remaining) == (view.index, view.remaining)

"""The player engine walked through whole sessions on a fake clock, in milliseconds."""

import random
from datetime import UTC, date, datetime

from sciatica_coach.catalog import Side, load_catalog
from sciatica_coach.plan.models import Plan, PlannedRoutine
from sciatica_coach.session import Completed, Feeling
from sciatica_coach.session.engine import EXTEND_SECONDS, Engine, State
from sciatica_coach.session.timeline import CueKind, Timeline, compile_timeline

T0 = 1000.0


def timeline(*ids: str, hold: int = 30) -> Timeline:
    routines = [load_catalog().get(rid) for rid in ids]
    return compile_timeline(
        Plan(60, tuple(PlannedRoutine(r, tuple(r.side_order), hold) for r in routines))
    )


def end_of_cues(tl: Timeline) -> float:
    return T0 + tl.cues[-1].start  # the check-in starts when every cue has played


def test_played_to_the_end_completes_every_technique_and_side() -> None:
    tl = timeline("knuckle-massage", "sitting-pigeon-pose")
    engine = Engine(tl, T0)
    engine.tick(end_of_cues(tl) - 0.001)
    assert engine.state is State.RUNNING
    engine.tick(end_of_cues(tl))
    assert engine.state is State.ASKING_FEELING
    engine.feel(Feeling.BETTER)
    record = engine.record(
        date(2026, 11, 24),
        datetime(2026, 11, 24, 8, tzinfo=UTC),
        datetime(2026, 11, 24, 8, 20, tzinfo=UTC),
    )
    assert record.completed == (
        Completed("knuckle-massage", None),
        Completed("sitting-pigeon-pose", Side.RIGHT),
        Completed("sitting-pigeon-pose", Side.LEFT),
    )
    assert record.finished and record.feeling is Feeling.BETTER and record.pain_stops == ()


def test_a_thousand_late_ticks_never_shift_the_end() -> None:
    tl = timeline(*load_catalog().ids)
    engine = Engine(tl, T0)
    rng = random.Random(5)
    now, seen = T0, []
    for _ in range(1000):
        now += rng.uniform(0.0, 2.0) * (tl.total_seconds / 1000)  # late and jittery ticks
        engine.tick(now)
        seen.append(engine.index)
    assert seen == sorted(seen)
    engine.tick(end_of_cues(tl) - 0.0001)
    assert engine.state is State.RUNNING and engine.deadline() == end_of_cues(tl)
    engine.tick(end_of_cues(tl))
    assert engine.state is State.ASKING_FEELING


def test_pause_shifts_the_rest_by_exactly_the_pause() -> None:
    tl = timeline("sitting-pigeon-pose")
    engine = Engine(tl, T0)
    engine.pause(T0 + 10)
    assert engine.view(T0 + 500).state is State.PAUSED
    remaining = engine.view(T0 + 500).remaining
    engine.resume(T0 + 70)
    assert engine.view(T0 + 70).remaining == remaining
    engine.tick(end_of_cues(tl) + 59.9)
    assert engine.state is State.RUNNING
    engine.tick(end_of_cues(tl) + 60)
    assert engine.state is State.ASKING_FEELING


def _to_first(engine: Engine, kind: CueKind) -> float:
    cue = next(c for c in engine.timeline.cues if c.kind is kind)
    now = T0 + cue.start
    engine.tick(now)
    assert engine.cue == cue
    return now


def test_next_finishes_a_hold_early_and_extend_adds_ten_seconds() -> None:
    tl = timeline("knee-to-the-opposite-shoulder")
    engine = Engine(tl, T0)
    now = _to_first(engine, CueKind.HOLD)
    engine.extend(now + 5)
    assert engine.view(now + 5).remaining == 30 - 5 + EXTEND_SECONDS
    engine.next(now + 6)
    assert engine.cue is not None and engine.cue.kind is CueKind.SWITCH_SIDE
    assert engine.view(now + 6).remaining == engine.cue.seconds
    assert engine.completed == [Completed("knee-to-the-opposite-shoulder", Side.RIGHT)]


def test_back_restarts_the_previous_cue() -> None:
    tl = timeline("knuckle-massage")
    engine = Engine(tl, T0)
    now = T0 + tl.cues[2].start + 1
    engine.tick(now)
    assert engine.index == 2
    engine.back(now)
    assert engine.index == 1 and engine.view(now).remaining == tl.cues[1].seconds
    engine.back(now + 1)
    engine.back(now + 2)
    assert engine.index == 0


def test_it_hurts_records_where_asks_how_bad_and_skips_the_technique() -> None:
    tl = timeline("sitting-pigeon-pose", "knee-to-the-opposite-shoulder")
    engine = Engine(tl, T0)
    now = _to_first(engine, CueKind.HOLD)
    engine.hurts(now + 3)
    assert engine.state is State.ASKING_PAIN
    engine.pain(7)
    assert engine.state is State.OFFER_AFTER_PAIN
    engine.skip_technique(now + 20)
    assert engine.cue is not None and engine.cue.routine_id == "knee-to-the-opposite-shoulder"
    assert engine.view(now + 20).remaining == engine.cue.seconds
    engine.quit(now + 25)
    engine.feel(Feeling.SAME)
    record = engine.record(
        date(2026, 11, 24), datetime(2026, 11, 24, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC)
    )
    (stop,) = record.pain_stops
    assert (stop.routine_id, stop.side, stop.step_index, stop.severity) == (
        "sitting-pigeon-pose",
        Side.RIGHT,
        4,
        7,
    )
    assert record.completed == () and not record.finished and record.feeling is Feeling.SAME


def test_hurts_then_end_goes_to_how_do_you_feel() -> None:
    engine = Engine(timeline("knuckle-massage"), T0)
    engine.hurts(T0 + 1)
    engine.pain(None)
    engine.end(T0 + 2)
    assert engine.state is State.ASKING_FEELING
    engine.feel(None)
    assert engine.state is State.FINISHED


def test_view_never_shows_a_negative_countdown() -> None:
    tl = timeline("tennis-ball-massage")
    engine = Engine(tl, T0)
    rng = random.Random(2)
    for _ in range(300):
        view = engine.view(T0 + rng.uniform(0, tl.total_seconds + 50))
        assert (
            view.remaining >= 0 and 0 <= view.cue_progress <= 1 and 0 <= view.session_progress <= 1
        )


def test_an_empty_timeline_is_finished() -> None:
    assert Engine(Timeline(), T0).state is State.FINISHED


def test_back_over_a_finished_side_does_not_count_it_twice() -> None:
    tl = timeline("knuckle-massage", "sitting-pigeon-pose")
    engine = Engine(tl, T0)
    second = next(i for i, c in enumerate(tl.cues) if c.routine_id == "sitting-pigeon-pose")
    now = T0 + tl.cues[second].start
    engine.tick(now)
    assert engine.completed == [Completed("knuckle-massage", None)]
    engine.back(now + 1)  # replay the knuckle massage's rest, then pass it again
    engine.tick(now + 1 + tl.cues[second - 1].seconds)
    assert engine.index == second
    assert engine.completed == [Completed("knuckle-massage", None)]


def test_it_hurts_while_paused_keeps_the_countdown_where_the_pause_froze_it() -> None:
    tl = timeline("knuckle-massage")
    engine = Engine(tl, T0)
    engine.pause(T0 + 2)
    frozen = engine.view(T0 + 2).remaining
    engine.hurts(T0 + 40)
    assert engine.state is State.ASKING_PAIN
    assert engine.view(T0 + 50).remaining == frozen


def test_extended_hold_bars_count_the_extra_seconds_and_stay_in_range() -> None:
    tl = timeline("tennis-ball-massage")
    engine = Engine(tl, T0)
    now = _to_first(engine, CueKind.HOLD)
    hold = engine.cue
    assert hold is not None and hold.seconds == 60
    for _ in range(10):
        engine.extend(now)
    view = engine.view(now)
    assert (view.remaining, view.cue_progress) == (160, 0.0)
    assert view.session_progress == hold.start / tl.total_seconds
    halfway = engine.view(now + 80)
    assert halfway.cue_progress == 0.5
    # The hold's own 60 s are past: the whole session's bar waits for the extra seconds
    assert halfway.session_progress == (hold.start + 60) / tl.total_seconds


def test_extending_a_hold_midway_never_moves_the_session_bar_back() -> None:
    tl = timeline("tennis-ball-massage")
    engine = Engine(tl, T0)
    now = _to_first(engine, CueKind.HOLD)
    before = engine.view(now + 40)
    engine.extend(now + 40)
    after = engine.view(now + 40)
    assert after.session_progress == before.session_progress
    assert after.remaining == before.remaining + 10
    assert engine.view(now + 41).session_progress > after.session_progress

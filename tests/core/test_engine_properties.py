"""Properties of the player engine under random events and late, jittery ticks."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.models import Plan, PlannedRoutine
from sciatica_coach.session.engine import EXTEND_SECONDS, Engine, State
from sciatica_coach.session.timeline import CueKind, Timeline, compile_timeline
from tests.examples import examples

T0 = 1000.0
EVENTS = ["tick", "pause", "resume", "next", "extend", "back", "hurts", "pain", "skip", "quit"]


def _timeline() -> Timeline:
    ids = ["knuckle-massage", "sitting-pigeon-pose", "knee-to-the-opposite-shoulder"]
    routines = [load_catalog().get(rid) for rid in ids]
    return compile_timeline(
        Plan(60, tuple(PlannedRoutine(r, tuple(r.side_order), 20) for r in routines))
    )


TIMELINE = _timeline()
# Dyadic fractions of a second: sums of them are exact in floating point, so "exact" means ==.
GAPS = st.integers(0, 64 * 40).map(lambda n: n / 64)
SHORT_GAPS = st.integers(0, 64 * 15).map(lambda n: n / 64)  # 12 of them end before the session


def _apply(engine: Engine, event: str, now: float) -> None:
    if event == "pain":
        engine.pain(int(now) % 11)
    elif event == "skip":
        engine.skip_technique(now)
    else:
        getattr(engine, event)(now)


@given(st.lists(st.tuples(st.sampled_from(EVENTS), GAPS), max_size=60))
def test_any_events_keep_the_view_sane_and_the_record_consistent(
    events: list[tuple[str, float]],
) -> None:
    engine, now, hurts = Engine(TIMELINE, T0), T0, 0
    for event, gap in events:
        now += gap
        before = engine.state
        _apply(engine, event, now)
        hurts += (
            event == "hurts"
            and engine.state is State.ASKING_PAIN
            and before is not State.ASKING_PAIN
        )
        view = engine.view(now)
        assert view.remaining >= 0
        assert 0 <= view.cue_progress <= 1 and 0 <= view.session_progress <= 1
        assert len(set(engine.completed)) == len(engine.completed)
        assert len(engine.pain_stops) == hurts
        assert all(s.severity is None or 0 <= s.severity <= 10 for s in engine.pain_stops)
        if view.cue is not None and view.state is State.RUNNING:
            assert view.remaining <= view.cue.seconds + engine.extended
    engine.quit(now)
    assert engine.state is State.ASKING_FEELING
    engine.feel(None)
    assert engine.state is State.FINISHED and engine.view(now).remaining == 0


@settings(max_examples=examples(60))
@given(
    st.lists(st.tuples(st.sampled_from(["pause", "extend"]), SHORT_GAPS, GAPS), max_size=12),
    st.integers(0, 2**32),
)
def test_pauses_and_extensions_move_the_end_by_exactly_their_sum(
    events: list[tuple[str, float, float]], seed: int
) -> None:
    """1,000 random-late ticks between the events change nothing: the end is exact."""
    engine, now, extra = Engine(TIMELINE, T0), T0, 0.0
    rng = random.Random(seed)

    def jitter_until(until: float) -> None:
        nonlocal now
        for moment in sorted(rng.uniform(now, until) for _ in range(1000 // (len(events) + 1))):
            engine.tick(moment)  # ticks at random, late moments
        now = until

    for event, gap, length in events:
        jitter_until(now + gap)
        engine.tick(now)
        assert engine.state is State.RUNNING
        if event == "pause":
            engine.pause(now)
            jitter_until(now + length)
            engine.resume(now)
            extra += length
        elif engine.cue is not None and engine.cue.kind is CueKind.HOLD:
            engine.extend(now)
            extra += EXTEND_SECONDS
    end = T0 + TIMELINE.cues[-1].start + extra
    engine.tick(end - 1 / 1024)
    assert engine.state is State.RUNNING
    engine.tick(end)
    assert engine.state is State.ASKING_FEELING and engine.finished_all

"""Properties of the planner over any valid profile: every technique is either planned or
left out with a reason, the plan fits the minutes, nothing unsafe is planned, massages come
first, and the time-fit leaves nothing out that would still have fitted."""

from datetime import UTC, datetime

from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_coach.catalog import Kind, Side, load_catalog
from sciatica_coach.plan.builder import NO_CHECK, build_plan, routine_seconds
from sciatica_coach.plan.models import PlannedRoutine
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.safety.cautions import ruling_for
from sciatica_coach.safety.profile import AffectedSide, Equipment, Profile
from sciatica_coach.session.timeline import planned_seconds

CATALOG = load_catalog()
CLEAR = ScreeningRecord(datetime(2026, 11, 1, tzinfo=UTC), Level.SELF_CARE)

# Conditions are mostly absent and minutes mostly short, so that the time fit is exercised
# with many techniques allowed (uniform draws would rule most of them out).
rarely = st.sampled_from([False, False, False, True])
profiles = st.builds(
    Profile,
    age=st.none() | st.integers(16, 120),
    pregnancy_weeks=st.none() | st.integers(0, 42),
    hip_replacement=rarely,
    osteoporosis=rarely,
    floor_difficulty=rarely,
    equipment=st.just(frozenset(Equipment)) | st.frozensets(st.sampled_from(list(Equipment))),
    minutes=st.integers(1, 25) | st.integers(1, 120),
    hold_seconds=st.integers(10, 30),
    side=st.none() | st.sampled_from(list(AffectedSide)),
)
# "Both legs" is a red flag that blocks the plan whatever the check said (tested below).
plannable = profiles.filter(lambda p: p.side is not AffectedSide.BOTH)


@given(plannable)
def test_every_technique_is_planned_or_left_out_with_a_reason(profile: Profile) -> None:
    plan = build_plan(CATALOG, profile, CLEAR)
    planned = [p.routine.id for p in plan.routines]
    left_out = [e.routine_id for e in plan.excluded]
    assert sorted(planned + left_out) == sorted(CATALOG.ids)
    assert all(e.reason for e in plan.excluded)
    assert plan.blocked is None and plan.minutes == profile.minutes


@given(plannable)
@example(  # found by Hypothesis: the test measured the routine without its painful-side cue
    Profile(minutes=11, hold_seconds=11, side=AffectedSide.LEFT,
            equipment=frozenset({Equipment.TENNIS_BALLS, Equipment.TOWEL}))
)  # fmt: skip
def test_the_plan_fits_the_minutes_and_nothing_left_out_for_time_would_fit(
    profile: Profile,
) -> None:
    plan = build_plan(CATALOG, profile, CLEAR)
    spare = profile.minutes * 60 - sum(planned_seconds(p) for p in plan.routines)
    assert spare >= 0
    for e in plan.excluded:
        if "minutes" in e.reason:
            routine = CATALOG.get(e.routine_id)
            assert ruling_for(routine, profile) is None
            # its length as planned: with a painful side, the timeline names it (a longer cue)
            painful = {AffectedSide.LEFT: Side.LEFT, AffectedSide.RIGHT: Side.RIGHT}.get(
                profile.side  # type: ignore[arg-type]
            )
            candidate = PlannedRoutine(
                routine,
                tuple(routine.side_order),
                profile.hold_seconds,
                painful_side=painful if len(routine.side_order) > 1 else None,
            )
            assert planned_seconds(candidate) > spare


@given(plannable)
def test_nothing_unsafe_is_planned_and_the_dose_is_the_persons(profile: Profile) -> None:
    plan = build_plan(CATALOG, profile, CLEAR)
    for p in plan.routines:
        assert ruling_for(p.routine, profile) is None
        assert p.hold_seconds == profile.hold_seconds
        assert p.sides == tuple(p.routine.side_order)  # right first, then left
    kinds = [p.routine.kind for p in plan.routines]
    assert kinds == sorted(kinds, key=lambda k: k is not Kind.MASSAGE)
    orders = [(p.routine.kind is not Kind.MASSAGE, p.routine.order) for p in plan.routines]
    assert orders == sorted(orders)


@given(profiles, st.sampled_from(list(Level)) | st.none())
def test_a_missing_or_blocking_check_blocks_everything(
    profile: Profile, level: Level | None
) -> None:
    screening = None if level is None else ScreeningRecord(CLEAR.taken_at, level)
    plan = build_plan(CATALOG, profile, screening)
    blocks = (
        level is None
        or level in (Level.EMERGENCY, Level.URGENT)
        or profile.side is AffectedSide.BOTH
    )
    assert (plan.blocked is not None) is blocks
    if blocks:
        assert plan.routines == () and plan.excluded == ()
    if level is None:
        assert plan.blocked == NO_CHECK


@given(st.sampled_from(CATALOG.routines), st.integers(10, 29))
def test_routine_seconds_is_the_timeline_length_and_follows_the_hold(routine, hold) -> None:  # type: ignore[no-untyped-def]
    seconds = routine_seconds(routine, hold)
    planned = PlannedRoutine(routine, tuple(routine.side_order), hold)
    assert seconds == planned_seconds(planned)
    standard_holds = sum(1 for s in routine.steps if s.kind.value == "hold" and s.seconds == 30)
    sides = len(routine.side_order)
    assert routine_seconds(routine, hold + 1) - seconds == standard_holds * sides

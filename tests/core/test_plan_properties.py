"""Properties of the planner over any valid profile: every technique is either planned or
left out with a reason, the plan fits the minutes, nothing unsafe is planned, massages come
first, and the time-fit leaves nothing out that would still have fitted."""

from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_coach.catalog import Kind, Side, load_catalog
from sciatica_coach.figures import load_poses
from sciatica_coach.figures.body import hip_movements
from sciatica_coach.plan.builder import build_plan, routine_seconds
from sciatica_coach.plan.models import PlannedRoutine
from sciatica_coach.safety.cautions import adapt, ruling_for
from sciatica_coach.safety.profile import AffectedSide, Equipment, Profile
from sciatica_coach.session.timeline import planned_seconds

CATALOG = load_catalog()
TODAY = date(2026, 11, 1)

# Conditions are mostly absent and minutes mostly short, so that the time fit is exercised
# with many techniques allowed (uniform draws would rule most of them out).
rarely = st.sampled_from([False, False, False, True])
profiles = st.builds(
    Profile,
    age=st.none() | st.integers(16, 120),
    due_date=st.none() | st.integers(-60, 300).map(lambda d: TODAY + timedelta(days=d)),
    hip_replacement=rarely,
    osteoporosis=rarely,
    floor_difficulty=rarely,
    equipment=st.just(frozenset(Equipment)) | st.frozensets(st.sampled_from(list(Equipment))),
    minutes=st.integers(1, 25) | st.integers(1, 120),
    hold_seconds=st.integers(10, 30),
    side=st.none() | st.sampled_from(list(AffectedSide)),
)
plannable = profiles


@given(plannable)
def test_every_technique_is_planned_or_left_out_with_a_reason(profile: Profile) -> None:
    plan = build_plan(CATALOG, profile, TODAY)
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
    plan = build_plan(CATALOG, profile, TODAY)
    spare = profile.minutes * 60 - sum(planned_seconds(p) for p in plan.routines)
    assert spare >= 0
    for e in plan.excluded:
        if "minutes" in e.reason:
            routine = CATALOG.get(e.routine_id)
            assert ruling_for(routine, profile, TODAY) is None
            # its length as planned: with a painful side, the timeline names it (a longer cue)
            painful = {AffectedSide.LEFT: Side.LEFT, AffectedSide.RIGHT: Side.RIGHT}.get(
                profile.side  # type: ignore[arg-type]
            )
            adapted = adapt(routine, profile, TODAY)  # as planned: a replaced rest, its note
            candidate = PlannedRoutine(
                adapted.routine,
                tuple(routine.side_order),
                profile.hold_seconds,
                note=adapted.note,
                painful_side=painful if len(routine.side_order) > 1 else None,
            )
            assert planned_seconds(candidate) > spare


@given(plannable)
def test_nothing_unsafe_is_planned_and_the_dose_is_the_persons(profile: Profile) -> None:
    plan = build_plan(CATALOG, profile, TODAY)
    for p in plan.routines:
        assert ruling_for(CATALOG.get(p.routine.id), profile, TODAY) is None
        assert p.hold_seconds == profile.hold_seconds
        assert p.sides == tuple(p.routine.side_order)  # right first, then left
    kinds = [p.routine.kind for p in plan.routines]
    assert kinds == sorted(kinds, key=lambda k: k is not Kind.MASSAGE)
    orders = [(p.routine.kind is not Kind.MASSAGE, p.routine.order) for p in plan.routines]
    assert orders == sorted(orders)


@given(profiles.map(lambda p: p.model_copy(update={"hip_replacement": True})))
def test_after_a_hip_replacement_no_planned_position_breaks_a_hip_precaution(
    profile: Profile,
) -> None:
    """From the positions' angles, rests included: no hip past 90 degrees, no leg across the
    midline, no leg turned inwards, on either side."""
    poses = load_poses()
    plan = build_plan(CATALOG, profile, TODAY)
    for p in plan.routines:
        for step in p.routine.steps:
            start = poses[step.pose].moves_from  # a step that moves passes through it
            for pose_id in [step.pose] + ([start] if start else []):
                for pose in (poses[pose_id], poses[pose_id].mirrored()):
                    assert hip_movements(pose) == set(), (p.routine.id, pose_id)


@given(st.sampled_from(CATALOG.routines), st.integers(10, 29))
def test_routine_seconds_is_the_timeline_length_and_follows_the_hold(routine, hold) -> None:  # type: ignore[no-untyped-def]
    seconds = routine_seconds(routine, hold)
    planned = PlannedRoutine(routine, tuple(routine.side_order), hold)
    assert seconds == planned_seconds(planned)
    standard_holds = sum(1 for s in routine.steps if s.kind.value == "hold" and s.seconds == 30)
    sides = len(routine.side_order)
    assert routine_seconds(routine, hold + 1) - seconds == standard_holds * sides

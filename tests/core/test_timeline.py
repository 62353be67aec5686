"""The timeline compiler: shape, order, sides, holds, and its properties."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.catalog import Side, load_catalog
from sciatica_coach.plan.models import Plan, PlannedRoutine
from sciatica_coach.session.timeline import Cue, CueKind, compile_timeline, planned_seconds


def planned(rid: str, hold: int = 30, note: str | None = None) -> PlannedRoutine:
    routine = load_catalog().get(rid)
    return PlannedRoutine(routine, tuple(routine.side_order), hold, note)


def full_plan(hold: int = 30) -> Plan:
    return Plan(60, tuple(planned(rid, hold) for rid in load_catalog().ids))


def test_a_one_sided_routine_goes_right_then_left_with_a_switch() -> None:
    cues = compile_timeline(Plan(10, (planned("sitting-pigeon-pose"),))).cues
    kinds = [c.kind for c in cues]
    assert kinds[0] is CueKind.SAY and "Sitting pigeon pose" in cues[0].text
    assert kinds.count(CueKind.SWITCH_SIDE) == 1 and kinds.count(CueKind.HOLD) == 2
    switch = kinds.index(CueKind.SWITCH_SIDE)
    assert {c.side for c in cues[1:switch]} == {Side.RIGHT}
    assert {c.side for c in cues[switch:-1]} == {Side.LEFT}
    assert (
        cues[switch + 2].text == "Bend your left leg and put its ankle on top of your right knee."
    )
    assert kinds[-1] is CueKind.CHECK_IN


def test_every_hold_has_a_get_ready_and_personal_hold_seconds() -> None:
    cues = compile_timeline(full_plan(hold=20)).cues
    for before, cue in pairwise(cues):
        if cue.kind is CueKind.HOLD:
            assert before.kind is CueKind.GET_READY and before.seconds == 5
    holds = {(c.routine_id, c.seconds, c.early_finish) for c in cues if c.kind is CueKind.HOLD}
    assert ("sitting-pigeon-pose", 20, True) in holds
    assert ("tennis-ball-massage", 60, True) in holds  # the massages' minute stays a minute
    rests = [c for c in cues if c.kind is CueKind.REST]
    assert [(c.routine_id, c.seconds, c.position) for c in rests] == [
        ("tennis-ball-massage", 120, "fetal position"),
        ("knuckle-massage", 120, "fetal position"),
    ]


def test_cues_carry_routine_side_step_and_figure() -> None:
    cue = next(
        c
        for c in compile_timeline(full_plan()).cues
        if c.kind is CueKind.HOLD and c.side is Side.LEFT
    )
    assert cue.routine_id == "reclining-pigeon-pose" and cue.step_index == 3
    assert cue.figure == "reclining-figure-four-pull:left"
    warned = [c for c in compile_timeline(full_plan()).cues if c.warning]
    assert warned and all(c.routine_id == "knee-to-the-opposite-shoulder" for c in warned)


def test_notes_and_blocked_plans() -> None:
    cues = compile_timeline(Plan(10, (planned("knuckle-massage", note="go gently"),))).cues
    assert "go gently" in cues[0].text
    assert compile_timeline(Plan(10, (planned("knuckle-massage"),), blocked="red flag")).cues == ()


def test_json_shape() -> None:
    doc = compile_timeline(full_plan()).to_json()
    assert doc["total_seconds"] == sum(c["seconds"] for c in doc["cues"])
    assert set(doc["cues"][0]) >= {
        "kind",
        "text",
        "seconds",
        "side",
        "routine_id",
        "step_index",
        "figure",
        "early_finish",
        "start",
    }
    with_figure = [c for c in doc["cues"] if c["figure"]]
    assert with_figure and all(len(c["figure_alt"]) > 20 for c in with_figure)
    rest = next(c for c in doc["cues"] if c["kind"] == "rest")
    assert rest["position"] == "fetal position" and rest["seconds"] == 120


@given(
    st.lists(st.sampled_from(load_catalog().ids), min_size=1, max_size=7, unique=True),
    st.integers(10, 30),
)
def test_properties(ids: list[str], hold: int) -> None:
    plan = Plan(60, tuple(planned(rid, hold) for rid in ids))
    timeline = compile_timeline(plan)
    cues = timeline.cues
    assert timeline.total_seconds == sum(c.seconds for c in cues)
    assert all(c.seconds > 0 for c in cues)
    assert [c.start for c in cues] == sorted(c.start for c in cues)
    assert all(a.end == b.start for a, b in pairwise(cues))
    assert [
        c.routine_id
        for c in cues
        if c.step_index == 0 and c.side in (None, Side.RIGHT) and c.kind is not CueKind.SWITCH_SIDE
    ] == ids
    assert (
        timeline.total_seconds == sum(planned_seconds(p) for p in plan.routines) + cues[-1].seconds
    )
    for before, cue in pairwise(cues):
        if cue.kind is CueKind.HOLD:
            assert before.kind is CueKind.GET_READY
            assert (before.routine_id, before.side, before.step_index) == (
                cue.routine_id,
                cue.side,
                cue.step_index,
            )
    for p in plan.routines:
        _check_sides_and_words(p, [c for c in cues if c.routine_id == p.routine.id], hold)


def _check_sides_and_words(p: PlannedRoutine, cues: list[Cue], hold: int) -> None:
    """Right, then left; each step's own words for its side; the hold rule."""
    sides = [c.side for c in cues]
    assert sides == sorted(sides, key=lambda side: side is Side.LEFT)
    assert set(sides) == set(p.sides)
    for cue in cues:
        if cue.step_index is None:
            continue
        step = p.routine.steps[cue.step_index]
        assert cue.figure == f"{step.pose}:{cue.side.value if cue.side else 'none'}"
        if cue.kind is not CueKind.GET_READY:
            assert cue.text == step.text_for(cue.side)
        if cue.kind is CueKind.HOLD:
            assert step.seconds is not None
            expected = min(step.seconds, hold) if step.seconds <= 30 else step.seconds
            assert (cue.seconds, cue.early_finish) == (expected, step.early_finish)


def test_the_painful_side_is_said_before_a_one_sided_technique() -> None:
    routine = load_catalog().get("knee-to-the-opposite-shoulder")
    plan = Plan(
        10, (PlannedRoutine(routine, tuple(routine.side_order), 30, painful_side=Side.LEFT),)
    )
    cues = compile_timeline(plan).cues
    assert "Your painful side is the left; we start on the right." in cues[0].text
    assert cues[1].side is Side.RIGHT  # the article's order stays


def test_a_hold_with_the_articles_warning_says_it_aloud_at_its_start() -> None:
    from sciatica_coach.session.timeline import Cue, CueKind

    warning = "Pull back a bit if you start feeling discomfort or pain."
    hold = Cue(CueKind.HOLD, "Hold for up to 30 seconds.", 30, warning=warning)
    assert hold.to_json()["speech"] == f"Hold for up to 30 seconds. {warning}"
    step = Cue(CueKind.SAY, "Slowly pull it towards your left shoulder.", 5, warning=warning)
    assert step.speech == step.text  # shown, but said at the hold that follows

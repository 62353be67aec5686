"""The check after each technique: in the engine (asked when a technique ends, the clock
waiting; skippable; hands-free it goes on by itself) and in the plan (worse, or further down
the leg, twice in a row: left out, with the reason)."""

from datetime import UTC, date, datetime, timedelta

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.builder import ADAPT, History, build_plan, check_streak
from sciatica_coach.safety.profile import Profile
from sciatica_coach.session import AfterCheck, Completed, PainChange, ReachChange, SessionRecord
from sciatica_coach.session.engine import CHECK_WAIT_SECONDS, Engine, State
from tests.core.test_engine import T0, timeline

DAY = date(2026, 11, 24)
AT = datetime(2026, 11, 24, 8, tzinfo=UTC)


def first_technique_end(tl) -> float:  # type: ignore[no-untyped-def]
    first = tl.cues[0].routine_id
    return T0 + next(c.start for c in tl.cues if c.routine_id != first)


def test_asked_when_a_technique_ends_with_the_clock_waiting() -> None:
    tl = timeline("palm-and-thumb-massage", "knuckle-massage")
    engine = Engine(tl, T0, ask_checks=True)
    end = first_technique_end(tl)
    engine.tick(end - 0.001)
    assert engine.state is State.RUNNING
    engine.tick(end + 5)  # a late tick: the check is asked as of the technique's end
    assert engine.state is State.ASKING_CHECK and engine.checking == "palm-and-thumb-massage"
    assert engine.view(end + 5).checking == "palm-and-thumb-massage"
    engine.answer_pain(PainChange.BETTER)
    engine.after_check(end + 12, reach=ReachChange.LESS)
    assert engine.state is State.RUNNING
    assert engine.deadline() == end + 12 + tl.cues[engine.index].seconds  # starts at the answer
    assert engine.checks == [
        AfterCheck("palm-and-thumb-massage", PainChange.BETTER, ReachChange.LESS)
    ]
    engine.tick(10**6)  # the knuckle massage ends: its check comes before the feeling
    assert engine.state is State.ASKING_CHECK and engine.checking == "knuckle-massage"
    engine.skip_check(10**6)
    assert engine.state is State.ASKING_FEELING
    record = engine.record(DAY, AT, AT)
    assert [c.routine_id for c in record.checks] == ["palm-and-thumb-massage"]


def test_next_past_the_last_step_asks_too_and_a_pain_stop_does_not() -> None:
    tl = timeline("palm-and-thumb-massage", "knuckle-massage")
    engine = Engine(tl, T0, ask_checks=True)
    now = T0
    while engine.state is State.RUNNING and engine.cue.routine_id == "palm-and-thumb-massage":  # type: ignore[union-attr]
        now += 0.1
        engine.next(now)
    assert engine.state is State.ASKING_CHECK
    engine.after_check(now, PainChange.SAME, None)
    engine.hurts(now + 1)
    engine.pain(5)
    engine.skip_technique(now + 2)  # the knuckle massage hurt: no check after it
    assert engine.state is State.ASKING_FEELING and engine.checking is None


def test_unanswered_it_goes_on_by_itself_keeping_what_was_answered() -> None:
    tl = timeline("palm-and-thumb-massage", "knuckle-massage")
    engine = Engine(tl, T0, ask_checks=True)
    end = first_technique_end(tl)
    engine.tick(end)
    engine.answer_pain(PainChange.WORSE)
    assert engine.seconds_to_deadline(end + 5) == CHECK_WAIT_SECONDS - 5
    engine.tick(end + CHECK_WAIT_SECONDS + 1)
    assert engine.state is State.RUNNING
    assert engine.checks == [AfterCheck("palm-and-thumb-massage", PainChange.WORSE, None)]
    assert engine.deadline() == end + CHECK_WAIT_SECONDS + tl.cues[engine.index].seconds


def test_without_checks_nothing_is_asked() -> None:
    tl = timeline("palm-and-thumb-massage", "knuckle-massage")
    engine = Engine(tl, T0)
    engine.tick(first_technique_end(tl) + 1)
    assert engine.state is State.RUNNING


def checked(n: int, rid: str, pain: PainChange | None, reach: ReachChange | None) -> SessionRecord:
    moment = AT + timedelta(days=n)
    checks = () if pain is None and reach is None else (AfterCheck(rid, pain, reach),)
    return SessionRecord(moment.date(), moment, moment, completed=(Completed(rid, None),),
                         checks=checks)  # fmt: skip


RID = "tennis-ball-massage"
PROFILE = Profile.from_data({"equipment": ["tennis-balls", "towel"], "minutes": 60})


def plan_ids(*sessions: SessionRecord) -> tuple[list[str], dict[str, str]]:
    plan = build_plan(load_catalog(), PROFILE, DAY, History(sessions))
    return [p.routine.id for p in plan.routines], {e.routine_id: e.reason for e in plan.excluded}


def test_further_down_twice_in_a_row_leaves_it_out_with_the_reason() -> None:
    further, worse = (None, ReachChange.FURTHER), (PainChange.WORSE, None)
    chosen, left = plan_ids(checked(1, RID, *further), checked(2, RID, *worse))
    assert RID not in chosen
    assert left[RID] == ADAPT["check"]["reason"]
    assert "further down your leg" in left[RID]


def test_once_or_broken_by_a_good_check_keeps_it() -> None:
    further = (None, ReachChange.FURTHER)
    assert RID in plan_ids(checked(1, RID, *further))[0]
    good = (PainChange.BETTER, ReachChange.LESS)
    assert RID in plan_ids(checked(1, RID, *further), checked(2, RID, *good),
                           checked(3, RID, *further))[0]  # fmt: skip


def test_a_skipped_check_neither_counts_nor_breaks_the_run() -> None:
    further = (None, ReachChange.FURTHER)
    sessions = [checked(1, RID, *further), checked(2, RID, None, None), checked(3, RID, *further)]
    assert check_streak(RID, sessions) == 2
    assert RID not in plan_ids(*sessions)[0]

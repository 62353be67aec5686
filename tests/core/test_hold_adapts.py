"""The plan adapts both ways: a pain stop shortens a technique's holds next time, sessions
without pain grow them back gently, never above the person's setting or the article's 30 s;
the reason is shown; no repetitions are added."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.builder import ADAPT, History, adapted_hold, build_plan
from sciatica_coach.safety.profile import Profile
from sciatica_coach.session import AfterCheck, Completed, PainStop, ReachChange, SessionRecord

TODAY = date(2026, 11, 24)
RID = "knee-to-the-opposite-shoulder"  # holds "for up to 30 seconds"
ROUTINE = load_catalog().get(RID)
RULE = ADAPT["hold"]


def s(n: int, kind: str = "done") -> SessionRecord:
    moment = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=n)
    done = (Completed(RID, None),) if kind != "stop" else ()
    stops = (PainStop(RID, None, 3, 5),) if kind == "stop" else ()
    checks = (AfterCheck(RID, None, ReachChange.FURTHER),) if kind == "further" else ()
    return SessionRecord(moment.date(), moment, moment, done, stops, checks=checks)


def test_a_pain_stop_shortens_the_holds_with_the_reason() -> None:
    hold = adapted_hold(ROUTINE, [s(1), s(2, "stop")], 30)
    assert hold.seconds == 30 - RULE["step_seconds"]
    assert hold.note is not None and "it hurt here, so shorter holds" in hold.note
    assert adapted_hold(ROUTINE, [s(1, "stop"), s(2, "stop"), s(3, "stop"), s(4, "stop"),
                                  s(5, "stop")], 30).seconds == RULE["min_seconds"]  # fmt: skip


def test_sessions_without_pain_grow_them_back_gently_up_to_the_setting() -> None:
    history = [s(1, "stop")]
    assert adapted_hold(ROUTINE, history, 30).seconds == 25
    history.append(s(2))
    assert adapted_hold(ROUTINE, history, 30).seconds == 25  # one is not enough
    history.append(s(3))
    grown = adapted_hold(ROUTINE, history, 30)
    assert (
        grown.seconds == 30
        and grown.note == "Holds of 30 s today, up from 25 s: 2 sessions without pain."
    )
    history += [s(4), s(5), s(6)]
    assert adapted_hold(ROUTINE, history, 30) == adapted_hold(ROUTINE, [], 30)  # no note: as set


def test_never_above_the_persons_setting() -> None:
    assert adapted_hold(ROUTINE, [s(n) for n in range(10)], 20).seconds == 20
    assert adapted_hold(ROUTINE, [s(1, "stop"), s(2), s(3)], 20).seconds == 20


def test_worse_or_further_down_is_not_a_session_without_pain() -> None:
    held = adapted_hold(ROUTINE, [s(1, "stop"), s(2), s(3, "further"), s(4)], 30)
    assert held.seconds == 25


def test_the_massages_minute_is_not_adapted() -> None:
    massage = load_catalog().get("knuckle-massage")
    assert adapted_hold(massage, [s(1, "stop")], 30).note is None


def test_the_plan_carries_the_hold_and_says_why_and_adds_no_repetitions() -> None:
    profile = Profile.from_data({"equipment": ["tennis-balls", "towel"], "minutes": 60})
    plan = build_plan(load_catalog(), profile, TODAY, History([s(1), s(2, "stop")]))
    planned = {p.routine.id: p for p in plan.routines}[RID]
    assert planned.hold_seconds == 25 and "shorter holds" in (planned.note or "")
    assert planned.sides == tuple(ROUTINE.side_order)  # the same sides, steps, no more reps
    untouched = {p.routine.id: p for p in plan.routines}["sitting-pigeon-pose"]
    assert untouched.hold_seconds == 30


@given(
    st.lists(st.sampled_from(["done", "stop", "further", "other"]), max_size=20),
    st.integers(10, 30),
)
def test_the_hold_always_stays_within_the_article_and_the_setting(
    kinds: list[str], setting: int
) -> None:
    history = [s(n, k) if k != "other" else s(n, "none") for n, k in enumerate(kinds)]
    seconds = adapted_hold(ROUTINE, history, setting).seconds
    assert RULE["min_seconds"] <= seconds <= min(setting, 30)

"""A doctor's all-clear on a real SQLite file: blocked -> cleared -> a new flag blocks again."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.services.plan import todays_plan
from sciatica_coach.services.screening import clear, screen
from sciatica_coach.store import Store, open_store

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
TODAY = date(2026, 11, 2)


@pytest.fixture
def store(sqlite_url: str) -> Store:
    return open_store(sqlite_url)


def test_blocked_then_cleared_then_a_new_flag_blocks_again(store: Store) -> None:
    user = store.local_user_id()
    screen(store, user, {"cancer_history": True, "night_pain": True}, NOW)
    assert todays_plan(store, user, TODAY).blocked_reason == "red_flag"
    done = clear(store, user, "Dr Lee: fine to exercise", NOW)
    assert done.to_json() == {
        "day": "2026-11-02",
        "covers": ["night_pain", "cancer_history"],
        "note": "Dr Lee: fine to exercise",
    }
    assert todays_plan(store, user, TODAY).blocked is None
    later = NOW + timedelta(days=7)
    screen(store, user, {"cancer_history": True}, later)  # a lasting fact: still covered
    assert todays_plan(store, user, later.date()).blocked is None
    screen(store, user, {"cancer_history": True, "night_pain": True}, later)  # symptom back
    plan = todays_plan(store, user, later.date())
    assert plan.blocked_reason == "red_flag" and "worse at night" in (plan.blocked or "")


def test_nothing_to_clear_is_bad_input_and_writes_nothing(store: Store) -> None:
    user = store.local_user_id()
    with pytest.raises(InvalidInput, match="nothing"):
        clear(store, user, None, NOW)
    screen(store, user, {}, NOW)
    with pytest.raises(InvalidInput, match="nothing"):
        clear(store, user, None, NOW)
    assert store.clearances(user) == []


def test_one_person_cannot_clear_another_persons_check(store: Store) -> None:
    from sciatica_coach.safety import Clearance
    from sciatica_coach.store.tables import User

    user = store.local_user_id()
    screen(store, user, {"fever": True}, NOW)
    with store.transaction() as s:
        other = User(username="other", role="patient", created_at=NOW)
        s.add(other)
        s.flush()
        other_id = other.id
    theirs = store.latest_screening(user)
    assert theirs is not None and theirs.id is not None
    with pytest.raises(InvalidInput):
        store.save_clearance(other_id, Clearance(NOW, theirs.id, ("fever",)))
    assert todays_plan(store, user, TODAY).blocked_reason == "red_flag"

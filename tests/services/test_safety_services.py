"""The safety services on a real SQLite file: changing the profile, screening, today's plan."""

from datetime import UTC, date, datetime

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety import Level
from sciatica_coach.services.plan import todays_plan
from sciatica_coach.services.profile import change_profile
from sciatica_coach.services.screening import screen
from sciatica_coach.store import Store, open_store

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def store(sqlite_url: str) -> Store:
    return open_store(sqlite_url)


def test_a_bad_change_among_good_ones_writes_nothing(store: Store) -> None:
    user = store.local_user_id()
    change_profile(store, user, {"minutes": 15}, NOW)
    with pytest.raises(InvalidInput, match=r"^hold_seconds: 5"):
        change_profile(store, user, {"side": "both", "minutes": 30, "hold_seconds": 5}, NOW)
    assert store.load_profile(user)["minutes"] == 15  # type: ignore[index]
    assert store.latest_screening(user) is None


def test_both_legs_is_screened_once_and_blocks_the_plan(store: Store) -> None:
    user = store.local_user_id()
    screen(store, user, {}, NOW)
    change = change_profile(store, user, {"side": "both"}, NOW)
    assert change.red_flag is not None and change.red_flag.level is Level.EMERGENCY
    plan = todays_plan(store, user, date(2026, 11, 2))
    assert plan.blocked_reason == "red_flag" and "both legs" in (plan.blocked or "")
    assert change_profile(store, user, {"minutes": 10}, NOW).red_flag is None  # still both


def test_a_clear_check_does_not_unblock_a_profile_that_says_both_legs(store: Store) -> None:
    user = store.local_user_id()
    change_profile(store, user, {"side": "both"}, NOW)
    screen(store, user, {}, NOW)  # a later check with every answer "no"
    plan = todays_plan(store, user, date(2026, 11, 2))
    assert plan.blocked_reason == "both_legs" and "both legs" in (plan.blocked or "")
    change_profile(store, user, {"side": "right"}, NOW)  # the side changed: the block ends
    assert todays_plan(store, user, date(2026, 11, 2)).blocked is None


def test_a_failed_profile_save_still_leaves_the_red_flag_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = store.local_user_id()
    screen(store, user, {}, NOW)

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store, "save_profile", fail)
    with pytest.raises(OSError):
        change_profile(store, user, {"side": "both"}, NOW)
    latest = store.latest_screening(user)
    assert latest is not None and latest.level is Level.EMERGENCY
    assert todays_plan(store, user, date(2026, 11, 2)).blocked is not None


def test_todays_plan_uses_the_profile_and_the_latest_check(store: Store) -> None:
    user = store.local_user_id()
    screen(store, user, {"not_coping": True}, NOW)  # advice to see a GP, not a block
    change_profile(store, user, {"osteoporosis": True, "minutes": 30}, NOW)
    plan = todays_plan(store, user, date(2026, 11, 2))
    assert plan.blocked is None and plan.minutes == 30
    assert {e.routine_id for e in plan.excluded} >= {
        "sitting-pigeon-pose",
        "sitting-spinal-stretch",
    }
    assert todays_plan(store, user, date(2026, 11, 2), minutes=3).minutes == 3

"""Clinicians and patients: one-time codes, links, revocation, and the dashboard's order."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.services.clinic import dashboard
from sciatica_coach.store import Store, open_store
from sciatica_coach.store.accounts import create_user
from sciatica_coach.store.care import (
    accept_link_code,
    add_link_code,
    clinicians_of,
    is_linked,
    patients_of,
    revoke,
)

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)


def user(store: Store, name: str, role: str = "patient") -> int:
    return create_user(store, name, "hash", NOW, role).id


def test_a_code_links_once_and_revoking_ends_access_at_once(store: Store) -> None:
    ann, doc = user(store, "ann"), user(store, "doc", "clinician")
    add_link_code(store, ann, "h1", NOW)
    assert accept_link_code(store, doc, "h1", NOW + timedelta(hours=1)) == ann
    assert is_linked(store, doc, ann)
    assert [c.username for c in clinicians_of(store, ann)] == ["doc"]
    assert [p.username for p in patients_of(store, doc)] == ["ann"]
    with pytest.raises(InvalidInput, match=r"^code: "):
        accept_link_code(store, doc, "h1", NOW)  # used already
    assert revoke(store, ann, doc) is True
    assert not is_linked(store, doc, ann) and patients_of(store, doc) == []
    assert revoke(store, ann, doc) is False


def test_expired_unknown_and_own_codes_are_refused(store: Store) -> None:
    ann, doc = user(store, "ann"), user(store, "doc", "clinician")
    add_link_code(store, ann, "old", NOW)
    with pytest.raises(InvalidInput):
        accept_link_code(store, doc, "old", NOW + timedelta(hours=24, seconds=1))
    with pytest.raises(InvalidInput):
        accept_link_code(store, doc, "never", NOW)
    add_link_code(store, ann, "mine", NOW)
    with pytest.raises(InvalidInput):
        accept_link_code(store, ann, "mine", NOW)
    assert not is_linked(store, doc, ann) and not is_linked(store, ann, ann)


def test_dashboard_orders_patients_by_who_needs_attention(store: Store) -> None:
    doc = user(store, "doc", "clinician")
    start = date(2026, 10, 1)
    plans = {"calm": (6, 3), "worse": (4, 7), "flat": (5, 5), "flag": (6, 3), "quiet": None}
    for n, (name, scores) in enumerate(plans.items()):
        uid = user(store, name)
        add_link_code(store, uid, f"c{n}", NOW)
        accept_link_code(store, doc, f"c{n}", NOW)
        if scores:
            store.import_entries(
                uid,
                [
                    DiaryEntry(start + timedelta(d), scores[0] if d < 7 else scores[1], 0)
                    for d in range(35)
                ],
            )
        if name == "flag":
            store.save_screening(uid, ScreeningRecord(NOW, Level.URGENT, {"fever": True}))
    user(store, "stranger")
    rows = dashboard(store, doc, start + timedelta(34))
    assert [r.username for r in rows] == ["flag", "worse", "flat", "calm", "quiet"]
    assert [r.reason for r in rows][:3] == [
        "red flag in the latest check",
        "see a doctor soon",
        "see the doctor",
    ]
    assert rows[3].reason == "low adherence"  # no sessions at all
    assert rows[-1].assessment is None and rows[-1].last_activity is None
    assert rows[-1].reason == "no diary entries yet"

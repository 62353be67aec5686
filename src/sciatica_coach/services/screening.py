"""Running a screening, recording a doctor's all-clear, and today's safety block."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety.profile import Profile
from sciatica_coach.safety.record import Clearance, ScreeningRecord
from sciatica_coach.safety.screening import Triage, load_questions, triage
from sciatica_coach.safety.status import Block, SafetyFacts, block_for, coverable
from sciatica_coach.store import Store

# How far before the latest check the diary is read, to know whether weakness logged after it
# is new (the entry before it had none).
DIARY_LOOKBACK_DAYS = 90

NOTHING_TO_CLEAR = "your latest red-flag check has no warning signs left to clear"


def _profile(store: Store, user_id: int) -> Profile:
    return Profile.from_data(store.load_profile(user_id))


def screen(store: Store, user_id: int, answers: Mapping[str, Any], now: datetime) -> Triage:
    """Triage the answers (bad input raises before anything is stored), then store them."""
    bank = load_questions()
    result = triage(answers, bank, _profile(store, user_id).country)
    record = ScreeningRecord(now, result.level, dict(answers), question_set=bank.question_set)
    store.save_screening(user_id, record)
    return result


def safety_facts(store: Store, user_id: int) -> SafetyFacts:
    screening = store.latest_screening(user_id)
    if screening is None:
        return SafetyFacts(None)
    since = screening.taken_at.date() - timedelta(days=DIARY_LOOKBACK_DAYS)
    return SafetyFacts(
        screening,
        store.clearances(user_id),
        store.entries(user_id, start=since),
    )


def todays_block(store: Store, user_id: int, today: date) -> Block | None:
    return block_for(_profile(store, user_id), safety_facts(store, user_id), today)


@dataclass(frozen=True)
class Cleared:
    clearance: Clearance
    day: date

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "covers": list(self.clearance.covers),
            "note": self.clearance.note,
        }


def clear(store: Store, user_id: int, note: str | None, now: datetime) -> Cleared:
    """A doctor's all-clear for the latest check's uncovered warning signs; InvalidInput
    when there is nothing to cover (nothing is written)."""
    note = (note or "").strip() or None
    if note is not None and len(note) > 500:
        raise InvalidInput("note", f"{len(note)} characters", "at most 500 characters")
    screening = store.latest_screening(user_id)
    covers = coverable(screening, store.clearances(user_id))
    if screening is None or screening.id is None or not covers:
        raise InvalidInput("clearance", "nothing to clear", NOTHING_TO_CLEAR)
    saved = store.save_clearance(user_id, Clearance(now, screening.id, covers, note))
    return Cleared(saved, now.astimezone().date())

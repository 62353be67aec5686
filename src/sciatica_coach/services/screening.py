"""Running a screening for one person and storing its result."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sciatica_coach.safety.record import ScreeningRecord
from sciatica_coach.safety.screening import Triage, triage
from sciatica_coach.store import Store


def screen(store: Store, user_id: int, answers: Mapping[str, Any], now: datetime) -> Triage:
    """Triage the answers (bad input raises before anything is stored), then store them."""
    result = triage(answers)
    store.save_screening(user_id, ScreeningRecord(now, result.level, dict(answers)))
    return result

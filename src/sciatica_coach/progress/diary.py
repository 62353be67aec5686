"""Pure helpers over diary entries shared by the front ends."""

from collections.abc import Sequence
from typing import Any

from sciatica_coach.progress.models import DiaryEntry


def entry_document(entry: DiaryEntry) -> dict[str, Any]:
    """The JSON shape of one entry (CLI and web API alike)."""
    return {
        "id": entry.id,
        "date": entry.day.isoformat(),
        "leg_pain": entry.leg_pain,
        "back_pain": entry.back_pain,
        "tingling": entry.tingling,
        "numbness": entry.numbness,
        "weakness": entry.weakness,
        "note": entry.note,
        "reaches": entry.reaches.value if entry.reaches else None,
    }


def is_new_weakness(entry: DiaryEntry, earlier: Sequence[DiaryEntry]) -> bool:
    """Weakness today that no earlier entry reported: a possible red flag."""
    before = [e for e in earlier if e.day < entry.day]
    return entry.weakness and not any(e.weakness for e in before)

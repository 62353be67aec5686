"""Diary analysis: baseline, trend, adherence and the four-week verdict."""

from sciatica_coach.progress.models import (
    DiaryEntry,
    InvalidEntry,
    Reach,
    check_not_future,
    read_entry,
)

__all__ = ["DiaryEntry", "InvalidEntry", "Reach", "check_not_future", "read_entry"]

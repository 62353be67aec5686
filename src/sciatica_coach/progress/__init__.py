"""Diary analysis: baseline, trend, adherence and the four-week verdict."""

from sciatica_coach.progress.models import DiaryEntry, Reach, check_not_future

__all__ = ["DiaryEntry", "Reach", "check_not_future"]

"""Dates as people read them on pages: one format, "1 Dec 2026" (ISO only in files and the API)."""

from datetime import date


def for_people(day: date) -> str:
    """`1 Dec 2026` (a datetime gives its date)."""
    return f"{day.day} {day:%b %Y}"

"""Guided sessions: the timeline compiler and the player engine."""

from sciatica_coach.session.record import (
    AfterCheck,
    Completed,
    Feeling,
    PainChange,
    PainStop,
    ReachChange,
    SessionRecord,
)

__all__ = [
    "AfterCheck",
    "Completed",
    "Feeling",
    "PainChange",
    "PainStop",
    "ReachChange",
    "SessionRecord",
]

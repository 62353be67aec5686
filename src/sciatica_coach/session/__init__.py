"""Guided sessions: the timeline compiler and the player engine."""

from sciatica_coach.session.record import Completed, Feeling, PainStop, SessionRecord

__all__ = ["Completed", "Feeling", "PainStop", "SessionRecord"]

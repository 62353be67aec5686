"""Red-flag screening and personal cautions."""

from sciatica_coach.safety.record import Level, ScreeningRecord

__all__ = ["Level", "ScreeningRecord"]

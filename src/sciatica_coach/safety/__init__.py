"""Red-flag screening and personal cautions."""

from sciatica_coach.safety.record import Clearance, Level, ScreeningRecord

__all__ = ["Clearance", "Level", "ScreeningRecord"]

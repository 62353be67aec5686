"""The personal plan: which techniques today, in what order and dose, and what was left out."""

from sciatica_coach.plan.models import Exclusion, Plan, PlannedRoutine

__all__ = ["Exclusion", "Plan", "PlannedRoutine"]

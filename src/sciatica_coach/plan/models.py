"""Today's personal plan: the shared shape that the planner produces and the timeline,
the CLI and the web app consume."""

from dataclasses import dataclass, field

from sciatica_coach.session.planned import PlannedRoutine

__all__ = ["Exclusion", "Plan", "PlannedRoutine"]


@dataclass(frozen=True)
class Exclusion:
    routine_id: str
    reason: str  # shown to the user as it is
    source: str | None = None  # the named guidance behind the rule


@dataclass(frozen=True)
class Plan:
    minutes: int
    routines: tuple[PlannedRoutine, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    blocked: str | None = None  # the sentence a person reads: why no programme today
    blocked_reason: str | None = None  # its key (safety/status.py BlockReason)
    next_step: str | None = None  # what to do about the block
    notices: tuple[str, ...] = field(default=())  # what to update in the profile

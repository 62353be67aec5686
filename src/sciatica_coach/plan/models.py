"""Today's personal plan: the shared shape that the planner produces and the timeline,
the CLI and the web app consume."""

from dataclasses import dataclass, field

from sciatica_coach.catalog import Routine, Side


@dataclass(frozen=True)
class PlannedRoutine:
    routine: Routine
    sides: tuple[Side | None, ...]  # (RIGHT, LEFT) for each side, (None,) for once
    hold_seconds: int  # applied to the routine's hold steps (never above the catalog's)
    note: str | None = None  # e.g. "go gently, pull back earlier" after a pain stop
    painful_side: Side | None = None  # said before one-sided techniques, when known


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

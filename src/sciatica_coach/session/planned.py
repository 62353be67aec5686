"""What the timeline plays: one routine of today's plan, with its sides and hold time. The
planner (plan/) makes these; the session package only reads them, so it never imports the
planner."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sciatica_coach.catalog import Routine, Side


@dataclass(frozen=True)
class PlannedRoutine:
    routine: Routine
    sides: tuple[Side | None, ...]  # (RIGHT, LEFT) for each side, (None,) for once
    hold_seconds: int  # applied to the routine's hold steps (never above the catalog's)
    note: str | None = None  # e.g. "go gently, pull back earlier" after a pain stop
    painful_side: Side | None = None  # said before one-sided techniques, when known


class Playable(Protocol):
    """A plan as the timeline sees it: a block, or routines to play."""

    @property
    def blocked(self) -> str | None: ...

    @property
    def routines(self) -> Sequence[PlannedRoutine]: ...

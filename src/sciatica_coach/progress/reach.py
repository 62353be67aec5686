"""How far down the leg the pain reaches, first week against the latest: information shown
beside the four-week verdict, which it does not change."""

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from typing import Any

from sciatica_coach.progress.models import LoggedDay, Reach
from sciatica_coach.progress.verdict import WINDOW_DAYS

ORDER = list(Reach)  # nearest the back first
TEXT: dict[str, Any] = tomllib.loads(
    (resources.files("sciatica_coach.progress") / "reach.toml").read_text(encoding="utf-8")
)
WORDS = {reach: TEXT["words"][reach.value] for reach in Reach}


class Direction(StrEnum):
    TOWARDS_BACK = "towards_back"
    DOWN_THE_LEG = "down_the_leg"
    SAME = "same"


@dataclass(frozen=True)
class ReachTrend:
    first: Reach
    latest: Reach
    direction: Direction
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "first": self.first.value,
            "latest": self.latest.value,
            "direction": self.direction.value,
            "message": self.message,
        }


def _furthest(entries: Sequence[LoggedDay]) -> Reach | None:
    reaches = [e.reaches for e in entries if e.reaches is not None]
    return max(reaches, key=ORDER.index) if reaches else None


def reach_trend(entries: Sequence[LoggedDay], as_of: date) -> ReachTrend | None:
    """The furthest reach of the first week with a recorded reach against that of the last
    week with one; None until two different weeks have one."""
    recorded = sorted((e for e in entries if e.reaches and e.day <= as_of), key=lambda e: e.day)
    if not recorded:
        return None
    span = timedelta(days=WINDOW_DAYS - 1)
    first_week = [e for e in recorded if e.day <= recorded[0].day + span]
    last_week = [e for e in recorded if e.day >= recorded[-1].day - span]
    if recorded[-1].day <= recorded[0].day + span:
        return None  # one week of data: nothing to compare yet
    first, latest = _furthest(first_week), _furthest(last_week)
    assert first is not None and latest is not None
    step = ORDER.index(latest) - ORDER.index(first)
    now, then = WORDS[latest], WORDS[first]
    if step == 0:
        return ReachTrend(first, latest, Direction.SAME, TEXT["same"].format(now=now))
    direction = Direction.TOWARDS_BACK if step < 0 else Direction.DOWN_THE_LEG
    text = TEXT["moved"].format(now=now, then=then, direction=TEXT["directions"][direction.value])
    return ReachTrend(first, latest, direction, text)

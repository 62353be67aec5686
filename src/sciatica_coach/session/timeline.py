"""The timeline: a plan compiled to a flat list of cues that any player can play without
knowing anything about the techniques."""

import tomllib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from typing import Any

from sciatica_coach.catalog import Side, StepKind
from sciatica_coach.figures import figure_alt
from sciatica_coach.session.planned import PlannedRoutine, Playable
from sciatica_coach.session.timing import (
    GET_READY_SECONDS,
    INTRO_SECONDS,
    SWITCH_SIDE_SECONDS,
    hold_seconds,
    reading_seconds,
)

CHECK_IN_SECONDS = 10
PLAYER = tomllib.loads(resources.files(__package__).joinpath("player.toml").read_text("utf-8"))
WORDS: dict[str, str] = PLAYER["words"]
CHECK_IN_TEXT = WORDS["check_in"]


class CueKind(StrEnum):
    SAY = "say"
    GET_READY = "get_ready"
    HOLD = "hold"
    SWITCH_SIDE = "switch_side"
    REST = "rest"
    CHECK_IN = "check_in"


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    text: str
    seconds: int
    start: int = 0  # offset from the session start, in seconds
    routine_id: str | None = None
    side: Side | None = None
    step_index: int | None = None
    figure: str | None = None
    early_finish: bool = False
    warning: str | None = None
    position: str | None = None  # for rests: the resting position, e.g. "fetal position"

    @property
    def end(self) -> int:
        return self.start + self.seconds

    @property
    def speech(self) -> str:
        """What the players say aloud: the text, and at the start of a hold the article's
        warning too ("Pull back a bit if you start feeling discomfort or pain.")."""
        if self.kind is CueKind.HOLD and self.warning:
            return f"{self.text} {self.warning}"
        return self.text

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "seconds": self.seconds,
            "start": self.start,
            "routine_id": self.routine_id,
            "side": self.side.value if self.side else None,
            "step_index": self.step_index,
            "figure": self.figure,
            "figure_alt": figure_alt(self.figure),  # the picture's text alternative
            "early_finish": self.early_finish,
            "warning": self.warning,
            "position": self.position,
            "speech": self.speech,
        }


@dataclass(frozen=True)
class Timeline:
    cues: tuple[Cue, ...] = field(default=())

    @property
    def total_seconds(self) -> int:
        return self.cues[-1].end if self.cues else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "total_seconds": self.total_seconds,
            "cues": [c.to_json() for c in self.cues],
            "player": PLAYER,  # the engine's rules and the players' words, for the browser
        }


def figure_id(pose: str, side: Side | None) -> str:
    """The figure of a step: its pose, mirrored for the left side."""
    return f"{pose}:{side.value if side else 'none'}"


def _intro(p: PlannedRoutine) -> str:
    parts = [f"{p.routine.title}.", WORDS["starting_position"].format(position=p.routine.position)]
    if p.painful_side is not None:
        parts.append(WORDS["painful_side"].format(side=p.painful_side.value))
    if p.note:
        parts.append(p.note)
    return " ".join(parts)


def _step_cues(p: PlannedRoutine, side: Side | None, index: int) -> list[Cue]:
    step = p.routine.steps[index]
    words = step.text_for(side)

    def cue(kind: CueKind, text: str, seconds: int, early_finish: bool = False) -> Cue:
        return Cue(
            kind,
            text,
            seconds,
            routine_id=p.routine.id,
            side=side,
            step_index=index,
            figure=figure_id(step.pose, side),
            early_finish=early_finish,
            warning=step.warning,
        )

    if step.kind is StepKind.DO:
        return [cue(CueKind.SAY, words, reading_seconds(words))]
    if step.kind is StepKind.HOLD:
        return [
            cue(CueKind.GET_READY, WORDS["get_ready"], GET_READY_SECONDS),
            cue(CueKind.HOLD, words, hold_seconds(step, p.hold_seconds), step.early_finish),
        ]
    return [replace(cue(CueKind.REST, words, step.seconds or 0), position=step.position)]


def _routine_cues(p: PlannedRoutine) -> list[Cue]:
    r = p.routine
    text = _intro(p)
    first = figure_id(r.steps[0].pose, p.sides[0])
    seconds = max(INTRO_SECONDS, reading_seconds(text))
    cues = [Cue(CueKind.SAY, text, seconds, routine_id=r.id, side=p.sides[0], figure=first)]
    for n, side in enumerate(p.sides):
        if n > 0 and side is not None:
            switch = WORDS["switch_side"].format(side=side.value)
            cues.append(
                Cue(
                    CueKind.SWITCH_SIDE,
                    switch,
                    SWITCH_SIDE_SECONDS,
                    routine_id=r.id,
                    side=side,
                    figure=figure_id(r.steps[0].pose, side),
                )
            )
        for index in range(len(r.steps)):
            cues += _step_cues(p, side, index)
    return cues


def planned_seconds(p: PlannedRoutine) -> int:
    """How long one planned routine lasts on the timeline (the plan fits these)."""
    return sum(c.seconds for c in _routine_cues(p))


def compile_timeline(plan: Playable) -> Timeline:
    """Every planned routine, side by side (right, then left), then a check-in."""
    if plan.blocked or not plan.routines:
        return Timeline()
    cues = [c for p in plan.routines for c in _routine_cues(p)]
    cues.append(Cue(CueKind.CHECK_IN, CHECK_IN_TEXT, CHECK_IN_SECONDS))
    placed, clock = [], 0
    for cue in cues:
        placed.append(replace(cue, start=clock))
        clock += cue.seconds
    return Timeline(tuple(placed))

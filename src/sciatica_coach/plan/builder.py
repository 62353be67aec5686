"""Today's plan: a pure function of the catalog, the profile, today's date, the safety block
(safety/status.py decides it) and the session history.

In order, for each technique (massages first): a rule of the person's profile
(safety/conditions.toml) or missing equipment leaves it out with its reason and source, or
adapts it (a rest the profile rules out is replaced, and the note says why); two pain stops
in a row leave it out with advice to ask a doctor or physiotherapist; one pain stop keeps it
with "go gently"; then it is taken if it still fits the minutes left (techniques are never
shortened to fit, a later shorter one may still fit). A block leaves the whole plan empty
and says why."""

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from sciatica_coach.catalog import Catalog, Kind, Routine, Side, StepKind
from sciatica_coach.plan.models import Exclusion, Plan, PlannedRoutine
from sciatica_coach.safety.cautions import adapt, notices, ruling_for
from sciatica_coach.safety.profile import AffectedSide, Profile
from sciatica_coach.safety.status import Block, describe, next_step
from sciatica_coach.session.record import SessionRecord
from sciatica_coach.session.timeline import planned_seconds
from sciatica_coach.session.timing import STANDARD_HOLD

# How the plan adapts to the checks and the pain stops: numbers, reasons, sources and wording
# (adapt.toml).
ADAPT: dict[str, Any] = tomllib.loads(
    (resources.files("sciatica_coach.plan") / "adapt.toml").read_text(encoding="utf-8")
)
GO_GENTLY: str = ADAPT["pain_stop"]["once"]
TWICE: str = ADAPT["pain_stop"]["twice"]
PAIN_SOURCE: str = ADAPT["pain_stop"]["source"]
NO_TIME: str = ADAPT["time"]["no_time"]


@dataclass(frozen=True)
class History:
    sessions: Sequence[SessionRecord] = ()


def order(routines: Sequence[Routine]) -> list[Routine]:
    """Massages first to loosen, then the stretches, each in the article's order.

    Why: massage first loosens before the stretches, and the article itself presents its
    massages before its exercises. Within each kind the article's
    order is kept, so the plan reads like the article. The session ends calm without inventing
    a step the article does not give: the floor massages end in the article's fetal-position
    rest, every hold may end early, and the timeline closes with a quiet check-in ("how do you
    feel now?") rather than on a hold."""
    return sorted(routines, key=lambda r: (r.kind is not Kind.MASSAGE, r.order))


def routine_seconds(routine: Routine, hold_seconds: int) -> int:
    """How long `routine` lasts in a session at this hold time, every side included.

    It is the length of the routine's cues on the timeline (session/timing.py): an intro, a
    reading time for each untimed step (3 s + 0.4 s a word), a 5 s "get into position" and
    the hold before each hold (the article's 30 s holds shortened to `hold_seconds`; the
    massages' one-minute holds and the rests keep their time), and a side switch. The plan is
    fitted with the same figure (`planned_seconds`), which also counts the words of a note."""
    return planned_seconds(PlannedRoutine(routine, tuple(routine.side_order), hold_seconds))


def pain_streak(routine_id: str, sessions: Sequence[SessionRecord]) -> int:
    """How many of the latest sessions that tried this routine ended it with a pain stop."""
    streak = 0
    for session in sorted(sessions, key=lambda s: s.started_at, reverse=True):
        stopped = any(p.routine_id == routine_id for p in session.pain_stops)
        tried = stopped or any(c.routine_id == routine_id for c in session.completed)
        if not tried:
            continue
        if not stopped:
            break
        streak += 1
    return streak


def check_streak(routine_id: str, sessions: Sequence[SessionRecord]) -> int:
    """How many of the latest sessions whose check for this routine was answered had it
    worse or reaching further down (a skipped check neither counts nor breaks the run)."""
    streak = 0
    for session in sorted(sessions, key=lambda s: s.started_at, reverse=True):
        check = next((c for c in session.checks if c.routine_id == routine_id), None)
        if check is None:
            continue
        if not check.warns:
            break
        streak += 1
    return streak


def left_out_by_checks(catalog: Catalog, sessions: Sequence[SessionRecord]) -> list[str]:
    """The techniques the checks leave out (the clinician's dashboard shows them)."""
    times = ADAPT["check"]["warn_times"]
    return [r.id for r in catalog.routines if check_streak(r.id, sessions) >= times]


@dataclass(frozen=True)
class Hold:
    seconds: int
    note: str | None  # why it differs from the person's setting (None: it does not)


def adapted_hold(routine: Routine, sessions: Sequence[SessionRecord], setting: int) -> Hold:
    """The hold time of this routine's "up to 30 seconds" holds (adapt.toml [hold]): the
    setting, a step shorter after each pain stop in it, a step longer again after
    `grow_after` sessions in a row without pain, never above the setting or 30 s."""
    rule = ADAPT["hold"]
    if not any(s.kind is StepKind.HOLD and (s.seconds or 0) <= STANDARD_HOLD
               for s in routine.steps):  # fmt: skip
        return Hold(setting, None)  # only the massages' minute: nothing to adapt
    ceiling = min(setting, rule["max_seconds"])
    hold, clean, grew_from = ceiling, 0, None
    for session in sorted(sessions, key=lambda s: s.started_at):
        stopped = any(p.routine_id == routine.id for p in session.pain_stops)
        done = any(c.routine_id == routine.id for c in session.completed)
        if not (stopped or done):
            continue
        warned = any(c.routine_id == routine.id and c.warns for c in session.checks)
        grew_from = None
        if stopped:
            hold, clean = max(rule["min_seconds"], hold - rule["step_seconds"]), 0
        elif warned:
            clean = 0  # worse or further down is not a session without pain
        else:
            clean += 1
            if hold < ceiling and clean >= rule["grow_after"]:
                grew_from, hold, clean = hold, min(ceiling, hold + rule["step_seconds"]), 0
    words = {"hold": hold, "setting": setting, "step": rule["step_seconds"],
             "grow_after": rule["grow_after"], "before": grew_from}  # fmt: skip
    if grew_from is not None:
        return Hold(hold, rule["longer"].format(**words))
    if hold < ceiling:
        return Hold(hold, rule["shorter"].format(**words))
    return Hold(hold, None)


def build_plan(
    catalog: Catalog,
    profile: Profile,
    today: date,
    history: History | None = None,
    block: Block | None = None,
) -> Plan:
    if block is not None:
        return Plan(
            minutes=profile.minutes,
            blocked=describe(block, profile.country),
            blocked_reason=block.reason.value,
            next_step=next_step(block),
        )
    chosen: list[PlannedRoutine] = []
    excluded: list[Exclusion] = []
    budget = profile.minutes * 60
    painful = {AffectedSide.LEFT: Side.LEFT, AffectedSide.RIGHT: Side.RIGHT}.get(profile.side)  # type: ignore[arg-type]
    sessions = history.sessions if history else ()
    for routine in order(catalog.routines):
        ruling = ruling_for(routine, profile, today)
        streak = pain_streak(routine.id, sessions)
        adapted = adapt(routine, profile, today)
        hold = adapted_hold(routine, sessions, profile.hold_seconds)
        notes = [n for n in (adapted.note, GO_GENTLY if streak == 1 else None, hold.note) if n]
        candidate = PlannedRoutine(
            routine=adapted.routine,
            sides=tuple(routine.side_order),
            hold_seconds=hold.seconds,
            note=" ".join(notes) or None,
            painful_side=painful if len(routine.side_order) > 1 else None,
        )
        if ruling is not None:
            excluded.append(Exclusion(routine.id, ruling.reason, ruling.source))
        elif streak >= 2:
            excluded.append(Exclusion(routine.id, TWICE, PAIN_SOURCE))
        elif check_streak(routine.id, sessions) >= ADAPT["check"]["warn_times"]:
            rule = ADAPT["check"]
            excluded.append(Exclusion(routine.id, rule["reason"], rule["source"]))
        elif planned_seconds(candidate) > budget:
            excluded.append(Exclusion(routine.id, NO_TIME.format(minutes=profile.minutes)))
        else:
            budget -= planned_seconds(candidate)
            chosen.append(candidate)
    return Plan(
        minutes=profile.minutes,
        routines=tuple(chosen),
        excluded=tuple(excluded),
        notices=notices(profile, today),
    )


def plan_document(plan: Plan) -> dict[str, Any]:
    """The `plan --json` contract."""
    return {
        "minutes": plan.minutes,
        "routines": [
            {
                "id": p.routine.id,
                "title": p.routine.title,
                "sides": p.routine.sides.value,
                "hold_seconds": p.hold_seconds,
                "note": p.note,
                "painful_side": p.painful_side.value if p.painful_side else None,
                "seconds": planned_seconds(p),
            }
            for p in plan.routines
        ],
        "excluded": [
            {"id": e.routine_id, "reason": e.reason, "source": e.source} for e in plan.excluded
        ],
        "blocked": plan.blocked,
        "blocked_reason": plan.blocked_reason,
        "next_step": plan.next_step,
        "notices": list(plan.notices),
    }

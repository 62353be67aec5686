"""Personal conditions -> the routines they rule out or adapt, with the reason and its source."""

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sciatica_coach.catalog import Caution, Routine, StepKind
from sciatica_coach.catalog.loader import load_model
from sciatica_coach.figures import load_poses
from sciatica_coach.figures.body import hip_movements
from sciatica_coach.safety.profile import LONGEST_WEEKS, Equipment, Profile

PREGNANCY_WEEK_LIMIT = 16  # NHS: avoid lying flat on the back from week 16


class RestInstead(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    position: str
    pose: str
    note: str


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    condition: str
    excludes: list[Caution] = []
    movements: list[str] = []
    reason: str
    source: str
    rest_instead: RestInstead | None = None

    @model_validator(mode="after")
    def _rules_something(self) -> "Rule":
        if not (self.excludes or self.movements):
            raise ValueError("a rule excludes cautions or movements")
        return self


class Equipped(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reason: str = Field(pattern=r"\{items\}")
    source: str


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[Rule]
    equipment: Equipped
    notices: dict[str, str]


@cache
def _content() -> Rules:
    return load_model(resources.files("sciatica_coach.safety") / "conditions.toml", Rules)


def load_rules() -> tuple[Rule, ...]:
    return tuple(_content().rules)


def active_conditions(profile: Profile, today: date) -> set[str]:
    conditions = set()
    week = profile.pregnancy_week(today)
    if week is not None and week >= PREGNANCY_WEEK_LIMIT:
        conditions.add("pregnancy_16_weeks")  # past 42 weeks too, until the profile changes
    for flag in ("hip_replacement", "osteoporosis", "floor_difficulty"):
        if getattr(profile, flag):
            conditions.add(flag)
    return conditions


def notices(profile: Profile, today: date) -> tuple[str, ...]:
    """What the person should update before the plan can be sure of them."""
    week = profile.pregnancy_week(today)
    if week is not None and week > LONGEST_WEEKS:
        return (_content().notices["pregnancy_overdue"],)
    return ()


@dataclass(frozen=True)
class Ruling:
    reason: str
    source: str


@dataclass(frozen=True)
class Adapted:
    """The routine as this person does it, and why it differs from the article's."""

    routine: Routine
    note: str | None = None


EQUIPMENT_WORDS = {"two tennis balls": Equipment.TENNIS_BALLS, "a towel or a sock": Equipment.TOWEL}


@cache
def _moves(pose_id: str) -> frozenset[str]:
    """What a step's position does to the hips, and the position it moves from (the step
    passes through it: lying back onto the tennis balls starts sitting, knees bent)."""
    pose = load_poses()[pose_id]
    start = [load_poses()[pose.moves_from]] if pose.moves_from else []
    return frozenset(m for p in (pose, *start) for m in hip_movements(p))


def _breaks(rule: Rule, pose_id: str) -> bool:
    return bool(set(rule.movements) & _moves(pose_id))


def ruling_for(routine: Routine, profile: Profile, today: date) -> Ruling | None:
    """Why this routine is unsafe or impossible for this person, or None when it is fine
    (perhaps adapted: see `adapt`)."""
    conditions = active_conditions(profile, today)
    for rule in load_rules():
        if rule.condition not in conditions:
            continue
        if set(rule.excludes) & set(routine.cautions):
            return Ruling(rule.reason, rule.source)
        for step in routine.steps:
            rest_replaced = step.kind is StepKind.REST and rule.rest_instead is not None
            if _breaks(rule, step.pose) and not rest_replaced:
                return Ruling(rule.reason, rule.source)
    missing = [w for w in routine.equipment if EQUIPMENT_WORDS.get(w) not in profile.equipment]
    if missing:
        equipment = _content().equipment
        return Ruling(
            equipment.reason.format(items=" and ".join(routine.equipment)), equipment.source
        )
    return None


def adapt(routine: Routine, profile: Profile, today: date) -> Adapted:
    """The routine with every rest that breaks a rule replaced by the rule's safe rest."""
    conditions = active_conditions(profile, today)
    steps, notes = list(routine.steps), []
    for rule in load_rules():
        if rule.condition not in conditions or rule.rest_instead is None:
            continue
        instead = rule.rest_instead
        for n, step in enumerate(steps):
            if step.kind is StepKind.REST and _breaks(rule, step.pose):
                steps[n] = step.model_copy(
                    update={
                        "text": instead.text,
                        "position": instead.position,
                        "pose": instead.pose,
                    }
                )
                if instead.note not in notes:
                    notes.append(instead.note)
    if not notes:
        return Adapted(routine)
    return Adapted(routine.model_copy(update={"steps": steps}), " ".join(notes))

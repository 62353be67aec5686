"""Personal conditions -> the routines they rule out, with the reason and its source."""

from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from sciatica_coach.catalog import Caution, Routine
from sciatica_coach.catalog.loader import load_model
from sciatica_coach.safety.profile import Equipment, Profile

PREGNANCY_WEEK_LIMIT = 16  # NHS: avoid lying flat on the back from week 16


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    condition: str
    excludes: list[Caution] = Field(min_length=1)
    reason: str
    source: str


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[Rule]


@cache
def load_rules() -> tuple[Rule, ...]:
    file = resources.files("sciatica_coach.safety") / "conditions.toml"
    return tuple(load_model(file, Rules).rules)


def active_conditions(profile: Profile) -> set[str]:
    conditions = set()
    if profile.pregnancy_weeks is not None and profile.pregnancy_weeks >= PREGNANCY_WEEK_LIMIT:
        conditions.add("pregnancy_16_weeks")
    for flag in ("hip_replacement", "osteoporosis", "floor_difficulty"):
        if getattr(profile, flag):
            conditions.add(flag)
    return conditions


@dataclass(frozen=True)
class Ruling:
    reason: str
    source: str


EQUIPMENT_WORDS = {"two tennis balls": Equipment.TENNIS_BALLS, "a towel or a sock": Equipment.TOWEL}


def ruling_for(routine: Routine, profile: Profile) -> Ruling | None:
    """Why this routine is unsafe or impossible for this person, or None when it is fine."""
    conditions = active_conditions(profile)
    for rule in load_rules():
        if rule.condition in conditions and set(rule.excludes) & set(routine.cautions):
            return Ruling(rule.reason, rule.source)
    missing = [w for w in routine.equipment if EQUIPMENT_WORDS.get(w) not in profile.equipment]
    if missing:
        return Ruling(
            f"You need {' and '.join(routine.equipment)}; add them with "
            "`sciatica profile --equipment tennis-balls,towel` when you have them.",
            "The article's equipment list",
        )
    return None

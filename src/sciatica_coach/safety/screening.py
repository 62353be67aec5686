"""Red-flag screening: the questions are data, the triage a pure function."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety.record import Level


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z_]+$")
    level: Level
    text: str
    source: str = Field(min_length=3)


class QuestionBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    advice: dict[Level, str]
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> "QuestionBank":
        if set(self.advice) != set(Level):
            raise ValueError("advice needs a text for every level")
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must be unique")
        if any(q.level is Level.SELF_CARE for q in self.questions):
            raise ValueError("a red-flag question cannot be at the self_care level")
        return self

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


@cache
def load_questions() -> QuestionBank:
    return load_model(resources.files("sciatica_coach.safety") / "questions.toml", QuestionBank)


@dataclass(frozen=True)
class Reason:
    question: str
    level: Level


@dataclass(frozen=True)
class Triage:
    level: Level
    reasons: tuple[Reason, ...]
    advice: str

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "reasons": [{"question": r.question, "level": r.level.value} for r in self.reasons],
            "advice": self.advice,
        }


def validate_answers(answers: Mapping[str, Any], bank: QuestionBank) -> dict[str, bool]:
    """Known ids with yes/no answers; a question left out counts as no."""
    checked = {}
    for key, value in answers.items():
        if key not in bank.ids:
            raise InvalidInput("question", key, f"one of {', '.join(bank.ids)}")
        if not isinstance(value, bool):
            raise InvalidInput(key, value, "true or false")
        checked[key] = value
    return checked


def triage(answers: Mapping[str, Any], bank: QuestionBank | None = None) -> Triage:
    """The most severe level among the questions answered yes."""
    bank = bank or load_questions()
    checked = validate_answers(answers, bank)
    reasons = tuple(
        Reason(q.id, q.level)
        for q in sorted(bank.questions, key=lambda q: q.level.severity)
        if checked.get(q.id)
    )
    level = reasons[0].level if reasons else Level.SELF_CARE
    return Triage(level, reasons, bank.advice[level])

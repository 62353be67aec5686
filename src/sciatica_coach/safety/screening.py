"""Red-flag screening: the questions are data, the triage a pure function."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety.countries import numbers_for
from sciatica_coach.safety.record import Level


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z_]+$")
    level: Level
    text: str
    source: str = Field(min_length=3)
    lasting: bool = False  # a fact about the past, not a symptom now
    advice: str | None = None  # a self_care question's own advice

    @model_validator(mode="after")
    def _advice_where_needed(self) -> "Question":
        if (self.level is Level.SELF_CARE) != (self.advice is not None):
            raise ValueError("a question at the self_care level, and only there, has advice")
        return self


class QuestionBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    question_set: int = Field(ge=1)
    advice: dict[Level, str]
    steps: dict[Level, str]  # the check's steps, one per level, with their titles
    retired: dict[str, list[str]] = {}
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> "QuestionBank":
        if set(self.advice) != set(Level) or set(self.steps) != set(Level):
            raise ValueError("advice and steps need a text for every level")
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must be unique")
        if set(self.retired) & set(ids) or not set().union(*self.retired.values()) <= set(ids):
            raise ValueError("a retired id is no longer asked, and names questions that are")
        return self

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def stops_early(self, answers: Mapping[str, Any]) -> bool:
        """An emergency "yes" ends the questions: nothing is more severe, and the advice must
        come at once (the questions not reached count as no)."""
        return any(answers.get(q.id) is True for q in self.questions if q.level is Level.EMERGENCY)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


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
        if key in bank.retired:
            raise InvalidInput(
                "question",
                key,
                f"it is no longer asked; answer {' and '.join(bank.retired[key])} instead",
            )
        if key not in bank.ids:
            raise InvalidInput("question", key, f"one of {', '.join(bank.ids)}")
        if not isinstance(value, bool):
            raise InvalidInput(key, value, "true or false")
        checked[key] = value
    return checked


def advice_for(level: Level, country: str | None, bank: QuestionBank | None = None) -> str:
    """A level's advice, naming the country's numbers."""
    numbers = numbers_for(country)
    return (
        (bank or load_questions())
        .advice[level]
        .format(emergency=numbers.emergency, urgent=numbers.urgent)
    )


def triage(
    answers: Mapping[str, Any], bank: QuestionBank | None = None, country: str | None = None
) -> Triage:
    """The most severe level among the questions answered yes. A self_care question answered
    yes (and nothing worse) gives that question's own advice."""
    bank = bank or load_questions()
    checked = validate_answers(answers, bank)
    reasons = tuple(
        Reason(q.id, q.level)
        for q in sorted(bank.questions, key=lambda q: q.level.severity)
        if checked.get(q.id)
    )
    level = reasons[0].level if reasons else Level.SELF_CARE
    advice = advice_for(level, country, bank)
    if level is Level.SELF_CARE and reasons:
        advice = " ".join(bank.question(r.question).advice or "" for r in reasons)
    return Triage(level, reasons, advice)

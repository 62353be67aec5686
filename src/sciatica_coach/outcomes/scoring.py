"""Scoring, by each questionnaire's published rule, with its rule for missing answers.

Answers are plain JSON (the `--answers FILE` and `POST /api/outcomes` contract):
- rmdq: `{"1": true, "5": true, ...}`: item numbers 1-24; an item left out is not ticked;
- psfs: `{"activities": [{"name": "...", "score": 0-10}, ...]}`: 1 to 3 activities;
- pgic: `{"answer": 1-7}`.
`normalise` refuses anything else (InvalidInput naming the field) and returns the answers as
stored; `score` gives the number."""

from dataclasses import dataclass
from typing import Any

from sciatica_coach.errors import InvalidInput
from sciatica_coach.outcomes.questionnaires import Kind, Questionnaire

NAME_MAX = 80


@dataclass(frozen=True)
class Score:
    value: float
    text: str  # how a person reads it: "8 of 24", "6.3 of 10", "Much Improved (2)"


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def normalise(q: Questionnaire, answers: Any) -> dict[str, Any]:
    if not isinstance(answers, dict):
        raise InvalidInput("answers", type(answers).__name__, "a JSON object")
    if q.kind is Kind.CHECKLIST:
        ticked: dict[str, bool] = {}
        for key, value in answers.items():
            if not (isinstance(key, str) and key.isdigit() and 1 <= int(key) <= len(q.items)):
                raise InvalidInput("item", key, f"an item number from 1 to {len(q.items)}")
            if not isinstance(value, bool):
                raise InvalidInput(f"item {key}", value, "true (ticked) or false")
            ticked[str(int(key))] = value
        return {str(n): ticked.get(str(n), False) for n in range(1, len(q.items) + 1)}
    if q.kind is Kind.ACTIVITIES:
        unknown = set(answers) - {"activities"}
        if unknown:
            raise InvalidInput("answers", sorted(unknown)[0], "only 'activities'")
        activities = answers.get("activities")
        if not isinstance(activities, list) or not 1 <= len(activities) <= q.max_activities:
            raise InvalidInput(
                "activities", activities, f"a list of 1 to {q.max_activities} activities"
            )
        out = []
        for n, activity in enumerate(activities, 1):
            if not isinstance(activity, dict):
                raise InvalidInput(f"activity {n}", activity, "an object with name and score")
            name = activity.get("name")
            if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
                raise InvalidInput(f"activity {n} name", name, f"1 to {NAME_MAX} characters")
            score = activity.get("score")
            if score is None:
                raise InvalidInput(f"activity {n} score", None, q.missing)
            if not _int(score) or not q.score_min <= score <= q.score_max:
                raise InvalidInput(
                    f"activity {n} score", score, f"an integer from {q.score_min} to {q.score_max}"
                )
            out.append({"name": name.strip(), "score": score})
        return {"activities": out}
    unknown = set(answers) - {"answer"}
    if unknown:
        raise InvalidInput("answers", sorted(unknown)[0], "only 'answer'")
    value = answers.get("answer")
    values = [o.value for o in q.options]
    if value is None:
        raise InvalidInput("answer", None, q.missing)
    if not _int(value) or value not in values:
        raise InvalidInput("answer", value, f"one of {', '.join(map(str, values))}")
    return {"answer": value}


def score(q: Questionnaire, answers: Any) -> Score:
    """The score by the published rule (answers are normalised first: bad ones are refused)."""
    clean = normalise(q, answers)
    if q.kind is Kind.CHECKLIST:
        total = sum(1 for ticked in clean.values() if ticked)
        return Score(total, f"{total} of {q.score_max}")
    if q.kind is Kind.ACTIVITIES:
        scores = [a["score"] for a in clean["activities"]]
        mean = round(sum(scores) / len(scores), 2)
        return Score(mean, f"{_number(mean)} of {q.score_max}")
    value = clean["answer"]
    label = next(o.text for o in q.options if o.value == value)
    return Score(value, f"{label} ({value})")


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")

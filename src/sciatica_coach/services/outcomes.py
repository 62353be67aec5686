"""Questionnaires for one person: answer one (scored and stored), and every questionnaire
over time with its baseline, change and next due day."""

from datetime import date
from typing import Any

from sciatica_coach.outcomes import (
    Answered,
    Score,
    Track,
    function_lines,
    normalise,
    questionnaire,
    score,
    track_document,
    tracks,
)
from sciatica_coach.store import Store


def answer(
    store: Store, user_id: int, qid: str, answers: Any, today: date
) -> tuple[Answered, Score]:
    """Score by the published rule (refused: InvalidInput, nothing stored), then store."""
    q = questionnaire(qid)
    clean = normalise(q, answers)
    result = score(q, clean)
    return store.save_answer(user_id, Answered(q.id, today, clean)), result


def outcome_tracks(store: Store, user_id: int, today: date) -> list[Track]:
    return tracks(store.answers(user_id, end=today), today)


def outcomes_document(found: list[Track], today: date) -> dict[str, Any]:
    """The `outcomes --json` and `GET /api/outcomes` contract."""
    return {"questionnaires": [track_document(t, today) for t in found]}


def answered_document(answered: Answered, result: Score) -> dict[str, Any]:
    return {
        "id": answered.id,
        "questionnaire": answered.questionnaire,
        "day": answered.day.isoformat(),
        "score": result.value,
        "score_text": result.text,
        "answers": answered.answers,
    }


def psfs_activities(found: list[Track]) -> list[str]:
    """The activities named in the first PSFS answer: rated again at each later answer."""
    psfs = next((t for t in found if t.questionnaire.id == "psfs"), None)
    if psfs is None or not psfs.answers:
        return []
    return [a["name"] for a in psfs.answers[0].answered.answers["activities"]]


__all__ = [  # function_lines is the core's, re-exported for the pages
    "answer",
    "answered_document",
    "function_lines",
    "outcome_tracks",
    "outcomes_document",
    "psfs_activities",
]

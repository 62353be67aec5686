"""`GET /api/outcomes`, `POST /api/outcomes`: the questionnaires, as `sciatica outcomes
--json` and `sciatica questionnaire ID --answers FILE --json`."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from sciatica_coach.services.outcomes import (
    answer,
    answered_document,
    outcome_tracks,
    outcomes_document,
)
from sciatica_coach.web.deps import ApiUser, WebDep

router = APIRouter()
JsonObject = dict[str, Any]


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    questionnaire: str
    answers: dict[str, Any]


@router.get("/outcomes")
def get_outcomes(account: ApiUser, web: WebDep) -> JsonObject:
    """Every questionnaire: its answers over time, the first (baseline), the latest, the
    meaningful change and when the next is due."""
    today = web.settings.today()
    return outcomes_document(outcome_tracks(web.store, account.id, today), today)


@router.post("/outcomes", status_code=201)
def post_outcome(account: ApiUser, web: WebDep, body: AnswerIn) -> JsonObject:
    """Answer one questionnaire (`rmdq`, `psfs`, `pgic`); scored by its published rule.
    An answer it cannot score is 422, naming the item, and nothing is stored."""
    answered, result = answer(
        web.store, account.id, body.questionnaire, body.answers, web.settings.today()
    )
    return answered_document(answered, result)

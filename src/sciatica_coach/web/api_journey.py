"""`POST /api/check`, `POST /api/clearance`, `GET/PUT /api/profile`, `GET /api/plan`,
`GET /api/timeline`: the same documents as `sciatica check/cleared/profile/plan/timeline
--json`."""

from typing import Annotated, Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict, Field

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.builder import plan_document
from sciatica_coach.safety.profile import Profile
from sciatica_coach.services.plan import load_profile, todays_plan
from sciatica_coach.services.profile import change_profile
from sciatica_coach.services.screening import clear, screen
from sciatica_coach.session.timeline import compile_timeline
from sciatica_coach.web.context import Web
from sciatica_coach.web.deps import ApiUser, WebDep

router = APIRouter()
JsonObject = dict[str, Any]


@router.post("/check")
def check(account: ApiUser, web: WebDep, answers: Annotated[JsonObject, Body()]) -> JsonObject:
    """Red-flag screening: question ids to true/false (left out: no). The result is stored;
    a yes at `soon` or above blocks the plan until a doctor's clearance or a clear check."""
    return screen(web.store, account.id, answers, web.settings.clock()).to_json()


class ClearanceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=500)


@router.post("/clearance", status_code=201)
def clearance(account: ApiUser, web: WebDep, body: ClearanceBody) -> JsonObject:
    """A doctor has checked the latest check's warning signs and said the person can
    exercise: `{"day", "covers", "note"}`. 422 when there is nothing to cover."""
    return clear(web.store, account.id, body.note, web.settings.clock()).to_json()


def _profile_document(web: Web, profile: Profile) -> JsonObject:
    """The stored profile, with the week of pregnancy as of today beside its due date."""
    return {**profile.to_data(), "pregnancy_weeks": profile.pregnancy_week(web.settings.today())}


@router.get("/profile")
def get_profile(account: ApiUser, web: WebDep) -> JsonObject:
    return _profile_document(web, load_profile(web.store, account.id))


@router.put("/profile")
def put_profile(
    account: ApiUser, web: WebDep, changes: Annotated[JsonObject, Body()]
) -> JsonObject:
    """Change the fields given (the others keep their value). Sciatica in both legs
    (`"side": "both"`) is a red flag: it is screened at once, as in the CLI."""
    profile = change_profile(web.store, account.id, changes, web.settings.clock()).profile
    return _profile_document(web, profile)


@router.get("/plan")
def plan(account: ApiUser, web: WebDep) -> JsonObject:
    """Today's routine, what was left out and why, or why there is no programme today."""
    return plan_document(todays_plan(web.store, account.id, web.settings.today()))


@router.get("/timeline")
def timeline(account: ApiUser, web: WebDep) -> JsonObject:
    """Today's plan compiled to cues, for the players (no cues when the plan is blocked),
    with the techniques' titles."""
    today = todays_plan(web.store, account.id, web.settings.today())
    titles = {r.id: r.title for r in load_catalog().routines}
    return {
        **compile_timeline(today).to_json(),
        "titles": titles,
        "blocked": today.blocked,
        "blocked_reason": today.blocked_reason,
    }

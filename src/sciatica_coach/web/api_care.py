"""Clinicians following patients: link codes, the dashboard, a patient's progress and diary
(read only, linked patients only; anyone else's id answers 404)."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import Field

from sciatica_coach.progress.diary import entry_document
from sciatica_coach.progress.verdict import nothing_logged_json
from sciatica_coach.services import care
from sciatica_coach.services.clinic import check_alerts, dashboard_page
from sciatica_coach.services.progress import progress_of
from sciatica_coach.store.accounts import Account
from sciatica_coach.store.care import (
    clinicians_of,
    is_linked,
    revoke,
)
from sciatica_coach.web import limits
from sciatica_coach.web.deps import ApiUser, RowId, WebDep
from sciatica_coach.web.limits import client_group
from sciatica_coach.web.schemas import Strict

router = APIRouter()


class CodeIn(Strict):
    code: str = Field(max_length=40)


def _role(account: Account, role: str) -> None:
    if account.role != role:
        raise HTTPException(status_code=403, detail=f"Only a {role} can do this.")


@router.post("/links", status_code=201)
def new_code(account: ApiUser, web: WebDep) -> dict[str, str]:
    """A patient's one-time code for a clinician (valid 24 hours)."""
    _role(account, "patient")
    code, expires = care.new_code(web.store, account.id, web.settings.clock())
    return {"code": code, "expires_at": expires.isoformat()}


@router.get("/links")
def my_clinicians(account: ApiUser, web: WebDep) -> list[dict[str, Any]]:
    """Who follows me."""
    return [
        {"clinician_id": c.user_id, "username": c.username, "since": c.since.isoformat()}
        for c in clinicians_of(web.store, account.id)
    ]


@router.post("/links/accept", responses={429: {"description": "Too many wrong codes"}})
def accept(body: CodeIn, account: ApiUser, request: Request, web: WebDep) -> dict[str, int]:
    """A clinician enters a patient's code."""
    _role(account, "clinician")
    return {"patient_id": limits.use_link_code(web, account.id, body.code, client_group(request))}


@router.delete("/links/{clinician_id}", status_code=204)
def stop_following(clinician_id: RowId, account: ApiUser, web: WebDep) -> Response:
    """The patient ends a clinician's access, at once."""
    if not revoke(web.store, account.id, clinician_id):
        raise HTTPException(status_code=404, detail="No such link.")
    return Response(status_code=204)


@router.get("/patients")
def patients(
    account: ApiUser,
    web: WebDep,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """The clinician's patients, who needs attention first."""
    _role(account, "clinician")
    found = dashboard_page(web.store, account.id, web.settings.today(), page, per_page)
    alerts = check_alerts(web.store, [r.patient_id for r in found.rows], web.settings.today())
    return {
        "total": found.total,
        "page": page,
        "per_page": per_page,
        "patients": [
            {
                "patient_id": r.patient_id,
                "username": r.username,
                "attention": r.reason,
                "screening": r.screening.value if r.screening else None,
                "verdict": r.assessment.verdict.value if r.assessment else None,
                "change_pct": (
                    round(r.assessment.change_pct, 1)
                    if r.assessment and r.assessment.change_pct is not None
                    else None
                ),
                "last_activity": r.last_activity.isoformat() if r.last_activity else None,
                "check_alerts": alerts.get(r.patient_id, []),
            }
            for r in found.rows
        ],
    }


def _patient(account: Account, web: Any, patient_id: int) -> None:
    if account.role != "clinician" or not is_linked(web.store, account.id, patient_id):
        raise HTTPException(status_code=404, detail="No such patient.")


@router.get("/patients/{patient_id}/progress")
def patient_progress(patient_id: RowId, account: ApiUser, web: WebDep) -> dict[str, Any]:
    _patient(account, web, patient_id)
    found = progress_of(web.store, patient_id, web.settings.today())
    if found.assessment is None:
        return {**nothing_logged_json(), "reach": None}
    return {**found.assessment.to_json(), "reach": found.reach.to_json() if found.reach else None}


@router.get("/patients/{patient_id}/diary")
def patient_diary(patient_id: RowId, account: ApiUser, web: WebDep) -> list[dict[str, Any]]:
    _patient(account, web, patient_id)
    return [entry_document(e) for e in web.store.entries(patient_id, end=date.max)]

"""Pages for sharing with a clinician (patients) and for the clinician's dashboard."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.reports.summary import screening_lines
from sciatica_coach.services import care
from sciatica_coach.services.clinic import check_alerts, dashboard, patient_line
from sciatica_coach.services.outcomes import outcome_tracks
from sciatica_coach.services.progress import progress_of
from sciatica_coach.store.care import clinicians_of, is_linked, revoke
from sciatica_coach.web import limits
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form, PageUser, RowId
from sciatica_coach.web.limits import client_group
from sciatica_coach.web.pages.common import form_text, render, see_other

router = APIRouter()


def _only(account: Any, role: str) -> None:
    if account.role != role:
        raise HTTPException(status_code=404, detail="There is no such page.")


@router.get("/sharing")
def sharing(request: Request, account: PageUser) -> Response:
    _only(account, "patient")
    web = get_web(request)
    context = {
        "title": "Sharing with your clinician",
        "nav": "account",
        "followers": clinicians_of(web.store, account.id),
        "code": None,
    }
    return render(request, "sharing.html", context)


@router.post("/sharing/code")
def new_code(request: Request, account: PageUser) -> Response:
    _only(account, "patient")
    web = get_web(request)
    code, expires = care.new_code(web.store, account.id, web.settings.clock())
    context = {
        "title": "Sharing with your clinician",
        "nav": "account",
        "followers": clinicians_of(web.store, account.id),
        "code": code,
        "expires": expires,
    }
    return render(request, "sharing.html", context)


@router.post("/sharing/revoke")
def stop(request: Request, account: PageUser, form: Form) -> Response:
    _only(account, "patient")
    clinician = form_text(form, "clinician_id")
    if clinician.isdigit():
        revoke(get_web(request).store, account.id, int(clinician))
    return see_other("/sharing")


@router.get("/patients")
def patients(request: Request, account: PageUser) -> Response:
    _only(account, "clinician")
    web = get_web(request)
    rows = dashboard(web.store, account.id, web.settings.today())
    alerts = check_alerts(web.store, [r.patient_id for r in rows], web.settings.today())
    context = {"title": "Your patients", "nav": "patients", "rows": rows, "values": {},
               "errors": {}, "alerts": alerts}  # fmt: skip
    return render(request, "patients.html", context)


@router.post("/patients/link")
def link(request: Request, account: PageUser, form: Form) -> Response:
    _only(account, "clinician")
    web = get_web(request)
    code = form_text(form, "code")
    try:
        limits.use_link_code(web, account.id, code[:40], client_group(request))
    except InvalidInput as exc:
        rows = dashboard(web.store, account.id, web.settings.today())
        context = {
            "title": "Your patients",
            "nav": "patients",
            "rows": rows,
            "values": {"code": code},
            "errors": {"code": f"Use {exc.allowed}."},
        }
        return render(request, "patients.html", context, status=422)
    return see_other("/patients")


@router.get("/patients/{patient_id}")
def patient(request: Request, account: PageUser, patient_id: RowId) -> Response:
    _only(account, "clinician")
    web = get_web(request)
    if not is_linked(web.store, account.id, patient_id):
        raise HTTPException(status_code=404, detail="There is no such patient.")
    found = progress_of(web.store, patient_id, web.settings.today())
    line = patient_line(web.store, account.id, patient_id)
    name = line.username if line else ""
    context = {
        "title": f"Patient {name}",
        "nav": "patients",
        "name": name,
        "patient_id": patient_id,
        "a": found.assessment,
        "reach": found.reach,
        "entries": list(reversed(found.entries[-28:])),
        "session_days": found.session_days,
        "stops": [(s.day, p) for s in found.sessions for p in s.pain_stops],
        "titles": {r.id: r.title for r in load_catalog().routines},
        "safety": screening_lines(
            web.store.latest_screening(patient_id), web.store.clearances(patient_id)
        ),
        "outcome_tracks": outcome_tracks(web.store, patient_id, web.settings.today()),
        "alerts": check_alerts(web.store, [patient_id], web.settings.today()).get(patient_id),
    }
    return render(request, "patient.html", context)


@router.get("/patients/{patient_id}/chart.svg")
def patient_chart(
    request: Request, account: PageUser, patient_id: RowId, size: str | None = None
) -> Response:
    """A linked patient's pain chart, read only."""
    from sciatica_coach.web.pages.progress import chart_response

    _only(account, "clinician")
    web = get_web(request)
    if not is_linked(web.store, account.id, patient_id):
        raise HTTPException(status_code=404, detail="There is no such patient.")
    found = progress_of(web.store, patient_id, web.settings.today())
    return chart_response(found, narrow=size == "narrow")

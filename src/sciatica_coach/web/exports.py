"""Downloads for the doctor, the health record and the calendar: the same builders as the CLI."""

from datetime import time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.interop.fhir import PatientInfo
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import ApiUser, PageUser

pages = APIRouter()
api = APIRouter()
PRIVATE = {"cache-control": "private, no-store"}


def _download(body: bytes, media_type: str, name: str) -> Response:
    headers = {**PRIVATE, "content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


@pages.get("/progress/report.pdf")
def report(request: Request, account: PageUser) -> Response:
    from sciatica_coach.services.exports import report_pdf

    web = get_web(request)
    pdf = report_pdf(web.store, account.id, account.username, web.settings.today())
    return _download(pdf, "application/pdf", "sciatica-report.pdf")


@pages.get("/reminders.ics")
def reminders(request: Request, account: PageUser) -> Response:
    from sciatica_coach.interop.ical import DAYS, reminders_ics
    from sciatica_coach.services.plan import load_profile
    from sciatica_coach.services.progress import progress_of

    web = get_web(request)
    today = web.settings.today()
    found = progress_of(web.store, account.id, today)
    review = found.assessment.review_date if found.assessment else today + timedelta(days=28)
    minutes = load_profile(web.store, account.id).minutes
    ics = reminders_ics(today, time(9, 0), DAYS, review, minutes, web.settings.clock())
    return _download(ics, "text/calendar", "sciatica-reminders.ics")


@api.get("/fhir")
def fhir(request: Request, account: ApiUser) -> dict[str, Any]:
    """Your diary, screenings and sessions as a FHIR R4 Bundle (pseudonymous)."""
    from sciatica_coach.services.exports import fhir_export

    web = get_web(request)
    return fhir_export(web.store, account.id, PatientInfo(key=f"account-{account.id}"))

"""Downloads for the doctor, the health record and the calendar: the same builders as the CLI."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

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
    from sciatica_coach.interop.ical import DAYS, DEFAULT_TIME
    from sciatica_coach.services import exports

    web = get_web(request)
    now = web.settings.clock()
    ics = exports.reminders(web.store, account.id, web.settings.today(), DEFAULT_TIME, DAYS, now)
    return _download(ics, "text/calendar", "sciatica-reminders.ics")


@api.get("/fhir")
def fhir(request: Request, account: ApiUser) -> dict[str, Any]:
    """Your diary, screenings and sessions as a FHIR R4 Bundle (pseudonymous)."""
    from sciatica_coach.services.exports import fhir_export

    web = get_web(request)
    return fhir_export(web.store, account.id, None, web.settings.clock())

"""Downloads for the doctor, the health record and the calendar: the same builders as the CLI."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sciatica_coach.errors import InvalidInput
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import ApiUser, PageUser

pages = APIRouter()
api = APIRouter()
PRIVATE = {"cache-control": "private, no-store"}


def download(body: bytes, media_type: str, name: str) -> Response:
    headers = {**PRIVATE, "content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


@pages.get("/progress/report.pdf")
def report(request: Request, account: PageUser) -> Response:
    from sciatica_coach.services.exports import report_pdf

    web = get_web(request)
    pdf = report_pdf(web.store, account.id, account.username, web.settings.today())
    return download(pdf, "application/pdf", "sciatica-report.pdf")


@pages.get("/reminders.ics")
def reminders(
    request: Request,
    account: PageUser,
    at: Annotated[str | None, Query(alias="time", max_length=5)] = None,
    days: Annotated[list[str] | None, Query(max_length=7)] = None,
) -> Response:
    """A calendar file: sessions at `time` (HH:MM, default 09:00) on `days` (mon..sun,
    default every day), and the four-week review."""
    from sciatica_coach.interop.ical import DAYS, DEFAULT_TIME, parse_time
    from sciatica_coach.services import exports

    web = get_web(request)
    now = web.settings.clock()
    when = parse_time(at) if at else DEFAULT_TIME
    chosen = [d for d in DAYS if d in (days or DAYS)]
    if days and (len(chosen) != len(set(days))):
        raise InvalidInput("days", days, f"some of {', '.join(DAYS)}")
    ics = exports.reminders(web.store, account.id, web.settings.today(), when, chosen, now)
    return download(ics, "text/calendar", "sciatica-reminders.ics")


@api.get("/fhir")
def fhir(request: Request, account: ApiUser) -> dict[str, Any]:
    """Your diary, screenings and sessions as a FHIR R4 Bundle (pseudonymous)."""
    from sciatica_coach.services.exports import fhir_export

    web = get_web(request)
    return fhir_export(web.store, account.id, None, web.settings.clock())

"""What the report, the FHIR export and the reminders need, gathered from the store for one
person: the CLI and the web app call these and only add where the bytes go."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sciatica_coach.interop.fhir import PatientInfo, fhir_bundle
from sciatica_coach.interop.ical import reminders_ics
from sciatica_coach.progress.verdict import REVIEW_AFTER_DAYS
from sciatica_coach.reports.charts import pain_chart
from sciatica_coach.reports.pdf import ReportData, doctor_report
from sciatica_coach.services.outcomes import outcome_tracks
from sciatica_coach.services.plan import load_profile
from sciatica_coach.services.progress import progress_of
from sciatica_coach.store import Store
from sciatica_coach.store.accounts import export_key


def report_data(store: Store, user_id: int, who: str, as_of: date) -> ReportData:
    found = progress_of(store, user_id, as_of)
    chart = (
        pain_chart(found.entries, found.session_days, found.assessment, "png")
        if found.entries
        else None
    )
    return ReportData(
        who=who,
        as_of=as_of,
        entries=found.entries,
        sessions=found.sessions,
        assessment=found.assessment,
        screening=store.latest_screening(user_id),
        clearances=store.clearances(user_id),
        profile=store.load_profile(user_id) or {},
        chart_png=chart,
        reach=found.reach,
        outcomes=outcome_tracks(store, user_id, as_of),
    )


def report_pdf(store: Store, user_id: int, who: str, as_of: date) -> bytes:
    """The report for the doctor (A4 PDF) with the diary up to `as_of`."""
    return doctor_report(report_data(store, user_id, who, as_of))


def fhir_export(store: Store, user_id: int, name: str | None, now: datetime) -> dict[str, Any]:
    """Everything stored for the person as a FHIR R4 Bundle, pseudonymous unless `name`."""
    patient = PatientInfo(key=export_key(store, user_id, now), name=name)
    return fhir_bundle(
        patient,
        store.entries(user_id),
        store.screenings(user_id),
        store.sessions(user_id),
        now,
        store.clearances(user_id),
        store.answers(user_id),
    )


def review_date(store: Store, user_id: int, today: date) -> date | None:
    """The four-week review: four weeks after the diary's first day (or after today, with no
    diary yet); None once it has passed (the verdict is on the progress page by then)."""
    found = progress_of(store, user_id, today)
    review = (
        found.assessment.review_date
        if found.assessment is not None
        else today + timedelta(days=REVIEW_AFTER_DAYS)
    )
    return review if review >= today else None


def reminders(
    store: Store, user_id: int, today: date, at: time, days: Sequence[str], now: datetime
) -> bytes:
    """Sessions from `today` at `at` on `days`, as long as the profile's minutes, and the
    four-week review while it is still ahead."""
    return reminders_ics(
        today,
        at,
        days,
        review_date(store, user_id, today),
        load_profile(store, user_id).minutes,
        now,
        key=export_key(store, user_id, now),
    )


def pseudonym(store: Store, user_id: int, now: datetime) -> str:
    """A name for the report that is the same every time and says nothing about the person."""
    key = export_key(store, user_id, now)
    return f"Pseudonym {key[:4].upper()}-{key[4:8].upper()}"

"""What the report, the FHIR export and the reminders need, gathered for one person."""

from datetime import UTC, date, datetime

from sciatica_coach.interop.fhir import PatientInfo, fhir_bundle
from sciatica_coach.reports.charts import pain_chart
from sciatica_coach.reports.pdf import ReportData, doctor_report
from sciatica_coach.services.progress import progress_of
from sciatica_coach.store import Store


def report_pdf(store: Store, user_id: int, who: str, as_of: date) -> bytes:
    found = progress_of(store, user_id, as_of)
    chart = (
        pain_chart(found.entries, found.session_days, found.assessment, "png")
        if found.entries
        else None
    )
    data = ReportData(
        who=who,
        as_of=as_of,
        entries=found.entries,
        sessions=found.sessions,
        assessment=found.assessment,
        screening=store.latest_screening(user_id),
        profile=store.load_profile(user_id) or {},
        chart_png=chart,
        reach=found.reach,
    )
    return doctor_report(data)


def fhir_export(store: Store, user_id: int, patient: PatientInfo) -> dict[str, object]:
    return fhir_bundle(
        patient,
        store.entries(user_id),
        store.screenings(user_id),
        store.sessions(user_id),
        datetime.now(UTC),
    )

"""FHIR, iCalendar and the PDF report, each checked by an independent parser."""

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest

from sciatica_coach.catalog import Side
from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.fhir import PatientInfo, fhir_bundle
from sciatica_coach.interop.ical import parse_days, reminders_ics
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import assess
from sciatica_coach.reports.pdf import ReportData, doctor_report
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.session import Completed, Feeling, PainStop, SessionRecord

START = date(2026, 10, 1)
NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
ENTRIES = [DiaryEntry(START + timedelta(n), 7 - n // 8, 3, tingling=n % 3 == 0) for n in range(30)]
SCREENING = ScreeningRecord(
    datetime(2026, 10, 1, 8, tzinfo=UTC), Level.SOON, {"night_pain": True, "fever": False}
)
T = datetime(2026, 10, 2, 8, tzinfo=UTC)
SESSIONS = [
    SessionRecord(
        T.date(),
        T,
        T + timedelta(minutes=12),
        (Completed("knuckle-massage", None), Completed("sitting-pigeon-pose", Side.RIGHT)),
        (PainStop("sitting-pigeon-pose", Side.LEFT, 4, 6),),
        Feeling.BETTER,
        False,
    ),
    SessionRecord(
        T.date() + timedelta(1),
        T + timedelta(1),
        T + timedelta(1, 600),
        (Completed("palm-and-thumb-massage", None),),
        (),
        Feeling.SAME,
        True,
    ),
]


def bundle(name: str | None = None) -> dict:  # type: ignore[type-arg]
    return fhir_bundle(PatientInfo("user-1", name), ENTRIES, [SCREENING], SESSIONS, NOW)


def test_every_resource_and_the_bundle_validate_as_fhir_r4() -> None:
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    doc = bundle()
    Bundle.model_validate(doc)
    kinds: dict[str, int] = {}
    for entry in doc["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        kinds[resource["resourceType"]] = kinds.get(resource["resourceType"], 0) + 1
    assert kinds == {
        "Patient": 1,
        "Observation": 30 * 5,
        "QuestionnaireResponse": 1,
        "Procedure": 2,
    }
    assert doc["type"] == "collection"


def test_pain_observations_match_the_diary_with_body_sites() -> None:
    obs = [
        e["resource"]
        for e in bundle()["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == "72514-3"
    ]
    assert len(obs) == 60
    by_site = {
        (o["effectiveDateTime"], o["bodySite"]["coding"][0]["code"]): o["valueInteger"] for o in obs
    }
    for e in ENTRIES:
        assert by_site[(e.day.isoformat(), "61685007")] == e.leg_pain
        assert by_site[(e.day.isoformat(), "37822005")] == e.back_pain


def test_sessions_are_coded_stretching_or_exercise_therapy() -> None:
    codes = [
        e["resource"]["code"]["coding"][0]["code"]
        for e in bundle()["entry"]
        if e["resource"]["resourceType"] == "Procedure"
    ]
    assert codes == ["229070002", "229065009"]


def test_identifiers_are_stable_and_the_patient_pseudonymous() -> None:
    first, second = (
        bundle(),
        fhir_bundle(PatientInfo("user-1"), ENTRIES, [SCREENING], SESSIONS, NOW + timedelta(1)),
    )
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert "name" not in first["entry"][0]["resource"]
    assert bundle("Ann Smith")["entry"][0]["resource"]["name"] == [{"text": "Ann Smith"}]
    other = fhir_bundle(PatientInfo("user-2"), ENTRIES, [], [], NOW)
    assert other["entry"][1]["fullUrl"] != first["entry"][1]["fullUrl"]


def test_out_of_range_values_are_refused_before_export() -> None:
    broken = DiaryEntry(START, 5, 5)
    object.__setattr__(broken, "leg_pain", 12)
    with pytest.raises(InvalidInput, match="lower_limb pain: 12"):
        fhir_bundle(PatientInfo("u"), [broken], [], [], NOW)


def test_reminders_parse_back_and_expand() -> None:
    import icalendar
    import recurring_ical_events

    ics = reminders_ics(
        date(2026, 11, 23), time(8, 30), ["mon", "wed"], date(2026, 12, 21), 15, NOW
    )
    calendar = icalendar.Calendar.from_ical(ics)
    week = recurring_ical_events.of(calendar).between(datetime(2026, 11, 23), datetime(2026, 12, 7))
    sessions = sorted(e["DTSTART"].dt for e in week if "session" in str(e["SUMMARY"]))
    assert sessions == [datetime(2026, 11, d, 8, 30) for d in (23, 25, 30)] + [
        datetime(2026, 12, 2, 8, 30)
    ]
    review = [e for e in calendar.walk("VEVENT") if "Review" in str(e["SUMMARY"])]
    assert review[0]["DTSTART"].dt == date(2026, 12, 21)
    assert len(calendar.walk("VALARM")) == 1
    daily = icalendar.Calendar.from_ical(
        reminders_ics(
            date(2026, 11, 23), time(9), parse_days("mon,tue,wed,thu,fri,sat,sun"), None, 15, NOW
        )
    )
    assert (
        len(recurring_ical_events.of(daily).between(datetime(2026, 11, 23), datetime(2026, 11, 30)))
        == 7
    )


def test_bad_days_are_named() -> None:
    assert parse_days("Monday, fri") == ["mon", "fri"]
    with pytest.raises(InvalidInput, match="--days"):
        parse_days("mon,funday")


def test_report_text_carries_every_number() -> None:
    from pypdf import PdfReader

    as_of = START + timedelta(29)
    a = assess(ENTRIES, {s.day for s in SESSIONS}, as_of)
    assert a is not None
    pdf = doctor_report(
        ReportData(
            "Ann", as_of, ENTRIES, SESSIONS, a, SCREENING, {"osteoporosis": True, "side": "left"}
        )
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    for number in (
        f"Day {a.days}",
        f"baseline {a.baseline:.1f}",
        f"current {a.current:.1f}",
        f"{a.change_pct:+.1f} %",
        f"{a.adherence_pct:.1f} %",
        str(a.review_date),
    ):
        assert number in text, number
    assert "level soon" in text and "night_pain" in text and "fever" not in text
    assert "Osteoporosis: yes" in text and "Painful side: left" in text
    assert "sitting-pigeon-pose, left side, step 5, 6/10" in text
    assert "better 1, same 1" in text

"""iCalendar and the PDF report, each checked by an independent parser."""

import io
from datetime import date, datetime, time, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.ical import parse_days, reminders_ics
from sciatica_coach.progress.verdict import assess
from sciatica_coach.reports.pdf import ReportData, doctor_report
from tests.core.export_data import ENTRIES, NOW, SCREENING, SESSIONS, START


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

"""The report for the doctor, read back with pypdf: every number against the diary."""

import io
import re
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean

import pytest

from sciatica_coach.catalog import Side
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.reach import reach_trend
from sciatica_coach.progress.verdict import assess
from sciatica_coach.reports.charts import pain_chart
from sciatica_coach.reports.pdf import ReportData, doctor_report
from sciatica_coach.reports.summary import condition_lines, stop_rows, weeks
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.safety.screening import load_questions
from sciatica_coach.session import Completed, Feeling, PainStop, SessionRecord
from tests.core.export_data import ENTRIES, SCREENING, SESSIONS, START

AS_OF = START + timedelta(29)
PROFILE = {"osteoporosis": True, "side": "left", "age": 61, "minutes": 20, "equipment": []}


def read(pdf: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def report(entries: list[DiaryEntry] = ENTRIES, **changes: object) -> bytes:
    days = {s.day for s in SESSIONS if s.completed}
    a = assess(entries, days, AS_OF)
    fields: dict[str, object] = {
        "who": "Ann Example",
        "as_of": AS_OF,
        "entries": entries,
        "sessions": SESSIONS,
        "assessment": a,
        "screening": SCREENING,
        "profile": PROFILE,
        "chart_png": pain_chart(entries, days, a, "png"),
        "reach": reach_trend(entries, AS_OF),
    }
    return doctor_report(ReportData(**{**fields, **changes}))  # type: ignore[arg-type]


def test_the_verdict_and_its_numbers() -> None:
    a = assess(ENTRIES, {s.day for s in SESSIONS if s.completed}, AS_OF)
    assert a is not None and a.change_pct is not None
    pages, text = read(report())
    assert pages == 1
    for number in (
        f"{a.days} days since the first entry",
        f"baseline) {a.baseline:.1f}",
        f"last 7 days {a.current:.1f}",
        f"change {a.change_pct:+.1f} %",
        f"{a.adherence_pct:.1f} % of the days",
        f"review date {a.review_date}",
    ):
        assert number in text, number
    assert f"Ann Example. Diary {START} to {ENTRIES[-1].day}, 30 days logged." in text


WEEK_ROW = re.compile(
    r"^(\d+) (\d\d \w{3})-(\d\d \w{3}) (\d+) "
    r"([\d.]+) \((\d+)-(\d+)\) ([\d.]+) \((\d+)-(\d+)\) ([\d.]+) \((\d+)-(\d+)\) "
    r"(\d+) (\d+) (\d+) (\d+)$",
    re.MULTILINE,
)


def test_every_number_of_the_week_table_is_the_diarys() -> None:
    _, text = read(report())
    rows = WEEK_ROW.findall(text)
    assert len(rows) == 5  # 30 days: four whole weeks and two days
    session_days = {s.day for s in SESSIONS if s.completed}
    for row in rows:
        n = int(row[0])
        first = START + timedelta(days=7 * (n - 1))
        days = [first + timedelta(d) for d in range(7) if first + timedelta(d) <= AS_OF]
        week = [e for e in ENTRIES if e.day in days]
        assert row[1:3] == (f"{days[0]:%d %b}", f"{days[-1]:%d %b}")
        assert int(row[3]) == len(week)
        for offset, values in (
            (4, [e.leg_pain for e in week]),
            (7, [e.back_pain for e in week]),
            (10, [max(e.leg_pain, e.back_pain) for e in week]),
        ):
            assert row[offset : offset + 3] == (
                f"{mean(values):.1f}",
                str(min(values)),
                str(max(values)),
            )
        assert [int(x) for x in row[13:16]] == [
            sum(getattr(e, name) for e in week) for name in ("tingling", "numbness", "weakness")
        ]
        assert int(row[16]) == len(session_days & set(days))


def test_a_doctors_clearance_is_in_the_report() -> None:
    from sciatica_coach.safety import Clearance

    moment = datetime(2026, 10, 3, 9, tzinfo=UTC)
    _, text = read(report(clearances=[Clearance(moment, 1, ("night_pain",), "GP saw me")]))
    flat = " ".join(text.split())
    assert "all-clear to exercise on 3 Oct 2026, covering: pain not eased by rest" in flat
    assert "Note: GP saw me" in flat


def test_screening_conditions_sessions_and_pain_stops() -> None:
    _, text = read(report())
    night = next(q.text for q in load_questions().questions if q.id == "night_pain")
    assert "Latest on 1 Oct 2026: See a doctor in the next few days." in text
    assert f"Yes: {night}" in text and "Answered no: 1 question." in text
    assert "Age: 61; Painful side: left; Osteoporosis" in text
    assert "minutes" not in text.lower().split("conditions from the profile")[1][:80]
    assert "2 sessions with at least one technique done, on 2 days; 1 played to the end." in text
    assert "How they felt afterwards: better 1, same 1 (not said: 1)." in text
    assert "2026-10-02 Sitting pigeon pose left 5 6/10" in text


def test_the_chart_is_on_the_first_page() -> None:
    from pypdf import PdfReader

    with_chart = PdfReader(io.BytesIO(report())).pages[0].images
    without = PdfReader(io.BytesIO(report(chart_png=None))).pages[0].images
    assert len(with_chart) == 1 and len(without) == 0


def test_any_name_prints() -> None:
    _, text = read(report(who="Zoë Łukasiewicz-Ørsted"))
    assert "Zoë Łukasiewicz-Ørsted" in text


def test_nothing_logged_yet() -> None:
    pages, text = read(
        report([], assessment=None, chart_png=None, reach=None, screening=None, profile={})
    )
    assert pages == 1
    assert "No diary yet" in text and "No diary entries yet." in text
    assert "No red-flag screening done." in text and "None recorded" in text


def test_the_most_there_can_be_still_fits_on_two_pages() -> None:
    start = date(2026, 1, 1)
    entries = [
        DiaryEntry(start + timedelta(n), n % 11, (n * 7) % 11, True, True, True) for n in range(300)
    ]
    sessions = [
        SessionRecord(
            start + timedelta(n),
            datetime.combine(start + timedelta(n), time(9), tzinfo=UTC),
            datetime.combine(start + timedelta(n), time(9, 30), tzinfo=UTC),
            (Completed("reclining-pigeon-pose", Side.RIGHT),),
            (PainStop("reclining-pigeon-pose", Side.LEFT, 2, n % 11),),
            Feeling.WORSE,
        )
        for n in range(300)
    ]
    everything = {q.id: True for q in load_questions().questions}
    screening = ScreeningRecord(datetime(2026, 10, 1, tzinfo=UTC), Level.EMERGENCY, everything)
    profile = {"age": 70, "pregnancy_weeks": 30, "side": "both", "hip_replacement": True,
               "osteoporosis": True, "floor_difficulty": True, "diabetes": True, "smoking": True,
               "occupation_strain": True, "occupation_sitting": True,
               "occupation_twisting": True}  # fmt: skip
    as_of = start + timedelta(299)
    a = assess(entries, {s.day for s in sessions}, as_of)
    pdf = doctor_report(
        ReportData("Ann", as_of, entries, sessions, a, screening, profile,
                   pain_chart(entries, {s.day for s in sessions}, a, "png"))
    )  # fmt: skip
    pages, text = read(pdf)
    assert pages == 2
    assert "Weeks 2 to 32 are not shown (week 1 is the baseline)." in text
    assert "Stopped for pain (the latest 12; 288 earlier not shown):" in text
    assert text.count("Yes: ") == len(everything)


def test_weeks_keep_the_baseline_and_the_latest() -> None:
    entries = [DiaryEntry(START + timedelta(n), 5, 5) for n in range(100)]
    found = weeks(entries, set(), START + timedelta(99))
    assert [w.number for w in found] == [1, *range(5, 16)]
    assert found[-1].last == START + timedelta(99) and len(found[-1].entries) == 2


def test_conditions_show_what_is_there_and_leave_out_the_settings() -> None:
    assert condition_lines({"smoking": True, "age": 40, "hold_seconds": 30, "new_flag": 3}) == [
        "Age: 40",
        "Smokes",
        "New flag: 3",
    ]
    assert condition_lines({"osteoporosis": False, "side": None}) == ["None recorded"]


@pytest.mark.parametrize("count", [0, 12, 13])
def test_pain_stops_keep_the_latest_twelve(count: int) -> None:
    t = datetime(2026, 10, 1, tzinfo=UTC)
    sessions = [
        SessionRecord(
            t.date() + timedelta(n),
            t + timedelta(n),
            t + timedelta(n, 60),
            (),
            (PainStop("knuckle-massage", None, 0, None),),
        )
        for n in range(count)
    ]
    rows, left_out = stop_rows(sessions)
    assert len(rows) == min(count, 12) and left_out == max(0, count - 12)
    if rows:
        assert rows[-1] == [
            str(t.date() + timedelta(count - 1)),
            "Knuckle massage",
            "-",
            "1",
            "not rated",
        ]

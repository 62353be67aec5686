"""The PDF report, checked by an independent parser."""

import io
from datetime import timedelta

from sciatica_coach.progress.verdict import assess
from sciatica_coach.reports.pdf import ReportData, doctor_report
from tests.core.export_data import ENTRIES, SCREENING, SESSIONS, START


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

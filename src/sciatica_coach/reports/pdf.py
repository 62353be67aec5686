"""The one-page report for the doctor (A4, fpdf2: no system packages)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.reach import ReachTrend
from sciatica_coach.progress.verdict import Assessment
from sciatica_coach.safety import ScreeningRecord
from sciatica_coach.session import SessionRecord

VERDICTS = {
    "too_early": "Too early to tell (before the four-week review)",
    "keep_going": "Better: keep going",
    "see_doctor": "Not clearly better after four weeks: see the doctor",
    "see_doctor_soon": "Worse: see a doctor soon",
}


@dataclass(frozen=True)
class ReportData:
    who: str
    as_of: date
    entries: list[DiaryEntry]
    sessions: list[SessionRecord]
    assessment: Assessment | None
    screening: ScreeningRecord | None
    profile: dict[str, Any] = field(default_factory=dict)
    chart_png: bytes | None = None
    reach: ReachTrend | None = None


CONDITIONS = {
    "pregnancy_weeks": "Pregnancy (weeks)",
    "hip_replacement": "Hip replacement",
    "osteoporosis": "Osteoporosis",
    "floor_difficulty": "Floor work is hard",
    "side": "Painful side",
    "diabetes": "Diabetes",
    "smoking": "Smoking",
    "occupation_strain": "Work strains the back",
    "occupation_sitting": "Sits for long periods",
    "occupation_twisting": "Work involves twisting",
    "age": "Age",
}


def _conditions(profile: dict[str, Any]) -> str:
    found = [
        f"{label}: {profile[key] if not isinstance(profile[key], bool) else 'yes'}"
        for key, label in CONDITIONS.items()
        if profile.get(key) not in (None, False)
    ]
    return "; ".join(found) or "none recorded"


def doctor_report(data: ReportData) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, "Sciatica Coach: report for the doctor", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    first = data.entries[0].day if data.entries else None
    pdf.cell(
        0,
        6,
        f"{data.who}. Diary {first or '-'} to {data.as_of}. Self-reported data.",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    def heading(text: str) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)

    def line(text: str) -> None:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    a = data.assessment
    heading("Four-week verdict")
    if a is None:
        line("No diary entries yet.")
    else:
        change = "n/a" if a.change_pct is None else f"{a.change_pct:+.1f} %"
        line(
            f"{VERDICTS[a.verdict.value]}. Day {a.days}; baseline {a.baseline:.1f}, current "
            f"{a.current:.1f} ({change}); sessions on {a.adherence_pct:.1f} % of days; "
            f"review date {a.review_date}."
        )
        line(
            "Daily score = the worse of leg and back pain (0-10). Better = at least 30 % lower "
            "than the first week (IMMPACT)."
        )
    if data.reach is not None:
        line(data.reach.message)
    if data.chart_png:
        from io import BytesIO

        pdf.image(BytesIO(data.chart_png), w=180)
    heading("Red-flag screening")
    s = data.screening
    if s is None:
        line("Not done.")
    else:
        yes = [q for q, v in s.answers.items() if v]
        line(
            f"Latest {s.taken_at.date()}: level {s.level.value}. "
            f"Answered yes: {', '.join(yes) if yes else 'none'}."
        )
    heading("Relevant conditions")
    line(_conditions(data.profile))
    heading("Sessions")
    done = [x for x in data.sessions if x.completed]
    feelings = Counter(x.feeling.value for x in data.sessions if x.feeling)
    line(
        f"{len(done)} sessions with at least one technique done. Afterwards: "
        + (", ".join(f"{k} {v}" for k, v in sorted(feelings.items())) or "not recorded")
        + "."
    )
    stops = [(x.day, p) for x in data.sessions for p in x.pain_stops]
    line(f"Pain stops: {len(stops)}.")
    for day, p in stops:
        side = f", {p.side.value} side" if p.side else ""
        how_bad = "not rated" if p.severity is None else f"{p.severity}/10"
        line(f"  {day}: {p.routine_id}{side}, step {p.step_index + 1}, {how_bad}")
    return bytes(pdf.output())

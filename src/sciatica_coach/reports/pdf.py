"""The report for the doctor: one or two A4 pages, drawn with fpdf2 (pure Python, no system
packages) in DejaVu Sans, the font matplotlib ships, so any name prints. The words and
numbers come from reports/summary.py; the chart from reports/charts.py."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.reach import ReachTrend
from sciatica_coach.progress.verdict import Assessment
from sciatica_coach.reports import summary
from sciatica_coach.safety import Clearance, ScreeningRecord
from sciatica_coach.session import SessionRecord

if TYPE_CHECKING:
    from fpdf import FPDF

    from sciatica_coach.outcomes import Track

FONT = "DejaVu"
WIDTH = 190  # mm inside the margins of an A4 page
DISCLAIMER = (
    "Self-reported by the person with Sciatica Coach (the article's massages and stretches, a "
    "daily pain diary). It does not replace an examination."
)


@dataclass(frozen=True)
class ReportData:
    who: str  # a name or a pseudonym
    as_of: date
    entries: list[DiaryEntry]
    sessions: list[SessionRecord]
    assessment: Assessment | None
    screening: ScreeningRecord | None
    profile: dict[str, Any] = field(default_factory=dict)
    chart_png: bytes | None = None  # reports.charts.pain_chart(..., "png")
    reach: ReachTrend | None = None
    clearances: Sequence[Clearance] = ()  # doctors' all-clears, oldest first
    outcomes: Sequence["Track"] = ()  # the questionnaires over time (outcomes.tracks)


def _fonts() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _document() -> "FPDF":
    from fpdf import FPDF

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.cell(0, 5, f"Sciatica Coach report, page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.add_font(FONT, "", str(_fonts() / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(_fonts() / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title("Sciatica Coach: report for the doctor")
    pdf.set_creator("Sciatica Coach")
    return pdf


def _heading(pdf: "FPDF", text: str) -> None:
    pdf.ln(1.5)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)


def _lines(pdf: "FPDF", lines: list[str], bold_first: bool = False) -> None:
    for n, text in enumerate(lines):
        pdf.set_font(FONT, "B" if bold_first and n == 0 else "", 9)
        pdf.multi_cell(0, 4.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)


def _table(pdf: "FPDF", header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    pdf.set_font(FONT, size=8)
    with pdf.table(
        col_widths=widths, width=sum(widths), align="LEFT", line_height=4.4,
        text_align="LEFT", padding=(0.6, 1),
    ) as table:  # fmt: skip
        for cells in [header, *rows]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.set_font(FONT, size=9)


def _header(pdf: "FPDF", data: ReportData) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, "Sciatica: report for the doctor", new_x="LMARGIN", new_y="NEXT")
    days = sorted({e.day for e in data.entries if e.day <= data.as_of})
    diary = f"Diary {days[0]} to {days[-1]}, {len(days)} days logged" if days else "No diary yet"
    _lines(pdf, [f"{data.who}. {diary}. Report made on {data.as_of}.", DISCLAIMER])


def _progress(pdf: "FPDF", data: ReportData) -> None:
    _heading(pdf, "Four-week verdict")
    _lines(pdf, summary.verdict_lines(data.assessment), bold_first=True)
    if data.reach is not None:
        _lines(pdf, [summary.reach_line(data.reach)])
    if data.chart_png:
        pdf.ln(1)
        pdf.image(BytesIO(data.chart_png), w=WIDTH * 0.9)
    weeks = summary.weeks(data.entries, _session_days(data.sessions), data.as_of)
    if weeks:
        _heading(pdf, "Week by week (mean, with the range; symptoms and sessions in days)")
        if weeks[-1].number > len(weeks):
            left_out = f"Weeks 2 to {weeks[1].number - 1} are not shown"
            _lines(pdf, [f"{left_out} (week 1 is the baseline)."])
        widths = (12, 27, 15, 21, 21, 22, 17, 19, 19, 17)
        _table(pdf, summary.WEEK_HEADER, [w.cells() for w in weeks], widths)


def _function(pdf: "FPDF", data: ReportData) -> None:
    """Function beside pain: each questionnaire's change and its meaningful change."""
    lines = summary.function_lines(data.outcomes)
    if lines:
        _heading(pdf, "Function beside pain")
        _lines(pdf, lines)


def _questionnaires(pdf: "FPDF", data: ReportData) -> None:
    """The second page: every questionnaire answered, over time."""
    answered = [t for t in data.outcomes if t.answers]
    if not answered:
        return
    pdf.add_page()
    _heading(pdf, "Questionnaires over time")
    _lines(pdf, ["Answered weekly; the first answer is the baseline. Scores by each "
                 "questionnaire's published rule."])  # fmt: skip
    for track in answered:
        _heading(pdf, track.questionnaire.title)
        _lines(pdf, [summary.track_note(track)])
        header, rows = summary.track_rows(track)
        _table(pdf, header, rows, (28, 40, 36, 86))


def _person(pdf: "FPDF", data: ReportData) -> None:
    _heading(pdf, "Red-flag screening")
    _lines(pdf, summary.screening_lines(data.screening, data.clearances))
    _heading(pdf, "Conditions from the profile")
    _lines(pdf, ["; ".join(summary.condition_lines(data.profile))])


def _sessions(pdf: "FPDF", data: ReportData) -> None:
    _heading(pdf, "Sessions")
    _lines(pdf, summary.session_lines(data.sessions))
    rows, left_out = summary.stop_rows(data.sessions)
    if not rows:
        _lines(pdf, ["No technique was stopped for pain."])
        return
    more = f" (the latest {len(rows)}; {left_out} earlier not shown)" if left_out else ""
    _lines(pdf, [f"Stopped for pain{more}:"])
    _table(pdf, summary.STOP_HEADER, rows, (24, 60, 16, 14, 22))


def _session_days(sessions: list[SessionRecord]) -> set[date]:
    return {s.day for s in sessions if s.completed}


def doctor_report(data: ReportData) -> bytes:
    pdf = _document()
    pdf.add_page()
    _header(pdf, data)
    _progress(pdf, data)
    _function(pdf, data)
    _questionnaires(pdf, data)
    _person(pdf, data)
    _sessions(pdf, data)
    return bytes(pdf.output())

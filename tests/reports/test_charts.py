"""The pain chart builder: real images with the promised parts, drawn without pyplot."""

import math
import struct
import subprocess
import sys
from datetime import date, timedelta
from xml.etree import ElementTree

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import assess
from sciatica_coach.reports.charts import _daily, pain_chart

START = date(2026, 10, 1)
ENTRIES = [DiaryEntry(START + timedelta(n), 8 - n // 5, 3) for n in range(31) if n % 6 != 4]
SESSIONS = {START + timedelta(n) for n in range(0, 31, 2)}
ASSESSMENT = assess(ENTRIES, SESSIONS, START + timedelta(30))


def svg_texts(svg: bytes) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_png_is_a_real_image_of_the_promised_size() -> None:
    png = pain_chart(ENTRIES, SESSIONS, ASSESSMENT, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (880, 418)


def test_svg_labels_everything_the_issue_asks_for() -> None:
    assert ASSESSMENT is not None
    texts = svg_texts(pain_chart(ENTRIES, SESSIONS, ASSESSMENT, "svg"))
    for label in ("Leg pain", "Back pain", "Session done", "Date", "Pain (0 = none, 10 = worst)",
                  f"Baseline: {ASSESSMENT.baseline:.1f}",
                  f"30 % better: {ASSESSMENT.baseline * 0.7:.1f}",
                  "Daily pain, 1 Oct 2026 to 31 Oct 2026"):  # fmt: skip
        assert label in texts
    assert "4-week review" in texts and "29 Oct" in texts  # the review line's two-line label


def test_svg_is_the_same_bytes_for_the_same_data() -> None:
    assert pain_chart(ENTRIES, SESSIONS, ASSESSMENT, "svg") == pain_chart(
        ENTRIES, SESSIONS, ASSESSMENT, "svg"
    )


def test_missing_days_are_gaps_not_lines() -> None:
    days, leg, back = _daily([DiaryEntry(START, 5, 1), DiaryEntry(START + timedelta(3), 7, 2)])
    assert days == [START + timedelta(n) for n in range(4)]
    assert [math.isnan(v) for v in leg] == [False, True, True, False]
    assert (leg[0], leg[3], back[0], back[3]) == (5, 7, 1, 2)


def test_an_empty_diary_and_a_single_entry_still_draw() -> None:
    assert pain_chart([], set(), None, "png")[:4] == b"\x89PNG"
    one = [DiaryEntry(START, 6, 2)]
    texts = svg_texts(pain_chart(one, set(), assess(one, set(), START), "svg"))
    assert "Baseline: 6.0" in texts and "Session done" not in texts


def test_matplotlib_loads_only_when_drawing_and_never_pyplot() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import sciatica_coach.reports.charts as c\n"
        "assert 'matplotlib' not in sys.modules\n"
        "from sciatica_coach.progress import DiaryEntry\n"
        "c.pain_chart([DiaryEntry(date(2026, 1, 1), 3, 4)], set(), None, 'png')\n"
        "assert 'matplotlib' in sys.modules and 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_text_size_follows_the_callers_font_size() -> None:
    import matplotlib

    def title_size(svg: bytes) -> str:
        root = ElementTree.fromstring(svg)
        for t in root.iter("{http://www.w3.org/2000/svg}text"):
            if "".join(t.itertext()).startswith("Daily pain"):
                return t.get("style", "")
        raise AssertionError("no title")

    small = title_size(pain_chart(ENTRIES, SESSIONS, ASSESSMENT, "svg"))
    with matplotlib.rc_context({"font.size": 14}):
        large = title_size(pain_chart(ENTRIES, SESSIONS, ASSESSMENT, "svg"))
    assert small != large and "16.8px" in large  # the title is 'large': 1.2 x 14

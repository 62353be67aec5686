"""`sciatica progress`: the verdict on real stored data, the chart files, bad input."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from sciatica_coach.cli import main
from sciatica_coach.cli.context import get_store
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.session import Completed, SessionRecord
from tests.cli.helpers import run

START = date(2026, 10, 1)


def seed(first_week: int, later: int, days: int = 30, session_every: int = 2) -> None:
    store = get_store()
    user = store.local_user_id()
    store.import_entries(
        user,
        [DiaryEntry(START + timedelta(n), first_week if n < 7 else later, 1) for n in range(days)],
    )
    for n in range(0, days, session_every):
        moment = datetime.combine(START + timedelta(n), datetime.min.time(), UTC)
        store.save_session(
            user,
            SessionRecord(moment.date(), moment, moment, (Completed("knuckle-massage", None),)),
        )


def test_progress_json_contract(cli_db: str) -> None:
    seed(8, 4)
    code, out = run("progress", "--as-of", "2026-10-30", "--json")
    assert code == 0
    doc = json.loads(out)
    expected = {"verdict": "keep_going", "days": 29, "baseline": 8.0, "current": 4.0,
                "change_pct": -50.0, "adherence_pct": 50.0,
                "review_date": "2026-10-29"}  # fmt: skip
    assert doc == {**doc, **expected}
    assert doc["message"]


def test_progress_text_says_the_verdict_first(cli_db: str) -> None:
    seed(6, 6)
    code, out = run("progress", "--as-of", "2026-10-30")
    assert code == 0
    assert out.startswith("See your doctor: After four weeks you are not clearly better")
    assert "●" in out


def test_progress_without_entries_is_too_early_with_the_same_keys(cli_db: str) -> None:
    code, out = run("progress")
    assert code == 0 and out.startswith("Too early to tell: Nothing is logged yet.")
    assert "sciatica log --leg N --back N" in out
    seed(8, 4)  # entries from 2026-10-01: nothing logged as of the day before
    code, out = run("progress", "--as-of", "2026-09-30", "--json")
    assert code == 0
    doc = json.loads(out)
    with_entries = json.loads(run("progress", "--as-of", "2026-10-30", "--json")[1])
    assert list(doc) == list(with_entries)
    assert doc["verdict"] == "too_early"
    assert doc["days"] is doc["baseline"] is doc["review_date"] is doc["adherence_pct"] is None


def test_chart_png_and_svg(cli_db: str, tmp_path: Path) -> None:
    seed(8, 4)
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    assert run("progress", "--as-of", "2026-10-30", "--chart", str(png))[0] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run("progress", "--as-of", "2026-10-30", "--chart", str(svg))[0] == 0
    root = ElementTree.fromstring(svg.read_bytes())
    assert root.tag.endswith("svg")
    assert "4-week review" in svg.read_text()


def test_bad_chart_extension_writes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(8, 4)
    with pytest.raises(SystemExit) as info:
        main(["progress", "--chart", str(tmp_path / "c.gif")])
    assert info.value.code == 2
    assert "--chart" in capsys.readouterr().err
    assert (
        list(tmp_path.iterdir()) == [tmp_path / "sciatica.db"] or not (tmp_path / "c.gif").exists()
    )


def test_progress_reports_how_far_the_pain_reaches(cli_db: str) -> None:
    run("log", "--leg", "6", "--back", "2", "--date", "2026-10-01", "--reaches", "foot")
    run("log", "--leg", "4", "--back", "2", "--date", "2026-10-20", "--reaches", "thigh")
    doc = json.loads(run("progress", "--as-of", "2026-10-20", "--json")[1])
    assert doc["reach"]["direction"] == "towards_back"
    assert doc["verdict"] == "too_early"
    assert "moved towards the back" in run("progress", "--as-of", "2026-10-20")[1]


def test_only_sessions_with_a_completed_technique_count(cli_db: str) -> None:
    seed(8, 4, session_every=30)  # one session with a technique, on day 0
    store = get_store()
    moment = datetime.combine(START + timedelta(1), datetime.min.time(), UTC)
    store.save_session(store.local_user_id(), SessionRecord(moment.date(), moment, moment))
    doc = json.loads(run("progress", "--as-of", "2026-10-30", "--json")[1])
    assert doc["adherence_pct"] == round(1 / 30 * 100, 1)


def test_new_weakness_says_see_a_doctor_soon_before_four_weeks(cli_db: str) -> None:
    seed(5, 5, days=10)
    run("log", "--leg", "5", "--back", "1", "--date", "2026-10-11", "--weakness")
    code, out = run("progress", "--as-of", "2026-10-11")
    assert code == 0 and out.startswith("See a doctor soon: Weakness in the leg is new")


def test_stale_diary_says_which_week_it_used(cli_db: str) -> None:
    seed(8, 4)
    doc = json.loads(run("progress", "--as-of", "2026-11-20", "--json")[1])
    assert doc["stale"] is True and doc["current"] == 4.0
    assert "uses the week up to 2026-10-30" in doc["message"]


def test_as_of_in_the_future_is_bad_input(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["progress", "--as-of", (date.today() + timedelta(1)).isoformat()])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("sciatica: --as-of: ")


def test_chart_with_json_prints_one_document_and_upper_case_suffix(
    cli_db: str, tmp_path: Path
) -> None:
    seed(8, 4)
    chart = tmp_path / "Pain.SVG"
    code, out = run("progress", "--as-of", "2026-10-30", "--json", "--chart", str(chart))
    assert code == 0 and json.loads(out)["verdict"] == "keep_going"
    assert ElementTree.fromstring(chart.read_bytes()).tag.endswith("svg")


def test_chart_of_an_empty_diary_is_still_written(cli_db: str, tmp_path: Path) -> None:
    chart = tmp_path / "empty.png"
    code, out = run("progress", "--chart", str(chart))
    assert code == 0 and out.endswith(f"Chart written to {chart}.\n")
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_chart_in_a_missing_folder_is_bad_input(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(8, 4)
    with pytest.raises(SystemExit) as info:
        main(["progress", "--chart", str(tmp_path / "nowhere" / "c.png")])
    assert info.value.code == 2
    assert "FILE" in capsys.readouterr().err

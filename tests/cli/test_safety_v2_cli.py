"""Safety v2 through the CLI: a doctor's all-clear, SCIATICA_TODAY, the due date, the
country's numbers, and one block sentence for plan, session and check."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from sciatica_coach.cli.context import get_store
from tests.cli.helpers import fails, run


def answers(tmp_path: Path, data: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data))
    return str(path)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-02")
    return date(2026, 11, 2)


def test_cleared_covers_the_warning_signs_until_a_symptom_returns(
    cli_db: str, tmp_path: Path, today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    run("check", "--answers", answers(tmp_path, {"cancer_history": True, "back_lump": True}))
    plan = json.loads(run("plan", "--json")[1])
    assert plan["blocked_reason"] == "red_flag"
    code, out = run("cleared", "--note", "Dr Ade said fine", "--json")
    assert code == 0
    assert json.loads(out) == {
        "day": "2026-11-02",
        "covers": ["back_lump", "cancer_history"],
        "note": "Dr Ade said fine",
    }
    assert json.loads(run("plan", "--json")[1])["blocked"] is None
    run("check", "--answers", answers(tmp_path, {"cancer_history": True}))
    assert json.loads(run("plan", "--json")[1])["blocked"] is None
    assert "nothing" in fails(capsys, "cleared")  # nothing left to cover
    run("check", "--answers", answers(tmp_path, {"cancer_history": True, "back_lump": True}))
    assert json.loads(run("plan", "--json")[1])["blocked_reason"] == "red_flag"


def test_cleared_with_no_warning_signs_is_bad_input_and_writes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "nothing" in fails(capsys, "cleared")
    run("check", "--answers", answers(tmp_path, {}))
    assert "nothing" in fails(capsys, "cleared", "--note", "x")
    store = get_store()
    assert store.clearances(store.local_user_id()) == []


def test_the_retired_injury_answer_is_refused_naming_its_replacements(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = fails(capsys, "check", "--answers", answers(tmp_path, {"injury": True}))
    assert "serious_accident and fall_fragile_bones" in err
    store = get_store()
    assert store.latest_screening(store.local_user_id()) is None


def test_pregnancy_weeks_are_kept_as_a_due_date_and_the_week_moves_on(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-02")
    run("check", "--answers", answers(tmp_path, {}))
    run("profile", "--equipment", "tennis-balls,towel")
    doc = json.loads(run("profile", "--pregnancy-weeks", "14", "--json")[1])
    assert doc["due_date"] == str(date(2026, 11, 2) + timedelta(weeks=26))
    assert doc["pregnancy_weeks"] == 14
    assert json.loads(run("plan", "--json")[1])["excluded"] == []
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-16")  # two weeks later: week 16
    run("check", "--answers", answers(tmp_path, {}))
    assert json.loads(run("profile", "--json")[1])["pregnancy_weeks"] == 16
    left_out = {e["id"] for e in json.loads(run("plan", "--json")[1])["excluded"]}
    assert "knuckle-massage" in left_out


def test_a_due_date_can_be_given_instead(cli_db: str, today: date) -> None:
    due = today + timedelta(weeks=10)
    doc = json.loads(run("profile", "--due-date", due.isoformat(), "--json")[1])
    assert doc["due_date"] == due.isoformat() and doc["pregnancy_weeks"] == 30
    assert json.loads(run("profile", "--due-date", "none", "--json")[1])["due_date"] is None


def test_a_bad_sciatica_today_is_named(cli_db: str, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCIATICA_TODAY", "tomorrow")
    assert "SCIATICA_TODAY" in fails(capsys, "plan")


def test_a_check_older_than_28_days_blocks_plan_and_session_with_one_sentence(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-02")
    run("check", "--answers", answers(tmp_path, {}))
    monkeypatch.setenv("SCIATICA_TODAY", "2026-12-01")
    plan = json.loads(run("plan", "--json")[1])
    assert plan["blocked_reason"] == "recheck_due"
    assert "new red-flag check is due" in plan["blocked"]
    text = run("plan")[1]
    assert plan["blocked"] in text and "sciatica check" in text
    code, out = run("session")
    assert code == 1 and plan["blocked"] in out
    run("check", "--answers", answers(tmp_path, {}))
    assert json.loads(run("plan", "--json")[1])["blocked"] is None


def test_new_leg_weakness_in_the_diary_asks_for_a_new_check(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-02")
    run("check", "--answers", answers(tmp_path, {}))
    run("log", "--leg", "5", "--back", "3")
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-03")
    assert json.loads(run("plan", "--json")[1])["blocked"] is None
    run("log", "--leg", "5", "--back", "3", "--weakness")  # the day after the check
    plan = json.loads(run("plan", "--json")[1])
    assert plan["blocked_reason"] == "new_weakness" and "3 Nov 2026" in plan["blocked"]
    run("check", "--answers", answers(tmp_path, {}))
    assert json.loads(run("plan", "--json")[1])["blocked"] is None


def test_a_clear_check_does_not_say_you_can_start_while_the_profile_blocks(
    cli_db: str, tmp_path: Path
) -> None:
    run("profile", "--side", "both")
    code, out = run("check", "--answers", answers(tmp_path, {}))
    assert code == 0
    assert "No exercises today" in out and "both legs" in out
    assert json.loads(run("plan", "--json")[1])["blocked_reason"] == "both_legs"


@pytest.mark.parametrize(
    ("country", "number"), [("GB", "999 or go to A&E"), ("NZ", "111"), ("US", "911")]
)
def test_the_advice_names_the_countrys_emergency_number(
    cli_db: str, tmp_path: Path, country: str, number: str
) -> None:
    run("profile", "--country", country.lower())
    assert json.loads(run("profile", "--json")[1])["country"] == country
    chest = answers(tmp_path, {"chest_pain": True})
    doc = json.loads(run("check", "--answers", chest, "--json")[1])
    assert f"Call {number}" in doc["advice"]
    assert f"Call {number}" in json.loads(run("plan", "--json")[1])["blocked"]

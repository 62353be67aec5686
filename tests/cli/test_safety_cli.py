"""`sciatica check`, `profile`, `plan` on a temporary database."""

import json
from pathlib import Path

import pytest

from sciatica_coach.cli.context import get_store
from sciatica_coach.safety.screening import load_questions
from tests.cli.helpers import fails, run


def answers(tmp_path: Path, data: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data))
    return str(path)


def screenings() -> int:
    store = get_store()
    latest = store.latest_screening(store.local_user_id())
    return 0 if latest is None else 1


def test_check_answers_json_contract_and_stored(cli_db: str, tmp_path: Path) -> None:
    code, out = run(
        "check", "--answers", answers(tmp_path, {"fever": True, "night_pain": True}), "--json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["level"] == "urgent"
    assert doc["reasons"] == [
        {"question": "fever", "level": "urgent"},
        {"question": "night_pain", "level": "urgent"},
    ]
    store = get_store()
    latest = store.latest_screening(store.local_user_id())
    assert latest is not None and latest.level.value == "urgent"


def test_interactive_check_asks_every_question(cli_db: str) -> None:
    n = len(load_questions().questions)
    code, out = run("check", input="n\n" * (n - 1) + "y\n")
    assert code == 0
    assert out.count("[y/N]") == n
    assert "See a GP about pain relief" in out  # not_coping, the last question, is advice
    assert "No exercises today" not in out


def test_bad_answers_exit_2_and_store_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "question: 'fevr'" in fails(
        capsys, "check", "--answers", answers(tmp_path, {"fevr": True})
    )
    assert "fever: 'yes'" in fails(
        capsys, "check", "--answers", answers(tmp_path, {"fever": "yes"})
    )
    assert "a JSON object" in fails(capsys, "check", "--answers", answers(tmp_path, [1]))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert "valid JSON" in fails(capsys, "check", "--answers", str(broken))
    assert screenings() == 0


def test_plan_is_blocked_until_a_clear_check(cli_db: str, tmp_path: Path) -> None:
    assert "red-flag check first" in run("plan")[1]
    run("check", "--answers", answers(tmp_path, {"saddle_numbness": True}))
    doc = json.loads(run("plan", "--json")[1])
    assert doc["routines"] == [] and doc["blocked_reason"] == "red_flag"
    assert "genitals or buttocks" in doc["blocked"]
    run("check", "--answers", answers(tmp_path, {}))
    doc = json.loads(run("plan", "--json")[1])
    assert doc["blocked"] is None and len(doc["routines"]) >= 5


def test_profile_changes_the_plan(cli_db: str, tmp_path: Path) -> None:
    run("check", "--answers", answers(tmp_path, {}))
    code, out = run(
        "profile",
        "--hip-replacement",
        "--equipment",
        "tennis-balls,towel",
        "--hold",
        "20",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["hip_replacement"] is True
    doc = json.loads(run("plan", "--json")[1])
    assert [r["id"] for r in doc["routines"]] == ["palm-and-thumb-massage", "knuckle-massage"]
    assert all(r["hold_seconds"] == 20 for r in doc["routines"])
    assert "legs straight" in doc["routines"][1]["note"]
    assert {e["id"] for e in doc["excluded"]} == {
        "tennis-ball-massage",
        "reclining-pigeon-pose",
        "sitting-pigeon-pose",
        "knee-to-the-opposite-shoulder",
        "sitting-spinal-stretch",
    }
    text = run("plan")[1]
    assert "Left out today" in text and "hip replacement" in text


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--pregnancy-weeks", "60"], "pregnancy_weeks"),
        (["--pregnancy-weeks", "soon"], "--pregnancy-weeks"),
        (["--due-date", "next spring"], "due_date"),
        (["--country", "UK"], "country"),
        (["--minutes", "0"], "minutes"),
        (["--hold", "5"], "hold_seconds"),
        (["--equipment", "bike"], "equipment"),
        (["--age", "abc"], "--age"),
    ],
)
def test_bad_profile_input_changes_nothing(
    cli_db: str, capsys: pytest.CaptureFixture[str], args: list[str], field: str
) -> None:
    run("profile", "--minutes", "15")
    assert field in fails(capsys, "profile", *args)
    store = get_store()
    assert store.load_profile(store.local_user_id())["minutes"] == 15  # type: ignore[index]


def test_both_legs_runs_the_red_flag_rule_at_once(cli_db: str, tmp_path: Path) -> None:
    run("check", "--answers", answers(tmp_path, {}))
    code, out = run("profile", "--side", "both")
    assert code == 0 and "Get medical help now" in out and "999" in out
    assert json.loads(run("plan", "--json")[1])["blocked_reason"] == "red_flag"


def test_interactive_check_stops_at_the_first_emergency_answer(cli_db: str) -> None:
    code, out = run("check", input="n\ny\n")  # no to chest_pain, yes to serious_accident
    assert code == 0
    assert out.count("[y/N]") == 2
    assert "Get medical help now" in out and "999" in out
    store = get_store()
    latest = store.latest_screening(store.local_user_id())
    assert latest is not None and latest.level.value == "emergency"
    assert latest.answers == {"chest_pain": False, "serious_accident": True}


def test_profile_side_both_json_is_one_document_with_the_red_flag(cli_db: str) -> None:
    code, out = run("profile", "--side", "left", "--json")
    assert code == 0 and "red_flag" not in json.loads(out)
    code, out = run("profile", "--side", "both", "--json")
    doc = json.loads(out)  # one document: the emergency advice is inside it, not beside it
    assert doc["side"] == "both"
    assert doc["red_flag"]["level"] == "emergency"
    assert doc["red_flag"]["reasons"] == [{"question": "both_legs", "level": "emergency"}]
    assert "red_flag" not in json.loads(run("profile", "--side", "both", "--json")[1])


@pytest.mark.parametrize(
    "args",
    [
        ["--minutes", "30", "--hold", "5"],
        ["--hip-replacement", "--pregnancy-weeks", "60"],
        ["--osteoporosis", "--equipment", "tennis-balls,bike"],
        ["--side", "both", "--minutes", "0"],
    ],
)
def test_one_bad_value_among_good_ones_changes_nothing(
    cli_db: str, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    run("profile", "--minutes", "15")
    before = get_store().load_profile(get_store().local_user_id())
    fails(capsys, "profile", *args)
    store = get_store()
    assert store.load_profile(store.local_user_id()) == before
    assert store.latest_screening(store.local_user_id()) is None  # both_legs not screened


def test_plan_text_names_what_was_left_out_with_its_source(cli_db: str, tmp_path: Path) -> None:
    run("check", "--answers", answers(tmp_path, {}))
    run("profile", "--pregnancy-weeks", "18", "--equipment", "tennis-balls,towel")
    text = run("plan")[1]
    left_out = text.split("Left out today")[1]
    assert "  - Tennis ball massage\n  - Knuckle massage\n  - Reclining pigeon pose" in left_out
    assert left_out.count("From week 16 of pregnancy") == 1  # grouped: said once
    assert "(Source: NHS: Exercise in" in left_out

"""`sciatica questionnaire ID` and `sciatica outcomes`, interactive and from a file."""

import json
from pathlib import Path

import pytest

from tests.cli.helpers import fails, run


def answer(tmp_path: Path, qid: str, answers: object, today: str,
           monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:  # fmt: skip
    path = tmp_path / f"{qid}-{today}.json"
    path.write_text(json.dumps(answers))
    monkeypatch.setenv("SCIATICA_TODAY", today)
    code, out = run("questionnaire", qid, "--answers", str(path), "--json")
    assert code == 0, out
    result: dict[str, object] = json.loads(out)
    return result


def test_answers_from_files_then_the_meaningful_change(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = answer(tmp_path, "rmdq", {str(n): True for n in range(1, 13)}, "2026-11-02",
                   monkeypatch)  # fmt: skip
    assert first["score"] == 12
    answer(tmp_path, "rmdq", {str(n): True for n in range(1, 8)}, "2026-11-09", monkeypatch)
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-10")
    _code, out = run("outcomes", "--json")
    rmdq = json.loads(out)["questionnaires"][0]
    assert (rmdq["baseline"]["score"], rmdq["latest"]["score"], rmdq["difference"]) == (12, 7, -5)
    assert rmdq["change"] == "improved" and rmdq["due"] == "2026-11-16"
    _code, out = run("outcomes")
    assert "Your function improved: a meaningful change." in out


def test_interactive_roland_morris_and_psfs(cli_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-02")
    code, out = run("questionnaire", "rmdq", input="y\n" * 3 + "n\n" * 21)
    assert code == 0, out
    assert "I stay at home most of the time because of my back." in out
    assert "Roland-Morris Disability Questionnaire 3 of 24." in out
    code, out = run("questionnaire", "psfs", input="Sitting\n3\nPutting on socks\n6\n\n")
    assert code == 0 and "4.5 of 10" in out, out
    # a week later, the same activities are rated again, without naming them
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-09")
    code, out = run("questionnaire", "psfs", input="6\n8\n")
    assert code == 0 and "7 of 10" in out and "Your function improved" in out, out
    code, out = run("questionnaire", "pgic", input="2\n")
    assert code == 0 and "Much Improved (2)" in out, out


def test_an_answer_it_cannot_score_exits_2_and_stores_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"activities": [{"name": "Driving"}]}))
    err = fails(capsys, "questionnaire", "psfs", "--answers", str(bad))
    assert "activity 1 score" in err
    bad.write_text(json.dumps({"3": "yes"}))
    assert "item 3" in fails(capsys, "questionnaire", "rmdq", "--answers", str(bad))
    _code, out = run("outcomes", "--json")
    assert all(q["answers"] == [] for q in json.loads(out)["questionnaires"])


def test_progress_shows_function_beside_pain(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(tmp_path, "rmdq", {str(n): True for n in range(1, 11)}, "2026-11-02", monkeypatch)
    answer(tmp_path, "rmdq", {str(n): True for n in range(1, 6)}, "2026-11-16", monkeypatch)
    monkeypatch.setenv("SCIATICA_TODAY", "2026-11-16")
    run("log", "--leg", "5", "--back", "3")
    code, out = run("progress")
    assert code == 0 and "Function beside pain:" in out
    assert "Roland-Morris Disability Questionnaire: 10 at the start, 5 now" in out
    assert "Your function improved: a meaningful change." in out
    code, out = run("progress", "--json")
    assert "Function" not in out  # the JSON contract is unchanged

"""`sciatica log` and `diary`: real commands on a temporary SQLite file."""

import json
from datetime import date, timedelta

import pytest

from sciatica_coach.cli.context import get_store
from tests.cli.helpers import fails, run


def stored() -> list[tuple[str, int, int]]:
    store = get_store()
    return [
        (e.day.isoformat(), e.leg_pain, e.back_pain) for e in store.entries(store.local_user_id())
    ]


def test_log_then_diary_json(cli_db: str) -> None:
    assert (
        run(
            "log",
            "--leg",
            "6",
            "--back",
            "4",
            "--date",
            "2026-11-01",
            "--tingling",
            "--note",
            "stiff",
        )[0]
        == 0
    )
    code, out = run(
        "log", "--leg", "5", "--back", "2", "--date", "2026-11-02", "--reaches", "thigh"
    )
    assert code == 0 and out == "Logged 2026-11-02: leg 5/10, back 2/10.\n"
    code, out = run("diary", "--json")
    doc = json.loads(out)
    assert [(d["date"], d["leg_pain"], d["tingling"], d["note"], d["reaches"]) for d in doc] == [
        ("2026-11-01", 6, True, "stiff", None),
        ("2026-11-02", 5, False, "", "thigh"),
    ]
    code, out = run("diary", "--json", "--from", "2026-11-02", "--to", "2026-11-02")
    assert [d["date"] for d in json.loads(out)] == ["2026-11-02"]


def test_same_day_replaces(cli_db: str) -> None:
    run("log", "--leg", "6", "--back", "4", "--date", "2026-11-01")
    run("log", "--leg", "2", "--back", "1", "--date", "2026-11-01")
    assert stored() == [("2026-11-01", 2, 1)]


def test_log_defaults_to_today(cli_db: str) -> None:
    run("log", "--leg", "1", "--back", "1")
    assert stored() == [(date.today().isoformat(), 1, 1)]


def test_new_weakness_points_to_check(cli_db: str) -> None:
    run("log", "--leg", "4", "--back", "4", "--date", "2026-11-01")
    out = run("log", "--leg", "4", "--back", "4", "--date", "2026-11-02", "--weakness")[1]
    assert "sciatica check" in out
    out = run("log", "--leg", "4", "--back", "4", "--date", "2026-11-03", "--weakness")[1]
    assert "sciatica check" not in out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--leg", "11", "--back", "0"], "--leg"),
        (["--leg", "-1", "--back", "0"], "--leg"),
        (["--leg", "abc", "--back", "0"], "--leg"),
        (["--leg", "1", "--back", "0", "--date", "2026-02-30"], "--date"),
        (["--leg", "1", "--back", "0", "--reaches", "knee"], "--reaches"),
        (["--leg", "1"], "--back"),
    ],
)
def test_bad_log_input_exits_2_and_writes_nothing(
    cli_db: str, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    assert named in fails(capsys, "log", *args)
    assert stored() == []


def test_future_date_is_refused(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert f"date: '{tomorrow}'" in fails(
        capsys, "log", "--leg", "1", "--back", "1", "--date", tomorrow
    )
    assert stored() == []


def test_delete(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run("log", "--leg", "6", "--back", "4", "--date", "2026-11-01")
    assert run("diary", "delete", "2026-11-01") == (0, "Deleted the entry of 2026-11-01.\n")
    assert "DATE: '2026-11-01'" in fails(capsys, "diary", "delete", "2026-11-01")


def test_empty_diary_says_how_to_start(cli_db: str) -> None:
    assert "sciatica log" in run("diary")[1]


def test_export_import_round_trip_through_files(cli_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run("log", "--leg", "6", "--back", "4", "--date", "2026-11-01", "--tingling", "--note", "a, b")
    run("log", "--leg", "5", "--back", "2", "--date", "2026-11-02", "--reaches", "foot")
    for name in ("d.csv", "d.json"):
        assert run("export", str(tmp_path / name)) == (
            0,
            f"Exported 2 entries to {tmp_path / name}.\n",
        )
    before = run("diary", "--json")[1]
    run("diary", "delete", "2026-11-01")
    run("diary", "delete", "2026-11-02")
    assert (
        run("import", str(tmp_path / "d.csv"))[1]
        == "Imported 2 entries (2026-11-01 to 2026-11-02).\n"
    )
    assert run("diary", "--json")[1] == before
    assert run("import", str(tmp_path / "d.json"))[0] == 0
    assert run("diary", "--json")[1] == before


def test_bad_import_names_the_line_and_writes_nothing(
    cli_db: str,
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    run("log", "--leg", "6", "--back", "4", "--date", "2026-11-01")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,leg_pain,back_pain\n2026-11-02,3,3\n2026-11-03,3,3\n2026-11-04,x,3\n")
    assert "line 4: leg_pain: 'x'" in fails(capsys, "import", str(bad))
    assert stored() == [("2026-11-01", 6, 4)]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "file: entries" in fails(capsys, "import", str(empty))
    assert "FILE" in fails(capsys, "import", str(tmp_path / "missing.csv"))
    assert ".csv or .json" in fails(capsys, "import", str(tmp_path / "d.txt"))
    assert ".csv or .json" in fails(capsys, "export", str(tmp_path / "d.xlsx"))
    assert stored() == [("2026-11-01", 6, 4)]

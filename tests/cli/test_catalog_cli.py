"""`sciatica catalog`, `show`, `learn`: exact output and the JSON contract."""

import json
import subprocess
import sys

import pytest

from sciatica_coach.cli import main
from tests.cli.helpers import run


def test_catalog_json_contract() -> None:
    code, out = run("catalog", "--json")
    assert code == 0
    doc = json.loads(out)
    assert [r["id"] for r in doc][:2] == ["palm-and-thumb-massage", "tennis-ball-massage"]
    for routine in doc:
        for key in (
            "id",
            "kind",
            "title",
            "purpose",
            "targets",
            "position",
            "equipment",
            "sides",
            "steps",
        ):
            assert key in routine
        assert routine["sides"] in ("once", "each")
        for step in routine["steps"]:
            assert step["text"]
            assert ("seconds" in step) == ("early_finish" in step)
    hold = doc[3]["steps"][3]
    assert hold == {**hold, "kind": "hold", "seconds": 30, "early_finish": True}


def test_catalog_text_lists_every_routine() -> None:
    code, out = run("catalog")
    assert code == 0
    assert len(out.strip().splitlines()) == 7
    assert "reclining-pigeon-pose" in out and "each side" in out


def test_show_prints_steps_with_holds_and_warnings() -> None:
    code, out = run("show", "knee-to-the-opposite-shoulder")
    assert code == 0
    assert " 4. Hold for up to 30 seconds. [30 s, or less]" in out
    assert "! Pull back a bit if you start feeling discomfort or pain." in out


def test_show_json_is_one_routine() -> None:
    code, out = run("show", "tennis-ball-massage", "--json")
    assert code == 0
    assert json.loads(out)["equipment"] == ["two tennis balls", "a towel or a sock"]


def test_unknown_id_exits_2_with_one_line_listing_valid_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["show", "pigeon"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown routine 'pigeon'" in err and "sitting-spinal-stretch" in err


def test_learn_topic_and_unknown_topic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("learn", "risk-factors")
    assert code == 0 and "Diabetes" in out and "Smoking" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["learn", "astrology"])
    assert exit_info.value.code == 2
    assert "TOPIC: 'astrology'" in capsys.readouterr().err


def test_bad_flag_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["catalog", "--nope"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_console_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "0.1.0" in out


def test_show_svg_writes_a_sheet_with_every_step_on_both_sides(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    out = tmp_path / "pigeon.svg"
    assert run("show", "sitting-pigeon-pose", "--svg", str(out))[0] == 0
    root = ElementTree.fromstring(out.read_text())
    figures = root.findall("{http://www.w3.org/2000/svg}svg")
    assert len(figures) == 2 * 5


def test_committed_contact_sheet_is_what_the_command_makes_now(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    out = tmp_path / "sheet.svg"
    assert run("figures", "--sheet", str(out))[0] == 0
    committed = Path(__file__).parents[2] / "docs" / "figures.svg"
    assert committed.read_text() == out.read_text(), (
        "run: sciatica figures --sheet docs/figures.svg"
    )

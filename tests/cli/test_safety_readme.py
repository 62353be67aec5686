"""The README's safety section is real output: its console blocks are replayed, in order,
on a new database (`cat FILE` lines write FILE with the content shown)."""

import shlex
from pathlib import Path

import pytest

from tests.cli.helpers import run

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def safety_transcript() -> list[tuple[str, str]]:
    section = README.split("## Safety first")[1].split("\n## ")[0]
    pairs = []
    for block in section.split("```console\n")[1:]:
        for chunk in block.split("```")[0].split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output.rstrip("\n")))
    return pairs


def test_the_safety_section_replays_exactly(
    cli_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    transcript = safety_transcript()
    assert [c.split()[1] for c, _ in transcript if c.startswith("sciatica")] == [
        "check",
        "check",
        "profile",
        "plan",
    ]
    for command, expected in transcript:
        program, *args = shlex.split(command)
        if program == "cat":
            (tmp_path / args[0]).write_text(expected + "\n", encoding="utf-8")
            continue
        code, out = run(*args)
        assert code == 0, command
        assert out.rstrip("\n") == expected, command

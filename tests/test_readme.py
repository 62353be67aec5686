"""The README documents every command (a new command without docs fails here)."""

from pathlib import Path

import click

from sciatica_coach.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "sciatica") -> list[str]:
    paths = []
    context = click.Context(group)
    for name in group.list_commands(context):  # commands load lazily: ask the group
        command = group.get_command(context, name)
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths += _command_paths(command, path)
    return paths


def test_every_command_is_in_the_readme() -> None:
    paths = _command_paths(cli)
    assert "sciatica catalog" in paths
    missing = [p for p in paths if f"`{p}" not in README]
    assert missing == []


def test_readme_starts_with_the_two_commands() -> None:
    block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()[1:]] == [
        "make run",
        "make test",
    ]


def _transcript() -> list[tuple[str, str]]:
    """(command, output) pairs from the README's console blocks."""
    pairs: list[tuple[str, str]] = []
    for block in README.split("```console\n")[1:]:
        body = block.split("```")[0]
        for chunk in body.split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output.rstrip("\n")))
    return pairs


STATELESS = ("catalog", "show", "learn")


def test_readme_transcript_is_real_output() -> None:
    import shlex

    from click.testing import CliRunner

    checked = 0
    for command, expected in _transcript():
        args = shlex.split(command)[1:]
        if args[0] not in STATELESS:
            continue  # these depend on today's date and the diary
        result = CliRunner().invoke(cli, args, color=False)
        assert result.exit_code == 0, command
        assert result.output.rstrip("\n") == expected, command
        checked += 1
    assert checked >= 3

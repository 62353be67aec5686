"""What the CLI tests share: run a command in-process, or check that it fails as bad input."""

import pytest
from click.testing import CliRunner

from sciatica_coach.cli import cli, main


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.output


def fails(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The command exits 2 with one line on stderr (DESIGN.md); returns that line."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err

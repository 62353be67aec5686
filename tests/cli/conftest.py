"""Fixtures the CLI tests share."""

from pathlib import Path

import pytest

from tests.cli.helpers import run


@pytest.fixture
def ready(cli_db: str, tmp_path: Path) -> str:
    """A clear check and a 4-minute profile: palm and thumb, then the knuckle massage's hold
    at 1:00."""
    answers = tmp_path / "clear.json"
    answers.write_text("{}")
    run("check", "--answers", str(answers))
    run("profile", "--equipment", "tennis-balls,towel", "--hold", "10", "--minutes", "4")
    return cli_db

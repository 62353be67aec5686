"""Shared output helpers for the CLI."""

import json
from typing import Any

import click


def emit_json(document: Any) -> None:
    """One JSON document on stdout and nothing else (DESIGN.md's `--json` contract)."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")

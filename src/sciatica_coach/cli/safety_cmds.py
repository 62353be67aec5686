"""`sciatica check`, `profile` and `plan`: safety before any exercise."""

import json
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.errors import InvalidInput

if TYPE_CHECKING:
    from sciatica_coach.plan.models import Plan

LEVEL_TITLES = {
    "emergency": "EMERGENCY",
    "urgent": "See a doctor today",
    "soon": "Book a doctor in the next few days",
    "self_care": "Clear",
}


def _read_answers(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        raise InvalidInput("--answers", str(path), "a readable JSON file") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "--answers", str(path), f"valid JSON ({exc.msg}, line {exc.lineno})"
        ) from None


def _ask() -> dict[str, bool]:
    """Yes/no questions; the first emergency "yes" ends them, since nothing is more severe
    and the advice must come at once (the questions left count as no)."""
    from sciatica_coach.safety import Level
    from sciatica_coach.safety.screening import load_questions

    click.echo("A few yes/no questions first: some sciatica needs a doctor, not exercises.\n")
    answers: dict[str, bool] = {}
    for question in load_questions().questions:
        answers[question.id] = click.confirm(question.text, default=False)
        if answers[question.id] and question.level is Level.EMERGENCY:
            break
    return answers


def _show(result: Any, gap: bool = True) -> None:
    """The level and its advice (after a blank line that sets it apart from what came before)."""
    title = LEVEL_TITLES[result.level.value]
    color = "red" if result.level.blocks else None
    head = click.style(f"{title}.", bold=True, fg=color) + f" {result.advice}"
    click.echo(("\n" if gap else "") + head)
    for reason in result.reasons:
        click.echo(f"  - {reason.question} ({reason.level.value})")


@click.command()
@click.option(
    "--answers",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON file mapping question ids to true/false (no questions asked).",
)
@json_option
def check(answers: Path | None, as_json: bool) -> None:
    """Red-flag screening: do you need a doctor rather than exercises?"""
    from sciatica_coach.services.screening import screen

    given = _read_answers(answers) if answers else _ask()
    if not isinstance(given, dict):
        raise InvalidInput("--answers", type(given).__name__, "a JSON object of question ids")
    store = get_store()
    result = screen(store, store.local_user_id(), given, datetime.now(UTC))
    if as_json:
        emit_json(result.to_json())
    else:
        _show(result, gap=answers is None)


def _equipment(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return (
        []
        if value.strip().lower() == "none"
        else [v.strip() for v in value.split(",") if v.strip()]
    )


def _weeks(value: str | None) -> int | str | None:
    if value is None:
        return "unchanged"
    if value.strip().lower() == "none":
        return None
    if not value.strip().isdigit():
        raise InvalidInput("pregnancy_weeks", value, "a week from 0 to 42, or none")
    return int(value)


FLAGS = [
    ("hip_replacement", "a hip replacement"),
    ("osteoporosis", "osteoporosis"),
    ("floor_difficulty", "a knee or hip problem that makes kneeling or floor work hard"),
    ("occupation_strain", "work that strains your back"),
    ("occupation_sitting", "work that keeps you sitting for long periods"),
    ("occupation_twisting", "work that makes you twist your back"),
    ("diabetes", "diabetes"),
    ("smoking", "smoking"),
]


def _flag_options(command: Any) -> Any:
    for name, words in reversed(FLAGS):
        dashed = name.replace("_", "-")
        command = click.option(
            f"--{dashed}/--no-{dashed}", name, default=None, help=f"Whether you have {words}."
        )(command)
    return command


@click.command()
@click.option("--age", type=int, help="Your age in years.")
@click.option(
    "--pregnancy-weeks", "pregnancy", metavar="N|none", help="Week of pregnancy, or none."
)
@_flag_options
@click.option("--equipment", metavar="LIST", help="What you have: tennis-balls,towel (or none).")
@click.option("--minutes", type=int, help="Minutes a day for the routine (1-120).")
@click.option("--hold", "hold_seconds", type=int, help="Seconds to hold a stretch (10-30).")
@click.option("--side", type=click.Choice(["left", "right", "both"]), help="Which leg hurts.")
@json_option
def profile(as_json: bool, pregnancy: str | None, equipment: str | None, **values: Any) -> None:
    """Show your profile, or change it with the options below.

    The risk factors are explained by `sciatica learn risk-factors`. Setting --side both
    (sciatica in both legs) runs the red-flag check's both_legs question at once."""
    from sciatica_coach.services.profile import change_profile

    changes = {k: v for k, v in values.items() if v is not None}
    if (weeks := _weeks(pregnancy)) != "unchanged":
        changes["pregnancy_weeks"] = weeks
    if (kit := _equipment(equipment)) is not None:
        changes["equipment"] = kit
    store = get_store()
    result = change_profile(store, store.local_user_id(), changes, datetime.now(UTC))
    data = result.profile.to_data()
    if as_json:
        red_flag = {"red_flag": result.red_flag.to_json()} if result.red_flag else {}
        emit_json({**data, **red_flag})
        return
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key:20} {'-' if shown in (None, '') else shown}")
    if result.red_flag:
        _show(result.red_flag)


@click.command()
@json_option
def plan(as_json: bool) -> None:
    """Today's personal routine, and what was left out and why."""
    from sciatica_coach.plan.builder import plan_document
    from sciatica_coach.services.plan import todays_plan

    store = get_store()
    today = todays_plan(store, store.local_user_id(), date.today())
    doc = plan_document(today)
    if as_json:
        emit_json(doc)
        return
    if today.blocked:
        click.echo(click.style("No exercises today. ", bold=True, fg="red") + today.blocked)
        return
    click.echo(click.style(f"Today's routine ({today.minutes} minutes available)", bold=True))
    routines: list[dict[str, Any]] = doc["routines"]
    for n, r in enumerate(routines, 1):
        sides = "right, then left" if r["sides"] == "each" else "once"
        painful = f"; your painful side is the {r['painful_side']}" if r["painful_side"] else ""
        length = f"about {round(r['seconds'] / 60)} min" if r["seconds"] >= 90 else "under 2 min"
        click.echo(f"{n}. {r['title']} ({sides}{painful}), {length}")
        if r["note"]:
            click.echo(f"   {r['note']}")
    if today.excluded:
        click.echo(click.style("\nLeft out today", bold=True))
        click.echo(_left_out(today))


def _left_out(today: "Plan") -> str:
    """What was left out, grouped by reason: the reason with its source, then the techniques."""
    from sciatica_coach.catalog import load_catalog

    titles = {r.id: r.title for r in load_catalog().routines}
    groups: dict[tuple[str, str | None], list[str]] = {}
    for e in today.excluded:
        groups.setdefault((e.reason, e.source), []).append(titles.get(e.routine_id, e.routine_id))
    blocks = []
    for (reason, source), names in groups.items():
        said = f"{reason} (Source: {source})" if source else reason
        blocks.append("\n".join([textwrap.fill(said, 88), *(f"  - {n}" for n in names)]))
    return "\n\n".join(blocks)

"""`sciatica check`, `profile` and `plan`: safety before any exercise."""

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.errors import InvalidInput

if TYPE_CHECKING:
    from sciatica_coach.plan.models import Plan

# The CLI's own command for each block's next step (the step's words come from the core).
NEXT_COMMAND = {
    "no_check": "sciatica check",
    "red_flag": "sciatica cleared (after a doctor's all-clear), or sciatica check",
    "recheck_due": "sciatica check",
    "new_weakness": "sciatica check",
    "both_legs": "sciatica profile --side left|right, or sciatica check and sciatica cleared",
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
    """Yes/no questions, until the first emergency "yes" (the questions left count as no)."""
    from sciatica_coach.safety.screening import load_questions

    click.echo("A few yes/no questions first: some sciatica needs a doctor, not exercises.\n")
    bank = load_questions()
    answers: dict[str, bool] = {}
    for question in bank.questions:
        answers[question.id] = click.confirm(question.text, default=False)
        if bank.stops_early(answers):
            break
    return answers


def _show(result: Any, gap: bool = True) -> None:
    """The level and its advice (after a blank line that sets it apart from what came before)."""
    from sciatica_coach.safety.status import wording

    words = wording()
    title = words.titles[result.level]
    color = "red" if result.level.blocks else None
    head = click.style(f"{title}.", bold=True, fg=color) + f" {result.advice}"
    click.echo(("\n" if gap else "") + head)
    for reason in result.reasons:
        click.echo(f"  - {words.signs.get(reason.question, reason.question)}")


def _show_block(plan: "Plan") -> None:
    """Why there are no exercises today, what to do, and the command that does it."""
    click.echo(click.style("No exercises today. ", bold=True, fg="red") + (plan.blocked or ""))
    if plan.next_step:
        click.echo(f"Next: {plan.next_step}")
    if plan.blocked_reason in NEXT_COMMAND:
        click.echo(f"      ({NEXT_COMMAND[plan.blocked_reason]})")


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
    from sciatica_coach.services.plan import todays_plan

    store = get_store()
    user = store.local_user_id()
    result = screen(store, user, given, clock.now())
    if as_json:
        emit_json(result.to_json())
        return
    _show(result, gap=answers is None)
    today = todays_plan(store, user, clock.today())
    if today.blocked and today.blocked_reason != "red_flag":
        click.echo()
        _show_block(today)  # a clear check, but the profile still blocks


@click.command()
@click.option("--note", metavar="TEXT", help="What the doctor said, for your records (optional).")
@json_option
def cleared(note: str | None, as_json: bool) -> None:
    """A doctor has checked your warning signs and said you can exercise.

    It covers the warning signs of your latest red-flag check. Lasting facts (a history of
    cancer, spine surgery, an accident) stay covered in later checks; a symptom that comes
    back, or a new warning sign, blocks the plan again."""
    from sciatica_coach.safety.status import wording
    from sciatica_coach.services.screening import clear

    store = get_store()
    result = clear(store, store.local_user_id(), note, clock.now())
    if as_json:
        emit_json(result.to_json())
        return
    signs = wording().signs
    click.echo("Recorded: a doctor has checked these signs and said you can exercise:")
    for question in result.clearance.covers:
        click.echo(f"  - {signs.get(question, question)}")


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
        raise InvalidInput("--pregnancy-weeks", value, "a week from 0 to 42, or none")
    return int(value)


def _none_or(value: str | None) -> str | None:
    """An option's value, with "none" meaning to clear it."""
    return None if value is None or value.strip().lower() == "none" else value.strip()


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
    "--pregnancy-weeks",
    "pregnancy",
    metavar="N|none",
    help="Weeks pregnant today (kept as a due date, so it moves on), or none.",
)
@click.option("--due-date", metavar="YYYY-MM-DD|none", help="Your due date, or none.")
@click.option(
    "--country", metavar="CC|none", help="Where you live (GB, US, NZ...): the numbers to call."
)
@_flag_options
@click.option("--equipment", metavar="LIST", help="What you have: tennis-balls,towel (or none).")
@click.option("--minutes", type=int, help="Minutes a day for the routine (1-120).")
@click.option("--hold", "hold_seconds", type=int, help="Seconds to hold a stretch (10-30).")
@click.option("--side", type=click.Choice(["left", "right", "both"]), help="Which leg hurts.")
@json_option
def profile(
    as_json: bool,
    pregnancy: str | None,
    due_date: str | None,
    country: str | None,
    equipment: str | None,
    **values: Any,
) -> None:
    """Show your profile, or change it with the options below.

    The risk factors are explained by `sciatica learn risk-factors`. Setting --side both
    (sciatica in both legs) runs the red-flag check's both_legs question at once."""
    from sciatica_coach.services.profile import change_profile

    changes = {k: v for k, v in values.items() if v is not None}
    if (weeks := _weeks(pregnancy)) != "unchanged":
        changes["pregnancy_weeks"] = weeks
    if due_date is not None:
        changes["due_date"] = _none_or(due_date)
    if country is not None:
        changes["country"] = _none_or(country)
    if (kit := _equipment(equipment)) is not None:
        changes["equipment"] = kit
    store = get_store()
    result = change_profile(store, store.local_user_id(), changes, clock.now())
    stored = result.profile.to_data()
    week = result.profile.pregnancy_week(clock.today())
    data = {}  # the week of pregnancy as of today, beside the due date it is kept as
    for key, value in stored.items():
        data[key] = value
        if key == "due_date":
            data["pregnancy_weeks"] = week
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
    today = todays_plan(store, store.local_user_id(), clock.today())
    doc = plan_document(today)
    if as_json:
        emit_json(doc)
        return
    if today.blocked:
        _show_block(today)
        return
    for notice in today.notices:
        click.echo(click.style("Please update your profile. ", bold=True) + notice)
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

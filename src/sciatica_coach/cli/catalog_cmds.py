"""`sciatica catalog`, `show` and `learn`: the article's content."""

import textwrap

import click

from sciatica_coach.catalog import Routine, Side, load_catalog, load_education
from sciatica_coach.catalog.views import routine_document
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.errors import InvalidInput


@click.command()
@json_option
def catalog(as_json: bool) -> None:
    """List every technique of the article: massages first, then stretches."""
    routines = load_catalog().routines
    if as_json:
        emit_json([routine_document(r) for r in routines])
        return
    for r in routines:
        sides = "each side" if r.side_order != [None] else "once"
        click.echo(f"{r.id:32} {r.kind.value:9} {r.title} ({sides}, {len(r.steps)} steps)")


@click.command()
@click.argument("routine_id", metavar="ID")
@json_option
def show(routine_id: str, as_json: bool) -> None:
    """Show one technique step by step (ids from `sciatica catalog`)."""
    routine = load_catalog().get(routine_id)
    if as_json:
        emit_json(routine_document(routine))
        return
    click.echo(_describe(routine))


def _describe(routine: Routine) -> str:
    lines = [
        click.style(routine.title, bold=True) + f"  ({routine.kind.value})",
        routine.purpose,
        f"Starting position: {routine.position}",
        f"Equipment: {', '.join(routine.equipment) or 'none'}",
    ]
    if routine.side_order != [None]:
        lines.append("Sides: right first, then left (the same steps, mirrored).")
    for number, step in enumerate(routine.steps, 1):
        timing = ""
        if step.seconds:
            timing = f" [{step.seconds} s{', or less' if step.early_finish else ''}]"
        lines.append(f"{number:>2}. {step.text_for(Side.RIGHT)}{timing}")
        if step.warning:
            lines.append(f"    ! {step.warning}")
    lines.append(f"Source: {routine.source.title}, {routine.source.section}.")
    return "\n".join(lines)


@click.command()
@click.argument("topic", required=False)
def learn(topic: str | None) -> None:
    """What sciatica is, its causes, risk factors and the safety rules.

    TOPIC is one of the topic ids (all topics without it)."""
    topics = load_education().topics
    ids = [t.id for t in topics]
    if topic is not None:
        if topic not in ids:
            raise InvalidInput("TOPIC", topic, f"one of {', '.join(ids)}")
        topics = [t for t in topics if t.id == topic]
    for t in topics:
        click.echo(click.style(t.title, bold=True) + f"  [{t.id}]")
        click.echo(textwrap.fill(t.summary, 88))
        for item in t.items:
            body = f"{item.name}: {item.text}" if item.text else item.name
            click.echo(textwrap.fill(body, 88, initial_indent="  - ", subsequent_indent="    "))
        click.echo("")

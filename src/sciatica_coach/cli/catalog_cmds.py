"""`sciatica catalog`, `show` and `learn`: the article's content."""

import textwrap
from pathlib import Path

import click

from sciatica_coach.catalog import Routine, Side, load_catalog, load_education
from sciatica_coach.catalog.views import routine_document
from sciatica_coach.cli.files import write_atomically
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
@click.option(
    "--svg",
    "svg_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a sheet with the figure of every step (both sides) to FILE.",
)
@json_option
def show(routine_id: str, svg_file: Path | None, as_json: bool) -> None:
    """Show one technique step by step (ids from `sciatica catalog`)."""
    routine = load_catalog().get(routine_id)
    if svg_file is not None:
        _write_sheet(svg_file, routine_sheet(routine))
    if as_json:
        emit_json(routine_document(routine))
        return
    click.echo(_describe(routine))


def routine_sheet(routine: Routine) -> str:
    from sciatica_coach.figures import figure_svg
    from sciatica_coach.figures.sheet import sheet_svg
    from sciatica_coach.session.timeline import figure_id

    cells = []
    for side in routine.side_order:
        label = f" ({side.value})" if side else ""
        for n, step in enumerate(routine.steps, 1):
            cells.append((f"{n}{label}", figure_svg(figure_id(step.pose, side))))
    return sheet_svg(cells, columns=len(routine.steps))


def contact_sheet(columns: int = 5) -> str:
    """Every step of every technique, a row each (the right side; the left is its mirror):
    steps that share a position share a picture, captioned with their numbers."""
    from sciatica_coach.figures import figure_svg
    from sciatica_coach.figures.sheet import sheet_svg
    from sciatica_coach.session.timeline import figure_id

    cells: list[tuple[str, str] | None] = []
    for routine in sorted(load_catalog().routines, key=lambda r: r.order):
        groups: list[tuple[str, list[int]]] = []
        for n, step in enumerate(routine.steps, 1):
            if groups and groups[-1][0] == step.pose:
                groups[-1][1].append(n)
            else:
                groups.append((step.pose, [n]))
        side = routine.side_order[0]
        row = []
        for pose, numbers in groups:
            steps = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
            row.append((f"{routine.title}: {steps}", figure_svg(figure_id(pose, side))))
        cells += row + [None] * (-len(row) % columns)
    return sheet_svg(cells, columns=columns)


def _write_sheet(path: Path, svg: str) -> None:
    if path.suffix.lower() != ".svg":
        raise InvalidInput("--svg", str(path), "a file name ending in .svg")
    write_atomically(path, svg.encode("utf-8"))


@click.command()
@click.option(
    "--sheet",
    "sheet_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write the contact sheet of every figure to FILE (.svg).",
)
def figures(sheet_file: Path) -> None:
    """A contact sheet of every step's figure, technique by technique (the README's)."""
    _write_sheet(sheet_file, contact_sheet())
    click.echo(f"Wrote {sheet_file}.")


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

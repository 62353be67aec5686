"""`sciatica log`, `diary` and `diary delete`: the pain diary."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.cli.params import ISO_DATE
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import Reach, read_entry
from sciatica_coach.progress.diary import entry_document

if TYPE_CHECKING:
    from sciatica_coach.interop.diary_io import DiaryFormat


OPTIONS = {"date": "--date", "leg_pain": "--leg", "back_pain": "--back", "note": "--note"}


@click.command()
@click.option("--leg", required=True, metavar="0-10", help="Leg pain, 0 (none) to 10 (worst).")
@click.option("--back", required=True, metavar="0-10", help="Back pain, 0 (none) to 10 (worst).")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day (default: today).")
@click.option("--tingling", is_flag=True, help="Tingling in the leg.")
@click.option("--numbness", is_flag=True, help="Numbness in the leg.")
@click.option("--weakness", is_flag=True, help="Weakness in the leg.")
@click.option("--reaches", type=click.Choice([r.value for r in Reach]),
              help="How far down the leg the pain reaches.")  # fmt: skip
@click.option("--note", default="", help="A short note (at most 2000 characters).")
@json_option
def log(
    leg: str, back: str, day: str | None, tingling: bool, numbness: bool, weakness: bool,
    reaches: str | None, note: str, as_json: bool,
) -> None:  # fmt: skip
    """Log today's pain (a second entry for the same day replaces the first)."""
    from sciatica_coach.services.diary import log_day

    flags = {"tingling": tingling, "numbness": numbness, "weakness": weakness}
    record = {"date": day, "leg_pain": leg, "back_pain": back, "note": note, "reaches": reaches}
    try:
        entry = read_entry(record | flags, clock.today())
    except InvalidInput as exc:  # named as the option the person typed
        raise InvalidInput(OPTIONS.get(exc.field, exc.field), exc.value, exc.allowed) from None
    store = get_store()
    logged = log_day(store, store.local_user_id(), entry)
    stored = logged.entry
    if as_json:
        emit_json(entry_document(stored))
        return
    click.echo(f"Logged {stored.day}: leg {stored.leg_pain}/10, back {stored.back_pain}/10.")
    if logged.new_weakness:
        click.echo(
            "Weakness is new for you: it can be a warning sign. "
            "Run `sciatica check` now to see whether you need a doctor."
        )


@click.group(invoke_without_command=True)
@click.option("--from", "start", type=ISO_DATE, help="First day to show.")
@click.option("--to", "end", type=ISO_DATE, help="Last day to show.")
@json_option
@click.pass_context
def diary(ctx: click.Context, start: date | None, end: date | None, as_json: bool) -> None:
    """Show the pain diary (`diary delete DATE` removes a day)."""
    if ctx.invoked_subcommand is not None:
        return
    if start and end and start > end:
        raise InvalidInput("--from", start.isoformat(), f"a date on or before --to ({end})")
    store = get_store()
    entries = store.entries(store.local_user_id(), start, end)
    if as_json:
        emit_json([entry_document(e) for e in entries])
        return
    if not entries:
        click.echo("The diary is empty. Log a day with `sciatica log --leg N --back N`.")
        return
    click.echo("date        leg back  symptoms                 note")
    for e in entries:
        symptoms = ",".join(n for n in ("tingling", "numbness", "weakness") if getattr(e, n))
        click.echo(f"{e.day}  {e.leg_pain:>3} {e.back_pain:>4}  {symptoms:<24} {e.note}")


@diary.command("delete")
@click.argument("day", metavar="DATE", type=ISO_DATE)
def delete(day: date) -> None:
    """Delete the entry of one day."""
    store = get_store()
    if not store.delete_entry(store.local_user_id(), day):
        raise InvalidInput("DATE", day.isoformat(), "a date that has a diary entry")
    click.echo(f"Deleted the entry of {day}.")


def _format_of(path: Path) -> "DiaryFormat":
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise InvalidInput("FILE", str(path), "a file name ending in .csv or .json")
    return "csv" if suffix == ".csv" else "json"


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Import diary entries from FILE (.csv or .json): all of them, or none.

    Entries replace the diary's entries of the same dates."""
    from sciatica_coach.interop.diary_io import parse_diary

    fmt = _format_of(file)
    try:
        text = file.read_bytes().decode("utf-8")  # keeps a CR inside a quoted note
    except (OSError, UnicodeDecodeError) as exc:
        allowed = f"a readable UTF-8 file ({exc.__class__.__name__})"
        raise InvalidInput("FILE", str(file), allowed) from None
    entries = parse_diary(text, fmt, clock.today())
    store = get_store()
    count = store.import_entries(store.local_user_id(), entries)
    click.echo(f"Imported {count} entries ({entries[0].day} to {entries[-1].day}).")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(file: Path) -> None:
    """Export the whole diary to FILE (.csv or .json)."""
    from sciatica_coach.interop.diary_io import format_diary

    fmt = _format_of(file)
    store = get_store()
    entries = store.entries(store.local_user_id())
    from sciatica_coach.cli.files import write_atomically

    write_atomically(file, format_diary(entries, fmt).encode("utf-8"))
    click.echo(f"Exported {len(entries)} entries to {file}.")

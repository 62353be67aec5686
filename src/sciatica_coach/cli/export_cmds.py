"""`sciatica report`, `fhir` and `remind`: for the doctor, the health record, the calendar.
Input is checked before anything is read or written; files are written whole or not at all."""

import json
from pathlib import Path

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.files import write_atomically
from sciatica_coach.errors import InvalidInput

FILE = click.Path(dir_okay=False, path_type=Path)
EVERY_DAY = "mon,tue,wed,thu,fri,sat,sun"


def _suffix(path: Path, suffix: str) -> None:
    if path.suffix.lower() != suffix:
        raise InvalidInput("FILE", str(path), f"a file name ending in {suffix}")


@click.command()
@click.argument("file", type=FILE)
@click.option("--name", default=None, help="Your name on the report (default: a pseudonym).")
def report(file: Path, name: str | None) -> None:
    """A PDF for your doctor: verdict, chart, screening, conditions, sessions, pain stops."""
    from sciatica_coach.services.exports import pseudonym, report_pdf

    _suffix(file, ".pdf")
    store = get_store()
    user = store.local_user_id()
    who = name or pseudonym(store, user, clock.now())
    write_atomically(file, report_pdf(store, user, who, clock.today()))
    click.echo(f"Report written to {file}.")


@click.command()
@click.argument("file", type=FILE)
@click.option("--name", default=None, help="Put your name in the record (pseudonymous without).")
def fhir(file: Path, name: str | None) -> None:
    """Your diary, screenings and sessions as a FHIR R4 Bundle (JSON) for health records."""
    from sciatica_coach.services.exports import fhir_export

    _suffix(file, ".json")
    store = get_store()
    bundle = fhir_export(store, store.local_user_id(), name, clock.now())
    write_atomically(file, json.dumps(bundle, indent=2).encode("utf-8"))
    click.echo(f"FHIR bundle with {len(bundle['entry'])} resources written to {file}.")


@click.command()
@click.argument("file", type=FILE)
@click.option("--time", "at", default="09:00", show_default=True, help="Session time, HH:MM.")
@click.option("--days", default=EVERY_DAY, show_default=True, help="Days, e.g. mon,wed,fri.")
def remind(file: Path, at: str, days: str) -> None:
    """Calendar reminders (.ics): your sessions with an alarm, and the four-week review."""
    from sciatica_coach.interop.ical import parse_days, parse_time
    from sciatica_coach.services.exports import reminders, review_date

    _suffix(file, ".ics")
    when, chosen = parse_time(at), parse_days(days)
    store = get_store()
    user, today = store.local_user_id(), clock.today()
    write_atomically(file, reminders(store, user, today, when, chosen, clock.now()))
    review = review_date(store, user, today)
    on = "every day" if len(chosen) == 7 else "on " + ",".join(chosen)
    then = f"review on {review}" if review else "the four-week review has passed"
    click.echo(f"Reminders written to {file}: sessions at {when:%H:%M} {on}; {then}.")

"""`sciatica report`, `fhir` and `remind`: for the doctor, the health record, the calendar."""

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import click

from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.files import write_atomically
from sciatica_coach.errors import InvalidInput

FILE = click.Path(dir_okay=False, path_type=Path)


def _suffix(path: Path, suffix: str) -> None:
    if path.suffix.lower() != suffix:
        raise InvalidInput("FILE", str(path), f"a file name ending in {suffix}")


@click.command()
@click.argument("file", type=FILE)
@click.option("--name", default=None, help="Your name or a pseudonym for the report.")
def report(file: Path, name: str | None) -> None:
    """A one-page PDF for your doctor: verdict, chart, screening, sessions, pain stops."""
    from sciatica_coach.services.exports import report_pdf

    _suffix(file, ".pdf")
    store = get_store()
    pdf = report_pdf(store, store.local_user_id(), name or "Sciatica Coach user", date.today())
    write_atomically(file, pdf)
    click.echo(f"Report written to {file}.")


@click.command()
@click.argument("file", type=FILE)
@click.option("--name", default=None, help="Put your name in the record (pseudonymous without).")
def fhir(file: Path, name: str | None) -> None:
    """Your diary, screenings and sessions as a FHIR R4 Bundle (JSON) for health records."""
    from sciatica_coach.interop.fhir import PatientInfo
    from sciatica_coach.services.exports import fhir_export

    _suffix(file, ".json")
    store = get_store()
    user = store.local_user_id()
    bundle = fhir_export(store, user, PatientInfo(key=f"local-{user}", name=name))
    write_atomically(file, json.dumps(bundle, indent=2).encode("utf-8"))
    click.echo(f"FHIR bundle with {len(bundle['entry'])} resources written to {file}.")  # type: ignore[arg-type]


def _time(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InvalidInput("--time", value, "a time as HH:MM") from None


@click.command()
@click.argument("file", type=FILE)
@click.option("--time", "at", default="09:00", show_default=True, help="Session time, HH:MM.")
@click.option(
    "--days",
    default="mon,tue,wed,thu,fri,sat,sun",
    show_default=True,
    help="Days for the session, e.g. mon,wed,fri.",
)
def remind(file: Path, at: str, days: str) -> None:
    """Calendar reminders (.ics): the daily session and the four-week review."""
    from sciatica_coach.interop.ical import parse_days, reminders_ics
    from sciatica_coach.services.plan import load_profile
    from sciatica_coach.services.progress import progress_of

    _suffix(file, ".ics")
    when, chosen = _time(at), parse_days(days)
    store = get_store()
    user = store.local_user_id()
    today = date.today()
    found = progress_of(store, user, today)
    review = found.assessment.review_date if found.assessment else today + timedelta(days=28)
    minutes = load_profile(store, user).minutes
    write_atomically(file, reminders_ics(today, when, chosen, review, minutes, datetime.now(UTC)))
    click.echo(f"Reminders written to {file}: sessions at {when:%H:%M}, review on {review}.")

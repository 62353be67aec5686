"""`sciatica rebuild-summaries`: the clinician dashboard's rows, recomputed for everyone."""

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store


@click.command("rebuild-summaries")
def rebuild_summaries() -> None:
    """Recompute every patient's line on the clinicians' dashboard as of today (after an
    upgrade; otherwise every write and the first dashboard of each day keep them current)."""
    from sciatica_coach.services.clinic import refresh_daily

    made = refresh_daily(get_store(), clock.today(), force=True)
    click.echo(f"Rebuilt {made or 0} summaries as of {clock.today()}.")

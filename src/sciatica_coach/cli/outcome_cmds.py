"""`sciatica questionnaire ID` and `sciatica outcomes`: what matters to the person, weekly."""

from pathlib import Path
from typing import Any

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.cli.safety_cmds import _read_answers


def _ask(qid: str, named: list[str]) -> dict[str, Any]:
    """Ask in the published words: tick sentences, name and rate activities, or choose one."""
    from sciatica_coach.outcomes import Kind, questionnaire

    q = questionnaire(qid)
    click.echo(click.style(q.title, bold=True))
    for text in q.instructions:
        click.echo(q.shown(text.text))
    click.echo()
    if q.kind is Kind.CHECKLIST:
        return {
            str(n): click.confirm(f"{n:>2}. {item.text}", default=False)
            for n, item in enumerate(q.items, 1)
        }
    if q.kind is Kind.ACTIVITIES:
        low, high = q.anchors[0], q.anchors[-1]
        click.echo(f"{low.value} = {low.text}; {high.value} = {high.text}")
        activities = []
        if named:  # later answers rate the activities named the first time
            click.echo("The activities you named the first time:")
            for name in named:
                rating = click.prompt(f"{name}: 0-10", type=click.IntRange(0, 10))
                activities.append({"name": name, "score": rating})
            return {"activities": activities}
        for n in range(1, q.max_activities + 1):
            name = click.prompt(
                f"Activity {n} (Enter: no more)", default="", show_default=False
            ).strip()
            if not name:
                break
            rating = click.prompt(f"{name}: 0-10", type=click.IntRange(0, 10))
            activities.append({"name": name, "score": rating})
        return {"activities": activities}
    for option in q.options:
        click.echo(f"  {option.value}. {option.text}")
    values = [o.value or 0 for o in q.options]
    chosen = click.prompt("Your answer", type=click.IntRange(min(values), max(values)))
    return {"answer": chosen}


@click.command()
@click.argument("questionnaire_id", metavar="ID", type=click.Choice(["rmdq", "psfs", "pgic"]))
@click.option(
    "--answers",
    type=click.Path(dir_okay=False, path_type=Path),
    help='A JSON file of answers (no questions asked): rmdq {"1": true, ...}; '
    'psfs {"activities": [{"name": ..., "score": 0-10}]}; pgic {"answer": 1-7}.',
)
@json_option
def questionnaire(questionnaire_id: str, answers: Path | None, as_json: bool) -> None:
    """Answer a questionnaire (rmdq, psfs, pgic): scored by its published rule and kept."""
    from sciatica_coach.services.outcomes import (
        answer,
        answered_document,
        outcome_tracks,
        psfs_activities,
    )

    store = get_store()
    user, today = store.local_user_id(), clock.today()
    if answers is not None:
        given = _read_answers(answers)
    else:
        given = _ask(questionnaire_id, psfs_activities(outcome_tracks(store, user, today)))
    answered, result = answer(store, user, questionnaire_id, given, today)
    if as_json:
        emit_json(answered_document(answered, result))
        return
    track = next(
        t for t in outcome_tracks(store, user, today) if t.questionnaire.id == questionnaire_id
    )
    click.echo(f"Saved {today}: {track.questionnaire.title} {result.text}.")
    if track.message:
        click.echo(track.message)
    if track.due:
        click.echo(f"Next: {track.due}.")


@click.command()
@json_option
def outcomes(as_json: bool) -> None:
    """Your questionnaires over time: the first answer, the latest, the meaningful change."""
    from sciatica_coach.services.outcomes import outcome_tracks, outcomes_document

    store = get_store()
    today = clock.today()
    found = outcome_tracks(store, store.local_user_id(), today)
    if as_json:
        emit_json(outcomes_document(found, today))
        return
    for t in found:
        q = t.questionnaire
        click.echo(click.style(f"{q.title} ({q.id})", bold=True))
        if not t.answers:
            click.echo("  Not answered yet.")
        for s in t.answers:
            click.echo(f"  {s.day}  {s.score.text}")
        if t.message:
            click.echo(f"  {t.message} (Meaningful change: {t.threshold}.)")
        if t.due is None:
            click.echo("  First asked a week after your first questionnaire.")
        else:
            due = "now" if t.is_due(today) else str(t.due)
            click.echo(f"  Due: {due} (`sciatica questionnaire {q.id}`)")

"""`sciatica timeline` and `sciatica session`: today's plan, guided hands-free."""

import sys
from typing import TYPE_CHECKING

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.output import emit_json, json_option

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sciatica_coach.cli.camera import CameraCoach
    from sciatica_coach.motion.landmarks import Frame
    from sciatica_coach.plan.models import Plan
    from sciatica_coach.session.engine import Engine
    from sciatica_coach.session.record import SessionRecord
    from sciatica_coach.session.timeline import Timeline

minutes_option = click.option(
    "--minutes", type=click.IntRange(1, 120), help="Minutes for today (default: profile)."
)


def _todays_timeline(minutes: int | None) -> "tuple[Plan, Timeline]":
    from sciatica_coach.services.plan import todays_plan
    from sciatica_coach.session.timeline import compile_timeline

    store = get_store()
    plan = todays_plan(store, store.local_user_id(), clock.today(), minutes)
    return plan, compile_timeline(plan)


@click.command()
@minutes_option
@json_option
def timeline(minutes: int | None, as_json: bool) -> None:
    """Today's plan compiled to its cues, with the total length."""
    from sciatica_coach.cli.player import timeline_lines

    plan, compiled = _todays_timeline(minutes)
    if as_json:
        emit_json({**compiled.to_json(), "blocked": plan.blocked})
    elif plan.blocked:
        click.echo(f"No session today. {plan.blocked}")
    else:
        click.echo("\n".join(timeline_lines(compiled)))


@click.command()
@click.option("--voice", is_flag=True, help="Speak the cues (espeak-ng; the bell without it).")
@minutes_option
@click.option(
    "--speed",
    type=click.FloatRange(0.1, 1000),
    default=1.0,
    help="Play N times faster (demos and tests); 1 is real time.",
)
@click.option(
    "--camera",
    "device",
    is_flag=False,
    flag_value="0",
    default=None,
    metavar="[DEVICE]",
    help="Watch the positions with a camera (default 0; or a video file, or a recorded "
    ".jsonl landmark stream). Needs the motion extra; frames never leave this machine.",
)
@click.option(
    "--record",
    type=click.Path(dir_okay=False, writable=True),
    help="With --camera: also write the body landmarks seen (JSON lines, no pictures) to "
    "this file, to replay with --camera FILE.",
)
def session(
    voice: bool, minutes: int | None, speed: float, device: str | None, record: str | None
) -> None:
    """The guided session: big countdowns, side switches, rests; h stops when it hurts.

    Piped (no terminal), it prints each cue as a line with its time, in real time.
    With --camera, a hold the camera can check starts when you are in the position."""
    from rich.console import Console

    from sciatica_coach.cli.player import Player, play_piped, scaled_clock
    from sciatica_coach.cli.voice import Voice
    from sciatica_coach.session.engine import Engine

    frames = _open_camera(device, speed, record)  # before anything is opened or written
    plan, compiled = _todays_timeline(minutes)
    if plan.blocked:
        click.echo(click.style("No session today. ", bold=True, fg="red") + plan.blocked, err=True)
        if plan.next_step:
            click.echo(f"Next: {plan.next_step}", err=True)
        sys.exit(1)
    if not compiled.cues:
        click.echo("Nothing fits today: see `sciatica plan` for what was left out and why.")
        return
    ticks = scaled_clock(speed)
    started_at = clock.now()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    # the check after each technique needs a key press: asked in the terminal, not piped
    engine = Engine(compiled, ticks(), ask_checks=interactive)
    speaker = Voice(voice)
    camera = _camera_coach(engine, frames)
    try:
        if interactive:
            player = Player(engine, ticks, speaker, speed, camera)
            player.titles = {p.routine.id: p.routine.title for p in plan.routines}
            player.play(Console())
        else:
            play_piped(engine, ticks, click.echo, sys.stdin.readline, speed, speaker, camera)
    finally:
        speaker.close()
        if camera is not None:
            camera.feed.close()
    _save(engine.record(clock.today(), started_at, clock.now()))


def _open_camera(device: str | None, speed: float, record: str | None) -> "Iterator[Frame] | None":
    if device is None:
        if record is not None:
            raise click.UsageError("--record needs --camera")
        return None
    from sciatica_coach.cli.camera import open_frames, recorded

    frames = open_frames(device, speed)
    return recorded(frames, open(record, "w", encoding="utf-8")) if record else frames


def _camera_coach(engine: "Engine", frames: "Iterator[Frame] | None") -> "CameraCoach | None":
    if frames is None:
        return None
    from sciatica_coach.cli.camera import CameraCoach, CameraFeed

    return CameraCoach(engine, CameraFeed(frames))


def _save(record: "SessionRecord") -> None:
    store = get_store()
    store.save_session(store.local_user_id(), record)
    done = len(record.completed)
    skipped = f", {len(record.skipped)} skipped" if record.skipped else ""
    stops = f", {len(record.pain_stops)} pain stop(s)" if record.pain_stops else ""
    sides = f"{done} technique side{'s' if done != 1 else ''} done"
    click.echo(f"Session saved: {sides}{skipped}{stops}.")
    if record.pain_stops:
        click.echo("Stop and withdraw whenever you feel pain. The next plan will go gently.")
    for check in record.checks:
        if check.reach is not None and check.reach.value == "less":
            click.echo("Good news: the pain reached less far after a technique (it is moving "
                       "back towards your spine).")  # fmt: skip
            break
    if any(c.warns for c in record.checks):
        click.echo("Worse, or further down the leg, after a technique: twice in a row and it is "
                   "left out of your plan.")  # fmt: skip

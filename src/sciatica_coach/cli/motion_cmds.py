"""`sciatica motion check`: how the motion coach judges pictures, videos or recorded
landmark streams against a technique's position."""

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sciatica_coach.cli.output import emit_json, json_option

if TYPE_CHECKING:
    from sciatica_coach.motion.check import Verdict

STATUS_WORDS = {"in_pose": "in position", "out_of_pose": "out of position", "unknown": "unknown"}


@click.group()
def motion() -> None:
    """The motion coach on files: what it sees, without a session."""


@motion.command()
@click.argument("technique")
@click.argument(
    "files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path)
)
@json_option
def check(technique: str, files: tuple[Path, ...], as_json: bool) -> None:
    """Judge each FILE against TECHNIQUE's position, from a fresh start: a picture (seen for
    1 s), a video, or a recorded .jsonl landmark stream (no motion extra needed)."""
    from sciatica_coach.motion.check import technique_position

    technique_position(technique)  # an unknown technique fails before any file is read
    verdicts = _judge_all(technique, files)
    if as_json:
        docs = [v.to_json() for v in verdicts]
        emit_json(docs[0] if len(docs) == 1 else docs)
        return
    for v in verdicts:
        side = f", {v.side} side" if v.side else ""
        hint = f": {v.hint}" if v.hint else ""
        click.echo(f"{v.file}: {STATUS_WORDS[v.status.value]}{side}{hint}")


def _judge_all(technique: str, files: tuple[Path, ...]) -> "list[Verdict]":
    """Every file judged before anything is printed: a bad one fails the whole call."""
    from sciatica_coach.motion.check import STREAMS, UnreadableFile, judge_frames, stream_frames

    for path in files:
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
    verdicts = []
    for path in files:
        if path.suffix.lower() in STREAMS:
            verdicts.append(judge_frames(technique, stream_frames(path), str(path)))
        else:
            verdicts.append(_judge_pictures(technique, path))
    return verdicts


def _judge_pictures(technique: str, path: Path) -> "Verdict":
    """A picture or a video, through an estimator of its own: each file from a fresh start."""
    from sciatica_coach.motion.check import judge_frames, picture_frames
    from sciatica_coach.motion.estimator import MediaPipeEstimator, require_motion

    require_motion()
    estimator = MediaPipeEstimator()
    try:
        return judge_frames(technique, picture_frames(path, estimator), str(path))
    finally:
        estimator.close()

"""Stick figures for every position of the catalog: poses as data, rendered to SVG."""

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.errors import ContentError
from sciatica_coach.figures.body import Pose, skeleton
from sciatica_coach.figures.render import render_svg


class Poses(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    poses: list[Pose]


@cache
def load_poses() -> dict[str, Pose]:
    poses = load_model(resources.files("sciatica_coach.figures") / "poses.toml", Poses).poses
    found = {p.id: p for p in poses}
    if len(found) != len(poses):
        raise ContentError("poses.toml: id: two poses share an id")
    return found


def figure_svg(figure: str) -> str:
    """The SVG of a timeline figure id, `POSE:right|left|none`."""
    pose_id, _, side = figure.partition(":")
    poses = load_poses()
    if pose_id not in poses:
        raise ContentError(f"poses.toml: {pose_id}: no such pose")
    pose = poses[pose_id]
    origin = poses.get(pose.moves_from) if pose.moves_from else None
    return render_svg(pose, "left" if side == "left" else "right", origin)


__all__ = ["Pose", "figure_svg", "load_poses", "render_svg", "skeleton"]

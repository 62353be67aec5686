"""Figures for every position of the catalog: poses as data, rendered to SVG."""

from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.errors import ContentError
from sciatica_coach.figures.body import Pose, skeleton
from sciatica_coach.figures.render import pose_label, render_svg
from sciatica_coach.figures.rig import resolve


class Poses(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    poses: list[Pose]


@cache
def load_poses() -> dict[str, Pose]:
    """Every pose by id, the arms that reach for something already turned to reach it."""
    poses = load_model(resources.files("sciatica_coach.figures") / "poses.toml", Poses).poses
    found = {p.id: resolve(p) for p in poses}
    if len(found) != len(poses):
        raise ContentError("poses.toml: id: two poses share an id")
    for p in poses:
        if p.moves_from is not None and p.moves_from not in found:
            raise ContentError(f"poses.toml: {p.id}: moves_from: no such pose {p.moves_from!r}")
    return found


def _pose(figure: str) -> tuple[Pose, str]:
    pose_id, _, side = figure.partition(":")
    poses = load_poses()
    if pose_id not in poses:
        raise ContentError(f"poses.toml: {pose_id}: no such pose")
    return poses[pose_id], "left" if side == "left" else "right"


@lru_cache(maxsize=256)  # a few dozen figures; rendering one takes milliseconds
def figure_svg(figure: str) -> str:
    """The SVG of a timeline figure id, `POSE:right|left|none`."""
    pose, side = _pose(figure)
    origin = load_poses()[pose.moves_from] if pose.moves_from else None
    return render_svg(pose, side, origin)


def figure_alt(figure: str | None) -> str:
    """The text alternative of a timeline figure id: what the picture shows ("" when there is
    no picture, or none can be drawn for it)."""
    pose_id = (figure or "").partition(":")[0]
    if pose_id not in load_poses():
        return ""
    pose, side = _pose(str(figure))
    return pose_label(pose, side)


__all__ = ["Pose", "figure_alt", "figure_svg", "load_poses", "render_svg", "skeleton"]

"""The figures: one SVG per position and side, `/figures/POSE:SIDE.svg` (the timeline's
figure ids). The same for everyone, so browsers may keep them for a day."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from sciatica_coach.errors import ContentError
from sciatica_coach.figures import figure_svg

router = APIRouter()


@router.get("/figures/{figure}.svg")
def figure(figure: str) -> Response:
    pose, _, side = figure.partition(":")
    if side not in ("right", "left", "none"):
        raise HTTPException(status_code=404, detail="There is no such figure.")
    try:
        svg = figure_svg(f"{pose}:{side}")
    except ContentError:
        raise HTTPException(status_code=404, detail="There is no such figure.") from None
    headers = {"cache-control": "public, max-age=86400"}
    return Response(svg, media_type="image/svg+xml", headers=headers)

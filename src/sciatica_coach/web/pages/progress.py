"""The progress page: the four-week verdict first, then the numbers and the chart."""

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.progress.verdict import VERDICT_TITLES
from sciatica_coach.services.outcomes import function_lines, outcome_tracks
from sciatica_coach.services.progress import Progress, progress_of
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import PageUser
from sciatica_coach.web.pages.common import render
from sciatica_coach.web.security import IMAGE_POLICY

router = APIRouter()
_CHART_LOCK = threading.Lock()  # matplotlib's pyplot is not thread-safe


@router.get("/progress")
def progress_page(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    found = progress_of(web.store, account.id, web.settings.today())
    a = found.assessment
    context: dict[str, Any] = {
        "title": "Your progress",
        "nav": "progress",
        "a": a,
        "reach": found.reach,
        "function": function_lines(outcome_tracks(web.store, account.id, web.settings.today())),
    }
    if a is not None:
        context |= {
            "verdict_title": VERDICT_TITLES[a.verdict.value],
            "recent": list(reversed(found.entries[-14:])),
            "session_days": found.session_days,
            "sessions": len(found.sessions),
        }
    return render(request, "progress.html", context)


@router.get("/progress/chart.svg")
def progress_chart(request: Request, account: PageUser, size: str | None = None) -> Response:
    """The chart as an SVG image (text kept as text, so it stays small); `size=narrow` for a
    phone."""
    web = get_web(request)
    found = progress_of(web.store, account.id, web.settings.today())
    return chart_response(found, narrow=size == "narrow")


CHARTS_KEPT = 256  # drawn charts kept per worker, by what they show
_charts: OrderedDict[str, bytes] = OrderedDict()


def chart_response(found: Progress, narrow: bool = False) -> Response:
    """One person's pain chart as SVG: the person's own page and their clinician's. A chart
    is drawn once per version of what it shows (the diary, the sessions, the verdict) and
    kept: drawing takes about a second, and most views repeat the last one."""
    version = hashlib.sha256(
        repr((found.entries, sorted(found.session_days), found.assessment, narrow)).encode()
    ).hexdigest()
    with _CHART_LOCK:
        image = _charts.get(version)
        if image is None:
            image = _draw(found, narrow)
            _charts[version] = image
            while len(_charts) > CHARTS_KEPT:
                _charts.popitem(last=False)
        _charts.move_to_end(version)
    headers = {"cache-control": "private, no-store", "content-security-policy": IMAGE_POLICY}
    return Response(image, media_type="image/svg+xml", headers=headers)


def _draw(found: Progress, narrow: bool) -> bytes:
    import matplotlib

    from sciatica_coach.reports.charts import pain_chart

    # Text kept as text (small and crisp), a little larger to read on a phone.
    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": 12}):
        return pain_chart(found.entries, found.session_days, found.assessment, "svg", narrow)

"""The progress chart: a narrow drawing for phones (legend under the plot), drawn once per
version of what it shows, and the same builder as the report's."""

from typing import Any

import pytest

from sciatica_coach.web.pages import progress as progress_page
from tests.web.conftest import api, page, register


def test_a_phone_gets_the_narrow_chart_and_each_version_is_drawn_once(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(client)
    api(client, "POST", "/api/diary", json={"date": "2026-11-20", "leg_pain": 6, "back_pain": 2})
    drawn: list[bool] = []
    real = progress_page._draw

    def counting(found: Any, narrow: bool) -> bytes:
        drawn.append(narrow)
        return real(found, narrow)

    monkeypatch.setattr(progress_page, "_draw", counting)
    progress_page._charts.clear()
    doc = page(client.get("/progress"))
    source = doc.select_one("figure.chart picture source")
    assert source is not None and source["srcset"] == "/progress/chart.svg?size=narrow"
    narrow = client.get(source["srcset"])
    wide = client.get("/progress/chart.svg")
    assert narrow.headers["content-type"] == "image/svg+xml" and narrow.content != wide.content
    assert client.get("/progress/chart.svg").content == wide.content
    assert drawn == [True, False]  # the repeat came from the kept drawing
    api(client, "POST", "/api/diary", json={"date": "2026-11-21", "leg_pain": 5, "back_pain": 2})
    assert client.get("/progress/chart.svg").content != wide.content  # a new version
    assert drawn == [True, False, False]

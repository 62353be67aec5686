"""One table of event traces, played through both player engines: the terminal's
(session/engine.py) and the browser's (web/static/engine.js, under Node). Each must show the
views and store the record the table gives, so the two cannot drift apart."""

import functools
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.catalog import Side
from sciatica_coach.session import Feeling, PainChange, ReachChange
from sciatica_coach.session.engine import Engine, View
from sciatica_coach.session.timeline import Cue, CueKind, Timeline

HERE = Path(__file__).parent
TABLE = json.loads((HERE / "traces.json").read_text())
NAMES = [t["name"] for t in TABLE["traces"]]


def _timeline() -> Timeline:
    cues, start = [], 0
    for c in TABLE["timeline"]:
        side = Side(c["side"]) if c.get("side") else None
        fields = {k: v for k, v in c.items() if k not in ("kind", "side")}
        cues.append(Cue(CueKind(c["kind"]), side=side, start=start, **fields))
        start += c["seconds"]
    return Timeline(tuple(cues))


def _python_view(view: View) -> dict[str, Any]:
    return {
        "state": view.state.value,
        "index": view.index,
        "entry": view.entry,
        "remaining": view.remaining,
        "cue_progress": view.cue_progress,
        "session_progress": view.session_progress,
        "waiting": view.waiting,
        "side_to_do": view.side_to_do.value if view.side_to_do else None,
        "checking": view.checking,
    }


def _watching(figures: list[str] | None) -> Callable[[str | None], bool] | None:
    return None if figures is None else (lambda figure: figure in figures)


def _play_in_python(trace: dict[str, Any]) -> dict[str, Any]:
    # as both players play it: the check is asked after every technique
    engine = Engine(_timeline(), 0.0, watch=_watching(trace.get("camera")), ask_checks=True)
    views = []
    for step in trace["steps"]:
        at = step["at"]
        if "view" in step:
            views.append(_python_view(engine.view(at)))
        elif step["do"] == "feel":
            engine.feel(Feeling(step["value"]) if step["value"] else None)
        elif step["do"] == "pain":
            engine.pain(step["value"])
        elif step["do"] == "answer_pain":
            engine.answer_pain(PainChange(step["value"]))
        elif step["do"] == "answer_reach":
            engine.answer_reach(ReachChange(step["value"]))
        elif step["do"] == "after_check":
            pain, reach = step["value"]
            engine.after_check(
                at, PainChange(pain) if pain else None, ReachChange(reach) if reach else None
            )
        elif step["do"] == "watch_from":
            engine.watch_from(_watching(step["value"]), at)  # type: ignore[arg-type]
        else:
            getattr(engine, step["do"])(at)
    record = engine.record(
        __import__("datetime").date(2026, 11, 24),
        __import__("datetime").datetime(2026, 11, 24, 9),
        __import__("datetime").datetime(2026, 11, 24, 10),
    )
    return {
        "views": views,
        "record": {
            "completed": [[c.routine_id, c.side] for c in record.completed],
            "skipped": [[c.routine_id, c.side] for c in record.skipped],
            "pain_stops": [
                [p.routine_id, p.side, p.step_index, p.severity] for p in record.pain_stops
            ],
            "feeling": record.feeling.value if record.feeling else None,
            "finished": record.finished,
            "checks": [
                [c.routine_id, c.pain.value if c.pain else None, c.reach.value if c.reach else None]
                for c in record.checks
            ],
        },
    }


@functools.cache
def _played_in_the_browser_engine() -> list[dict[str, Any]]:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js runs the browser's engine in the tests (the Makefile installs npm)"
    doc = {"timeline": _timeline().to_json(), "traces": TABLE["traces"]}
    out = subprocess.run(
        [node, str(HERE / "run_traces.js")],
        input=json.dumps(doc), capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    results: list[dict[str, Any]] = json.loads(out.stdout)
    for result in results:
        r = result["record"]
        r["completed"] = [[c["routine_id"], c["side"]] for c in r["completed"]]
        r["skipped"] = [[c["routine_id"], c["side"]] for c in r["skipped"]]
        r["pain_stops"] = [
            [p["routine_id"], p["side"], p["step_index"], p["severity"]] for p in r["pain_stops"]
        ]
        r["checks"] = [[c["routine_id"], c["pain"], c["reach"]] for c in r["checks"]]
    return results


def _check(result: dict[str, Any], trace: dict[str, Any]) -> None:
    wanted = [step["view"] for step in trace["steps"] if "view" in step]
    for n, (want, got) in enumerate(zip(wanted, result["views"], strict=True)):
        for key, value in want.items():
            if isinstance(value, float | int) and not isinstance(value, bool):
                assert got[key] == pytest.approx(value, abs=1e-6), (n, key, got)
            else:
                assert got[key] == value, (n, key, got)
    assert result["record"] == trace["record"]


@pytest.mark.parametrize("trace", TABLE["traces"], ids=NAMES)
def test_the_terminal_players_engine_follows_the_trace(trace: dict[str, Any]) -> None:
    _check(_play_in_python(trace), trace)


@pytest.mark.parametrize("n", range(len(NAMES)), ids=NAMES)
def test_the_browsers_engine_follows_the_trace(n: int) -> None:
    _check(_played_in_the_browser_engine()[n], TABLE["traces"][n])

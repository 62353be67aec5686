"""The safety path: triage and today's plan in memory (built on every `plan`, `timeline`,
`session` and their web pages), and `sciatica plan --json` as a whole command beside a bare
Python start."""

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import summary, wall_times
from sciatica_coach.catalog import Side, load_catalog
from sciatica_coach.plan.builder import History, build_plan
from sciatica_coach.safety.profile import Profile
from sciatica_coach.safety.screening import load_questions, triage
from sciatica_coach.session import Completed, PainStop, SessionRecord


def per_call_us(function: object, runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        function()  # type: ignore[operator]
    return (time.perf_counter() - start) / runs * 1e6


def ninety_days() -> History:
    """A session a day for 90 days, each with every technique and one pain stop."""
    start = datetime(2026, 8, 1, 8, tzinfo=UTC)
    ids = load_catalog().ids
    sessions = [
        SessionRecord(
            (start + timedelta(days=n)).date(),
            start + timedelta(days=n),
            start + timedelta(days=n, minutes=20),
            completed=tuple(Completed(rid, None) for rid in ids),
            pain_stops=(PainStop(ids[n % len(ids)], Side.RIGHT, 1, 5),),
        )
        for n in range(90)
    ]
    return History(sessions)


def main() -> None:
    answers = {q.id: q.id.endswith("e") for q in load_questions().questions}
    us = per_call_us(lambda: triage(answers), 20000)
    print(f"triage of all {len(answers)} answers: {us:.1f} µs")
    catalog, today = load_catalog(), datetime.now(UTC).date()
    profile = Profile(minutes=15, hold_seconds=20, hip_replacement=True)
    history = ninety_days()
    us = per_call_us(lambda: build_plan(catalog, profile, today, history), 2000)
    print(f"build_plan with 90 days of sessions: {us:.1f} µs")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SCIATICA_DB": f"sqlite:///{Path(folder) / 'b.db'}"}
        sciatica = str(Path(sys.executable).with_name("sciatica"))
        clear_file = Path(folder) / "clear.json"
        clear_file.write_text("{}")
        wall_times([sciatica, "check", "--answers", str(clear_file)], 1, env)
        print(f"sciatica plan --json: {summary(wall_times([sciatica, 'plan', '--json'], 20, env))}")
    print(f"python -c pass:       {summary(wall_times([sys.executable, '-c', 'pass'], 20))}")

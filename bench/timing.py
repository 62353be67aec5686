"""Small helpers the benchmarks share."""

import statistics
import subprocess
import time
from collections.abc import Sequence


def wall_times(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall-clock seconds of `runs` runs of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def summary(values: Sequence[float], unit: str = "ms", scale: float = 1000) -> str:
    return (
        f"median {statistics.median(values) * scale:.1f} {unit}, "
        f"p99 {percentile(values, 99) * scale:.1f} {unit} (n={len(values)})"
    )

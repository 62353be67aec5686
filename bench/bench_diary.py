"""The diary at the speed of a person: `sciatica log` against a bare interpreter's start
(`python -c pass`), as ratios measured in the same run (runs interleaved, so a change in the
machine's load hits both). Wall time is what a person waits; CPU time (user + system of the
child) holds up better on a busy machine. Target: log at most 30x.

The package's bytecode is compiled first, as pip does when it installs a package: where
PYTHONDONTWRITEBYTECODE is set (as on this machine) an editable install would otherwise compile
every module of the command from source on every run (about 80 ms of `sciatica log`)."""

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BIN = Path(sys.executable).parent
RUNS = 11


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def _run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    import sciatica_coach

    compileall.compile_dir(Path(sciatica_coach.__file__).parent, quiet=1)
    sciatica = str(BIN / "sciatica")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        # what `log` cannot do without: its libraries and the one diary model
        "log's libraries": [
            sys.executable,
            "-c",
            "import click, sqlalchemy.dialects.sqlite; import sciatica_coach.progress.models",
        ],
        "sciatica log": [sciatica, "log", "--leg", "5", "--back", "3"],
        "sciatica diary": [sciatica, "diary"],
        "sciatica catalog": [sciatica, "catalog"],
    }
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SCIATICA_DB": f"sqlite:///{folder}/bench.db"}
        _run(commands["sciatica log"], env)  # create + migrate
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                times[name].append(_run(command, env))
    bare_wall = statistics.median(w for w, _ in times["python -c pass"])
    bare_cpu = statistics.median(c for _, c in times["python -c pass"])
    for name, values in times.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"  {name:<17} wall {wall * 1000:6.0f} ms = {wall / bare_wall:5.1f}x   "
              f"CPU {cpu * 1000:6.0f} ms = {cpu / bare_cpu:5.1f}x  the bare interpreter "
              f"(median of {RUNS}, {load()})")  # fmt: skip


if __name__ == "__main__":
    main()

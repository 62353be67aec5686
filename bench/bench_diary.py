"""The diary at the speed of a person: how long `sciatica log` takes against a bare Python."""

import os
import sys
import tempfile
from pathlib import Path

from bench.timing import summary, wall_times

BIN = Path(sys.executable).parent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SCIATICA_DB": f"sqlite:///{folder}/bench.db"}
        sciatica = str(BIN / "sciatica")
        wall_times([sciatica, "log", "--leg", "1", "--back", "1"], 1, env)  # create + migrate
        bare = wall_times([sys.executable, "-c", "pass"], 10, env)
        log = wall_times([sciatica, "log", "--leg", "5", "--back", "3"], 10, env)
        catalog = wall_times([sciatica, "catalog"], 10, env)
    print(f"python -c pass:   {summary(bare)}")
    print(f"sciatica log:     {summary(log)}")
    print(f"sciatica catalog: {summary(catalog)}")

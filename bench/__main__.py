"""Run every benchmark module in this folder (each has a `main()` that prints its figures)."""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path


def _calibration() -> None:
    """This machine's speed today, so figures from different days can be compared."""
    started, total = time.perf_counter(), 0
    for i in range(10**7):
        total += i
    print(f"== machine: a 10-million-step Python loop takes {time.perf_counter() - started:.2f} s")


def main() -> None:
    only = set(sys.argv[1:])
    # The benchmarks sign up hundreds of people from 127.0.0.1; a real address gets 20 an hour.
    os.environ.setdefault("SCIATICA_REGISTER_PER_HOUR", "100000")
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures as they come
    _calibration()
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("bench_") and (not only or info.name in only):
            print(f"== {info.name}", flush=True)
            importlib.import_module(f"bench.{info.name}").main()


if __name__ == "__main__":
    main()

"""Run every benchmark module in this folder (each has a `main()` that prints its figures)."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    only = set(sys.argv[1:])
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures as they come
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("bench_") and (not only or info.name in only):
            print(f"== {info.name}", flush=True)
            importlib.import_module(f"bench.{info.name}").main()


if __name__ == "__main__":
    main()

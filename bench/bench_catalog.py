"""How long loading and validating the whole catalog takes (it runs at every CLI start)."""

import time

from sciatica_coach.catalog.loader import _DATA, load_education, load_routines


def main() -> None:
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        load_routines(_DATA / "routines")
        load_education.cache_clear()
        load_education()
    per_load = (time.perf_counter() - start) / runs * 1000
    print(f"catalog + education load and validate: {per_load:.2f} ms")

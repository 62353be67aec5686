"""The core decides and front ends only show (DESIGN.md): the core packages never import
a front end, a database or a drawing library, and nothing heavy runs at import."""

import subprocess
import sys

import pytest

CORE = ["catalog", "safety", "plan", "session", "progress", "figures", "motion", "outcomes"]
FORBIDDEN = [
    "click", "typer", "rich", "textual", "fastapi", "starlette", "jinja2", "sqlalchemy",
    "alembic", "psycopg", "matplotlib", "reportlab", "fpdf", "uvicorn",
    "sciatica_coach.store", "sciatica_coach.cli", "sciatica_coach.web", "sciatica_coach.reports",
    "sciatica_coach.interop", "mediapipe", "cv2", "numpy",
]  # fmt: skip
# The motion coach's heavy libraries load only when a camera or the estimator is used.


@pytest.mark.parametrize("package", CORE)
def test_core_package_imports_no_front_end(package: str) -> None:
    code = (
        "import importlib, importlib.util, sys\n"
        f"name = 'sciatica_coach.{package}'\n"
        "if importlib.util.find_spec(name) is None: print('ABSENT'); raise SystemExit\n"
        "importlib.import_module(name)\n"
        "import pkgutil\n"
        "mod = sys.modules[name]\n"
        "for info in pkgutil.walk_packages(mod.__path__, name + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    if out == ["ABSENT"]:
        return  # a package not built yet has nothing to check
    loaded = set(out)
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []

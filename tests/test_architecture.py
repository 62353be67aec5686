"""The core decides and front ends only show (DESIGN.md): the core packages never import
a front end, a database or a drawing library, and nothing heavy runs at import."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sciatica_coach

SOURCE = Path(sciatica_coach.__file__).parent
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


# A sentence a person reads: a capital, then at least three more words in lower case.
_SENTENCE = re.compile(r"^[A-Z][a-z']*(?:\W+[a-z']{2,}){3,}")


def _sentences(path: Path) -> list[str]:
    """Strings in a module's code (docstrings aside) that read as a sentence; for an f-string,
    its literal parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = "" if id(node) in skip else node.value
        else:
            continue
        if _SENTENCE.match(text):
            found.append(f"{path.name}:{node.lineno}: {text[:60]!r}")
    return found


@pytest.mark.parametrize("package", CORE)
def test_the_core_keeps_its_words_in_content_files(package: str) -> None:
    """Decisions as keys, wording as data: what a person reads is in the content files (one
    wording, one place), not written into a core module."""
    modules = sorted((SOURCE / package).rglob("*.py"))
    assert modules
    assert [line for module in modules for line in _sentences(module)] == []


def test_the_sentence_finder_finds_sentences_and_nothing_else(tmp_path: Path) -> None:
    module = tmp_path / "words.py"
    module.write_text(
        '"""A docstring is not a sentence a person reads."""\n'
        'GENTLY = "It hurt last time: go gently."\n'
        "def note(side):\n"
        '    return f"Now the same on the {side} side."\n'
        'PATH = "MLA 0 0 0 LA 0 0 0 Z"\n'
        'KEY = "see_doctor"\n'
    )
    found = [line.split(": ", 1)[1] for line in _sentences(module)]
    assert found == ["'It hurt last time: go gently.'", "'Now the same on the  side.'"]

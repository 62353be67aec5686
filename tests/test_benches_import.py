"""Every benchmark module imports and names what it uses (a bench is run by hand, so a
broken import would otherwise wait for the next `make bench` to be found)."""

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import bench
import pytest

MODULES = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_a_bench_module_imports_and_its_local_imports_resolve(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports inside functions too: they run only in a bench
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("sciatica_coach"):
                continue
            imported = importlib.import_module(node.module)
            for alias in node.names:
                package = hasattr(imported, "__path__")
                found = hasattr(imported, alias.name) or (
                    package and importlib.util.find_spec(f"{node.module}.{alias.name}")
                )
                assert found, f"bench.{name}: {node.module} has no {alias.name}"

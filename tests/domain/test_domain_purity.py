"""The domain core stays pure: standard library and numpy only, nothing else from fovea."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import fovea.domain
import fovea.domain.sequences as sequences

DOMAIN = Path(fovea.domain.__file__).parent
MODULES = sorted(DOMAIN.glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            roots.add(node.module)
    return roots


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_module_imports_only_stdlib_numpy_and_the_domain(path: Path) -> None:
    for name in imported_roots(path):
        top = name.split(".")[0]
        allowed = top in sys.stdlib_module_names or top == "numpy"
        allowed = allowed or name == "fovea.domain" or name.startswith("fovea.domain.")
        assert allowed, f"{path.name} imports {name}"


def test_public_api_is_reexported_from_the_package() -> None:
    for name in sequences.__all__:
        assert getattr(fovea.domain, name) is getattr(sequences, name)

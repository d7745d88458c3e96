"""The web app's typed client is generated from ``frontend/openapi.json``: it must be current."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _export_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "export_openapi", ROOT / "scripts" / "export_openapi.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_openapi_file_matches_the_current_schema() -> None:
    script = _export_script()
    committed = script.SCHEMA_FILE.read_text(encoding="utf-8")
    fresh = committed == script.render_openapi()  # not compared in the assert: no 300 kB diff
    assert fresh, "frontend/openapi.json is stale: run `make api-client` and commit it"


def test_schema_holds_api_routes_only_not_the_web_app() -> None:
    paths = json.loads(_export_script().render_openapi())["paths"]
    outside = [path for path in paths if not path.startswith(("/api/", "/health", "/metrics"))]
    assert outside == []

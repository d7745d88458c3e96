"""Write the API's OpenAPI schema to ``frontend/openapi.json``, the web app's typed client source.

Run ``make api-client`` after changing a route or a schema;
``tests/server/test_openapi_export.py`` fails while the file is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from fovea.config import Settings
from fovea.server import create_app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "frontend" / "openapi.json"


def render_openapi() -> str:
    """The schema as the committed file holds it: sorted keys, indent 2, a final newline."""
    schema = create_app(Settings()).openapi()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    SCHEMA_FILE.write_text(render_openapi(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Regenerate ``0001_initial.py`` from the models, before the first release only.

Until fovea ships a release there is one migration holding the whole schema. Run
``make migration`` after changing a model: it autogenerates the revision against an empty
embedded PostgreSQL. ``tests/db/test_migrations.py`` fails while the file is stale.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import text

from fovea.db.embedded import start_embedded
from fovea.db.engine import make_sync_engine
from fovea.db.migrate import MIGRATIONS_DIR, alembic_config

INITIAL = MIGRATIONS_DIR / "versions" / "0001_initial.py"


def main() -> None:
    INITIAL.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        server = start_embedded(Path(data_dir))
        engine = make_sync_engine(server.url)
        try:
            with engine.connect() as connection:
                connection.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
                connection.commit()
                config = alembic_config(connection)
                command.revision(config, "initial schema", autogenerate=True, rev_id="0001")
        finally:
            engine.dispose()
            server.stop()
    generated = next((MIGRATIONS_DIR / "versions").glob("0001_*.py"))
    generated.rename(INITIAL)
    subprocess.run([sys.executable, "-m", "ruff", "format", str(INITIAL)], check=True)
    subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "-q", str(INITIAL)], check=True)
    print(f"wrote {INITIAL}")


if __name__ == "__main__":
    main()

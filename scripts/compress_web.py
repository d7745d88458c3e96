"""Write a gzip sibling (``name.gz``) of every compressible file of the built web app.

``make frontend`` runs it after ``npm run build``; ``fovea server`` sends the sibling to clients
that accept gzip (see ``fovea.server.spa``), so nothing is compressed per request. A sibling is
written only when it saves at least 5 %; stale siblings (whose file is gone or was not worth
compressing any more) are removed. Deterministic: the gzip header carries no name or time.

Usage: ``python scripts/compress_web.py [WEB_DIR]`` (default ``frontend/dist``).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".ico", ".wasm"}
MIN_SAVING = 0.05


def compress_folder(web_dir: Path) -> tuple[int, int]:
    """Write the siblings under ``web_dir``; the bytes of the originals and of what is sent."""
    original_bytes = sent_bytes = 0
    for path in sorted(web_dir.rglob("*")):
        if not path.is_file() or path.suffix == ".gz":
            continue
        data = path.read_bytes()
        sibling = path.with_name(f"{path.name}.gz")
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        worth_it = path.suffix in COMPRESSIBLE and len(packed) <= len(data) * (1 - MIN_SAVING)
        if worth_it:
            sibling.write_bytes(packed)
        else:
            sibling.unlink(missing_ok=True)
        original_bytes += len(data)
        sent_bytes += len(packed) if worth_it else len(data)
    for sibling in web_dir.rglob("*.gz"):
        if not sibling.with_suffix("").is_file():
            sibling.unlink()
    return original_bytes, sent_bytes


def main() -> None:
    web_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "frontend" / "dist"
    if not (web_dir / "index.html").is_file():
        sys.exit(f"{web_dir} holds no index.html: build the web app first (make frontend)")
    original_bytes, sent_bytes = compress_folder(web_dir)
    print(f"compressed {web_dir}: {original_bytes} bytes, {sent_bytes} with gzip")


if __name__ == "__main__":
    main()

"""The web app: the built files of ``FOVEA_WEB_DIR`` at ``/``, for every path no API route has.

``install_spa`` makes the web app the router's *default* app, which Starlette calls only when no
route matched the path, fully or by path alone: an API path asked with the wrong method still
answers 405, routers added later need no ordering, and nothing of this is in the OpenAPI schema.
For a GET or HEAD:

- a file of the folder is served as it is, with ranges and validators: ``assets/`` (names with
  a content hash) cached for a year as immutable, ``index.html`` revalidated on every load
  (``no-cache``), other files (the favicon) cached for an hour; its ``.gz`` sibling (written
  by ``scripts/compress_web.py``) is sent instead when the client accepts gzip;
- any other path (a deep link such as ``/videos/{id}``) answers ``index.html``, ``no-cache``,
  and the web app's router shows that page;
- a missing file under ``assets/`` or a missing name with an extension answers 404, not the page
  (a script tag must not receive HTML);
- the API's own paths (``/api``, ``/docs``, ``/redoc``, ``/openapi.json``, ``/health*``,
  ``/metrics``) never answer the page: an unknown one stays a JSON 404;
- ``..``, hidden names and symlinks leading out of the folder answer 404.

When the folder has no ``index.html`` (the web app is not built) the page says how to build it;
the API works the same either way. The folder is looked at on every request, so a build made
while the server runs is served at once. No compression middleware wraps the app: it would
break the range requests of video streams.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import anyio
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from fovea.errors import NotFound
from fovea.videos.responses import MediaFileResponse

INDEX = "index.html"
ASSETS = "assets"
INDEX_CACHE = "no-cache"
ASSET_CACHE = "public, max-age=31536000, immutable"
FILE_CACHE = "public, max-age=3600"
API_PREFIXES = ("/api", "/docs", "/redoc", "/openapi.json", "/metrics")
NOT_BUILT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fovea</title></head>
<body>
<h1>The fovea web app is not built</h1>
<p>Run <code>make run</code> (it builds the web app and starts fovea) or
<code>make frontend</code>, then reload this page.</p>
<p>The API works without it: <a href="/docs">/docs</a>.</p>
</body></html>
"""


@dataclass(frozen=True)
class WebFile:
    """What answers one request: a file of the folder and the headers it goes with."""

    path: Path
    stat_result: os.stat_result
    content_type: str
    headers: dict[str, str]


def is_api_path(path: str) -> bool:
    """Whether ``path`` belongs to the API, whose unknown paths must stay JSON 404s."""
    if path.startswith("/health"):
        return True
    return any(path == prefix or path.startswith(f"{prefix}/") for prefix in API_PREFIXES)


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` value allows gzip (``gzip``, else ``*``, with q > 0)."""
    qualities: dict[str, float] = {}
    for item in (accept_encoding or "").split(","):
        coding, _, params = item.partition(";")
        qualities[coding.strip().lower()] = _quality(params)
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0


def _relative(route_path: str) -> PurePosixPath:
    """The request path inside the folder; NotFound for ``..``, hidden or odd names."""
    parts = [part for part in route_path.split("/") if part]
    if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        raise NotFound(f"{route_path!r} is not a file of the web app")
    return PurePosixPath(*parts)


def _regular_file(base: Path, relative: PurePosixPath) -> tuple[Path, os.stat_result] | None:
    path = base.joinpath(*relative.parts).resolve()
    if not path.is_relative_to(base):
        raise NotFound(f"{relative} leads outside the web app's folder")
    try:
        stat_result = path.stat()
    except OSError:
        return None
    return (path, stat_result) if stat.S_ISREG(stat_result.st_mode) else None


def _content_type(name: str) -> str:
    content_type, encoding = mimetypes.guess_type(name)
    if encoding is not None:  # asked for a compressed file itself, e.g. app.js.gz
        return "application/gzip" if encoding == "gzip" else "application/octet-stream"
    return content_type or "application/octet-stream"


def _cache_of(relative: PurePosixPath) -> str:
    if relative == PurePosixPath(INDEX):
        return INDEX_CACHE
    return ASSET_CACHE if relative.parts[0] == ASSETS else FILE_CACHE


def _variant(found: tuple[Path, os.stat_result], cache: str, gzip_ok: bool) -> WebFile:
    """The file itself, or its ``.gz`` sibling when one exists and the client takes gzip."""
    path, stat_result = found
    content_type = _content_type(path.name)
    headers = {"cache-control": cache}
    compressed = path.with_name(f"{path.name}.gz")
    try:
        compressed_stat = compressed.stat()
    except OSError:
        return WebFile(path, stat_result, content_type, headers)
    headers["vary"] = "Accept-Encoding"
    if gzip_ok and stat.S_ISREG(compressed_stat.st_mode):
        headers["content-encoding"] = "gzip"
        return WebFile(compressed, compressed_stat, content_type, headers)
    return WebFile(path, stat_result, content_type, headers)


def choose_file(web_dir: Path, route_path: str, gzip_ok: bool) -> WebFile | None:
    """The file answering ``route_path``; None when the folder holds no ``index.html``.

    Blocking (it stats files): call it in a worker thread.
    """
    base = web_dir.resolve()
    relative = _relative(route_path)
    if relative.parts:
        found = _regular_file(base, relative)
        if found is not None:
            return _variant(found, _cache_of(relative), gzip_ok)
        if relative.parts[0] == ASSETS or relative.suffix:
            raise NotFound(f"the web app has no file {route_path}")
    index = _regular_file(base, PurePosixPath(INDEX))
    return None if index is None else _variant(index, INDEX_CACHE, gzip_ok)


class SpaFallback:
    """The ASGI app answering what no route matched: the web app, else ``not_found``."""

    def __init__(self, web_dir: Path, not_found: ASGIApp) -> None:
        self.web_dir = web_dir
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or is_api_path(path):
            await self.not_found(scope, receive, send)
            return
        gzip_ok = accepts_gzip(Headers(scope=scope).get("accept-encoding"))
        found = await anyio.to_thread.run_sync(choose_file, self.web_dir, path, gzip_ok)
        response: Response
        if found is None:
            response = HTMLResponse(NOT_BUILT_PAGE, headers={"cache-control": INDEX_CACHE})
        else:
            response = MediaFileResponse(
                found.path,
                stat_result=found.stat_result,
                media_type=found.content_type,
                headers=found.headers,
            )
        await response(scope, receive, send)


def install_spa(app: FastAPI, web_dir: Path) -> None:
    """Serve the web app built in ``web_dir`` for every path no route of ``app`` matches."""
    app.router.default = SpaFallback(web_dir, app.router.not_found)

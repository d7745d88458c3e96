"""Serving files of the library: Starlette's ``FileResponse`` with the conditional requests it
lacks and multiple ranges refused.

``FileResponse`` already answers ``Range`` (single ranges, open-ended ``bytes=500-``, suffix
``bytes=-500``; 416 with ``Content-Range: bytes */size`` for an unsatisfiable one, 400 for a
malformed one), sends ``Accept-Ranges``, ``ETag``, ``Last-Modified`` and honours ``If-Range``.
On top of it this class answers:

- ``If-None-Match`` matching the ETag (weak comparison, or ``*``) -> 304;
- ``If-Modified-Since`` not older than the file (and no ``If-None-Match``) -> 304;
- a ``Range`` of two or more ranges -> 416: media players never ask for them, and a multipart
  body would cost as much as the whole file.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

NOT_MODIFIED_HEADERS = ("etag", "last-modified", "cache-control", "accept-ranges")


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``etag`` (weak comparison) or is ``*``."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag.removeprefix("W/") in wanted


def _not_modified_since(if_modified_since: str, last_modified: str) -> bool:
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False  # an unparsable date is ignored, as RFC 9110 says


def _range_count(range_header: str) -> int:
    units, _, ranges = range_header.partition("=")
    if units.strip().lower() != "bytes":
        return 0
    return sum(1 for part in ranges.split(",") if part.strip())


class MediaFileResponse(FileResponse):
    """A file with ranges, validators and conditional requests; pass ``stat_result``."""

    def _not_modified(self, request: Headers) -> bool:
        if_none_match = request.get("if-none-match")
        if if_none_match is not None:
            return etag_matches(if_none_match, self.headers["etag"])
        if_modified_since = request.get("if-modified-since")
        return if_modified_since is not None and _not_modified_since(
            if_modified_since, self.headers["last-modified"]
        )

    def _multiple_ranges(self, request: Headers) -> bool:
        range_header = request.get("range")
        if range_header is None or _range_count(range_header) < 2:
            return False
        if_range = request.get("if-range")
        return if_range is None or self._should_use_range(if_range)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.stat_result is not None, "pass stat_result (stat the file in a thread)"
        request = Headers(scope=scope)
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            if self._not_modified(request):
                headers = {k: self.headers[k] for k in NOT_MODIFIED_HEADERS if k in self.headers}
                return await Response(status_code=304, headers=headers)(scope, receive, send)
            if self._multiple_ranges(request):
                size = self.stat_result.st_size
                refusal = Response(
                    "multiple ranges are not served; ask for one range",
                    status_code=416,
                    headers={"content-range": f"bytes */{size}", "accept-ranges": "bytes"},
                    media_type="text/plain",
                )
                return await refusal(scope, receive, send)
        await super().__call__(scope, receive, send)

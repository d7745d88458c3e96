"""A small client of the MediaWiki action API of Wikidata (or a Wikibase mirror).

Two calls, as Wikibase documents them (``https://www.wikidata.org/w/api.php?action=help``):
``wbsearchentities`` (items whose label or alias matches a text) and ``wbgetentities`` (one
item's labels, descriptions and aliases). Errors:

    cannot connect, times out, HTTP 429 or 5xx, or a ``maxlag``/read-only error -> Unavailable
    an item Wikidata does not know (``missing``, ``no-such-entity``)           -> NotFound
    any other reply fovea cannot read (not JSON, wrong shape, other API error)  -> UpstreamFailed

``transport`` is the test seam; tests use a real local HTTP server instead where they can.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from fovea import __version__
from fovea.errors import NotFound, Unavailable, UpstreamFailed

TIMEOUT_S = 10.0
USER_AGENT = f"fovea/{__version__} (video annotation tool; self-hosted)"
ENTITY_PAGE = "https://www.wikidata.org/wiki/"
_RETRY_LATER_CODES = frozenset({"maxlag", "readonly", "ratelimited"})
_MISSING_CODES = frozenset({"no-such-entity", "missingtitle"})
ReplyT = TypeVar("ReplyT", bound=BaseModel)


def entity_url(wikidata_id: str) -> str:
    """The Wikidata page of an item, e.g. ``https://www.wikidata.org/wiki/Q42``."""
    return f"{ENTITY_PAGE}{wikidata_id}"


@dataclass(frozen=True)
class Hit:
    """One search result: an item's id, label and description (either may be empty)."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Entity:
    """An item's id (after redirects), label, description and aliases in one language."""

    id: str
    label: str
    description: str
    aliases: tuple[str, ...]


class _Reply(BaseModel):
    model_config = ConfigDict(extra="allow")


class _SearchItem(_Reply):
    id: str
    label: str = ""
    description: str = ""


class _SearchReply(_Reply):
    search: list[_SearchItem]


class _Text(_Reply):
    value: str


class _EntityItem(_Reply):
    id: str | None = None
    missing: str | None = None
    labels: dict[str, _Text] = {}
    descriptions: dict[str, _Text] = {}
    aliases: dict[str, list[_Text]] = {}


class _EntitiesReply(_Reply):
    entities: dict[str, _EntityItem]


class WikidataClient:
    """Calls one action API endpoint (``FOVEA_WIKIDATA_URL``)."""

    def __init__(self, base_url: str, *, transport: httpx.AsyncBaseTransport | None = None):
        self.base_url = base_url
        self._transport = transport

    async def search(self, text: str, *, language: str, limit: int) -> list[Hit]:
        """Items matching ``text`` (label or alias), best first, at most ``limit``."""
        params = {
            "action": "wbsearchentities", "search": text, "language": language,
            "uselang": language, "type": "item", "limit": str(limit), "format": "json",
        }  # fmt: skip
        reply = _parse(_SearchReply, await self._get(params), self.base_url)
        return [Hit(item.id, item.label, item.description) for item in reply.search[:limit]]

    async def entity(self, wikidata_id: str, *, language: str) -> Entity:
        """The item ``wikidata_id``; NotFound when Wikidata does not know it."""
        params = {
            "action": "wbgetentities", "ids": wikidata_id,
            "props": "labels|descriptions|aliases", "languages": language, "format": "json",
        }  # fmt: skip
        reply = _parse(_EntitiesReply, await self._get(params), self.base_url)
        item = reply.entities.get(wikidata_id)
        if item is None and len(reply.entities) == 1:  # a redirect answers with its target
            item = next(iter(reply.entities.values()))
        if item is None or item.missing is not None:
            raise NotFound(f"Wikidata has no item {wikidata_id}")
        label = item.labels.get(language)
        description = item.descriptions.get(language)
        return Entity(
            id=item.id or wikidata_id,
            label=label.value if label else "",
            description=description.value if description else "",
            aliases=tuple(alias.value for alias in item.aliases.get(language, [])),
        )

    async def _get(self, params: dict[str, str]) -> dict[str, Any]:
        """The JSON object the endpoint answers, with API errors raised as fovea errors."""
        try:
            async with httpx.AsyncClient(
                timeout=TIMEOUT_S, transport=self._transport, headers={"User-Agent": USER_AGENT}
            ) as client:
                response = await client.get(self.base_url, params=params)
        except httpx.HTTPError as exc:
            raise Unavailable(f"Wikidata at {self.base_url} cannot be reached: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise Unavailable(
                f"Wikidata at {self.base_url} is busy or down (HTTP {response.status_code})"
            )
        if not response.is_success:
            raise UpstreamFailed(
                f"Wikidata at {self.base_url} refused the request (HTTP {response.status_code})"
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise UpstreamFailed(f"Wikidata at {self.base_url} did not answer JSON") from exc
        if not isinstance(body, dict):
            raise UpstreamFailed(f"Wikidata at {self.base_url} answered JSON that is not an object")
        _raise_api_error(body, params, self.base_url)
        return body


def _raise_api_error(body: dict[str, Any], params: dict[str, str], base_url: str) -> None:
    """An action API error (HTTP 200 with ``{"error": {"code", "info"}}``) as a fovea error."""
    error = body.get("error")
    if error is None:
        return
    code = error.get("code") if isinstance(error, dict) else None
    info = error.get("info") if isinstance(error, dict) else None
    text = f"{code}: {info}" if info else str(code or error)
    if code in _MISSING_CODES:
        raise NotFound(f"Wikidata has no item {params.get('ids', '')}".strip())
    if code in _RETRY_LATER_CODES:
        raise Unavailable(f"Wikidata at {base_url} asks to retry later ({text})")
    raise UpstreamFailed(f"Wikidata at {base_url} answered an error: {text}")


def _parse(model: type[ReplyT], body: dict[str, Any], base_url: str) -> ReplyT:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "reply"
        raise UpstreamFailed(
            f"Wikidata at {base_url} sent a malformed reply: {where}: {problem['msg']}"
        ) from exc

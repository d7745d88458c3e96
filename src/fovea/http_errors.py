"""Translate every error into one JSON shape: ``{"error": CODE, "message", "details"}``.

Shared by the API (``fovea.server``) and the model service (``fovea.inference.app``).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from fovea.errors import FoveaError

log = logging.getLogger(__name__)
_HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    416: "RANGE_NOT_SATISFIABLE",
}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": code, "message": message, "details": details}


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path")]
    return ".".join(parts) or "request"


def _validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"{_where(tuple(first['loc']))}: {first['msg']}{more}"


def _json_safe(errors: list[Any]) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")}
        for e in errors
    ]


async def _fovea_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FoveaError)
    if exc.status_code >= 500:
        log.error("request failed: %s", exc.message)
    return JSONResponse(error_body(exc.code, exc.message, exc.details), exc.status_code)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    body = error_body("INVALID_INPUT", _validation_message(exc), _json_safe(list(exc.errors())))
    return JSONResponse(body, 422)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "HTTP_ERROR")
    return JSONResponse(
        error_body(code, str(exc.detail)), exc.status_code, headers=getattr(exc, "headers", None)
    )


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return JSONResponse(
        error_body("INTERNAL", "an unexpected error occurred; see the server log"), 500
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FoveaError, _fovea_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)

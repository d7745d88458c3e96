"""Request counts and latencies for ``/metrics``, labelled by route template, not raw path.

A plain ASGI middleware (not Starlette's BaseHTTPMiddleware, which costs a task per request).
"""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter("fovea_http_requests", "HTTP requests served", ["method", "route", "status"])
LATENCY_S = Histogram("fovea_http_request_seconds", "HTTP request latency", ["method", "route"])


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started_s = time.perf_counter()
        status = 500

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_recording_status)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            LATENCY_S.labels(scope["method"], route).observe(time.perf_counter() - started_s)
            REQUESTS.labels(scope["method"], route, str(status)).inc()

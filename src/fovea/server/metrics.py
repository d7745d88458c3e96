"""Request counts and latencies for ``/metrics``, labelled by route template, not raw path."""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

REQUESTS = Counter("fovea_http_requests", "HTTP requests served", ["method", "route", "status"])
LATENCY_S = Histogram("fovea_http_request_seconds", "HTTP request latency", ["method", "route"])


class MetricsMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started_s = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        template = getattr(route, "path", "unmatched")
        LATENCY_S.labels(request.method, template).observe(time.perf_counter() - started_s)
        REQUESTS.labels(request.method, template, str(response.status_code)).inc()
        return response

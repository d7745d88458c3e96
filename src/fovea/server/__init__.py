"""The HTTP API: ``create_app(settings)`` wires routers, error handlers and the lifespan."""

from fovea.server.app import create_app

__all__ = ["create_app"]

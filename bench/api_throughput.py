"""Annotation create/read throughput and latency with concurrent clients on loopback.

Starts ``fovea server`` as a separate process over an embedded PostgreSQL, then drives it with
``CLIENTS`` concurrent asyncio clients. ``GET /health`` in the same run is the baseline: the
ratios say what the database work costs on top of the HTTP stack on this machine.

Run: ``make bench`` (or ``PYTHONPATH=. .venv/bin/python -m bench.api_throughput``).
"""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.loadgen import Call, free_port, measure, start_server, wait_ready
from fovea.auth import service as auth_service
from fovea.db import migrate
from fovea.db.embedded import start_embedded
from fovea.db.engine import make_async_engine, make_session_factory
from fovea.videos import service as video_service

CLIENTS = 16
REQUESTS_PER_CLIENT = 60


async def _register_video(url: str) -> str:
    engine = make_async_engine(url, pool_size=1)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            actor = await auth_service.ensure_default_user(session)
            video = await video_service.register(
                session, actor, storage_uri="file:///bench.mp4", title="bench",
                width=1920, height=1080, frame_count=100_000, fps=30.0,
            )  # fmt: skip
            return str(video.id)
    finally:
        await engine.dispose()


async def _measure(name: str, call: Call, base: str) -> dict[str, Any]:
    return await measure(name, call, base, clients=CLIENTS, requests_per_client=REQUESTS_PER_CLIENT)


def _annotation(persona_id: str, type_id: str, n: int) -> dict[str, Any]:
    keyframes = [
        {"frame": f, "x": 10.0 + f, "y": 20.0, "w": 100.0, "h": 50.0, "confidence": None}
        for f in range(n % 50, n % 50 + 300, 30)
    ]
    return {"id": str(uuid.uuid4()), "kind": "type", "persona_id": persona_id,
            "type_id": type_id, "sequence": {"keyframes": keyframes}}  # fmt: skip


async def _run(base: str, video_id: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=base) as http:
        persona = (await http.post("/api/personas", json={
            "name": "bench", "role": "bench", "information_need": "speed"})).json()  # fmt: skip
        kind_path = f"/api/personas/{persona['id']}/entity-types"
        type_id = (await http.post(kind_path, json={"name": "Car", "gloss": "car"})).json()["id"]
    created: list[str] = []

    async def create(http: httpx.AsyncClient, n: int) -> httpx.Response:
        body = _annotation(persona["id"], type_id, n)
        created.append(body["id"])
        return await http.post(f"/api/videos/{video_id}/annotations", json=body)

    async def read(http: httpx.AsyncClient, n: int) -> httpx.Response:
        return await http.get(f"/api/annotations/{created[n % len(created)]}")

    async def health(http: httpx.AsyncClient, n: int) -> httpx.Response:
        return await http.get("/health")

    return [
        await _measure("GET /health (baseline)", health, base),
        await _measure("POST annotation", create, base),
        await _measure("GET annotation", read, base),
    ]


def _report(results: list[dict[str, Any]]) -> None:
    baseline = results[0]["requests_per_s"]
    print(f"{CLIENTS} concurrent clients x {REQUESTS_PER_CLIENT} requests, loopback")
    for row in results:
        print(
            f"  {row['name']:<24} {row['requests_per_s']:8.0f} req/s  "
            f"p50 {row['p50_ms']:6.1f} ms  p99 {row['p99_ms']:6.1f} ms  "
            f"({row['requests_per_s'] / baseline:.2f} x baseline throughput)"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        database = start_embedded(data_dir)
        migrate.upgrade(database.url)
        video_id = asyncio.run(_register_video(database.url))
        port = free_port()
        server = start_server(database.url, data_dir, port)
        base = f"http://127.0.0.1:{port}"
        try:
            asyncio.run(wait_ready(base))
            _report(asyncio.run(_run(base, video_id)))
        finally:
            server.terminate()
            server.wait(timeout=30)
            database.stop()


if __name__ == "__main__":
    main()

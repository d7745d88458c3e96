"""Shared pieces of the HTTP benchmarks: a server process, concurrent clients, latency stats."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

Call = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, data_dir: Path, port: int, **env: str) -> subprocess.Popen[bytes]:
    """``fovea server`` over the database at ``url``; ``env`` adds FOVEA_* settings."""
    environment = os.environ | {
        "FOVEA_DATABASE_URL": url,
        "FOVEA_DATA_DIR": str(data_dir),
        "FOVEA_PORT": str(port),
        "FOVEA_LOG_LEVEL": "WARNING",
        **env,
    }
    return subprocess.Popen([sys.executable, "-m", "fovea.cli", "server"], env=environment)


async def wait_ready(base: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                if (await http.get(f"{base}/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the server did not start")


def stats(name: str, latencies_s: list[float], elapsed_s: float) -> dict[str, Any]:
    quantiles = statistics.quantiles(latencies_s, n=100)
    return {
        "name": name,
        "requests_per_s": len(latencies_s) / elapsed_s,
        "p50_ms": quantiles[49] * 1000,
        "p99_ms": quantiles[98] * 1000,
    }


async def measure(
    name: str, call: Call, base: str, *, clients: int, requests_per_client: int
) -> dict[str, Any]:
    """Run ``call`` from ``clients`` concurrent clients; throughput and p50/p99 latency."""
    latencies_s: list[float] = []

    async def client(index: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            for n in range(requests_per_client):
                started = time.perf_counter()
                response = await call(http, index * requests_per_client + n)
                latencies_s.append(time.perf_counter() - started)
                response.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return stats(name, latencies_s, time.perf_counter() - started)

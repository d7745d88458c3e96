"""Video list latency with 10,000 videos, and random frame latency, over HTTP on loopback.

Starts ``fovea server`` as a separate process over an embedded PostgreSQL holding
``VIDEO_COUNT`` videos (inserted in bulk, each with a frame-time table of ``FRAMES_PER_VIDEO``
entries that lists must never load) plus the Big Buck Bunny sample, scanned and ingested at
start. Baselines in the same run: ``GET /health`` over HTTP and a plain ``SELECT count(*)`` on
the same database. ``CLIENTS`` concurrent clients send ``REQUESTS_PER_CLIENT`` requests each.

Run: ``make bench`` (or ``PYTHONPATH=. .venv/bin/python -m bench.video_list``).
"""

from __future__ import annotations

import asyncio
import random
import shutil
import subprocess
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, text

from bench.loadgen import Call, free_port, measure, start_server, stats, wait_ready
from fovea.auth import service as auth_service
from fovea.db import migrate
from fovea.db.embedded import start_embedded
from fovea.db.engine import make_async_engine, make_session_factory
from fovea.videos.models import Video

VIDEO_COUNT = 10_000
FRAMES_PER_VIDEO = 1_500  # one minute at 25 fps: 12 kB per row that lists must not load
CLIENTS = 8
REQUESTS_PER_CLIENT = 40
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "videos" / "big-buck-bunny-720p.mp4"
WORDS = ("harbour", "border", "convoy", "market", "airfield", "river", "bridge", "station")


def _row(owner_id: uuid.UUID, n: int) -> dict[str, Any]:
    word = WORDS[n % len(WORDS)]
    return {
        "id": uuid.uuid4(), "owner_id": owner_id, "storage_uri": f"bench:{n}.mp4",
        "title": f"{word.title()} camera {n:05d}", "description": f"Footage of the {word}",
        "uploader": f"team {n % 37}", "tags": [word, f"site-{n % 100}"],
        "upload_date": date(2015, 1, 1) + timedelta(days=n % 3000), "state": "ready",
        "info": {"like_count": n}, "duration_s": 60.0, "fps": 25.0, "frame_count": FRAMES_PER_VIDEO,
        "width": 1280, "height": 720, "codec": "h264", "is_vfr": False, "audio_streams": [],
        "media_files": {}, "frame_times_s": [i / 25 for i in range(FRAMES_PER_VIDEO)],
    }  # fmt: skip


async def _fill(url: str) -> None:
    engine = make_async_engine(url, pool_size=1)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            actor = await auth_service.ensure_default_user(session)
            for start in range(0, VIDEO_COUNT, 1000):
                rows = [_row(actor.id, n) for n in range(start, start + 1000)]
                await session.execute(insert(Video), rows)
        async with engine.connect() as connection:  # as autovacuum would, before measuring
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE videos"))
    finally:
        await engine.dispose()


async def _wait_for_sample(base: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(600):
            params = {"q": "big-buck-bunny", "state": "ready"}
            items = (await http.get("/api/videos", params=params)).json()["items"]
            if items:
                return dict(items[0])
            await asyncio.sleep(0.1)
    raise RuntimeError("the sample video was not ingested")


async def _count_baseline(url: str) -> dict[str, Any]:
    """``SELECT count(*) FROM videos`` from CLIENTS connections, without HTTP."""
    engine = make_async_engine(url, pool_size=CLIENTS)
    latencies_s: list[float] = []

    async def client() -> None:
        async with engine.connect() as connection:
            for _ in range(REQUESTS_PER_CLIENT):
                started = time.perf_counter()
                await connection.execute(text("SELECT count(*) FROM videos"))
                latencies_s.append(time.perf_counter() - started)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        return stats("SELECT count(*) (baseline)", latencies_s, time.perf_counter() - started)
    finally:
        await engine.dispose()


def _start_server(url: str, data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    return start_server(
        url, data_dir, port, FOVEA_VIDEO_DIR=str(data_dir / "videos"),
        FOVEA_SCAN_ON_START="true", FOVEA_JOB_POLL_INTERVAL_S="0.1",
    )  # fmt: skip


async def _measure(name: str, call: Call, base: str, clients: int = CLIENTS) -> dict[str, Any]:
    return await measure(name, call, base, clients=clients, requests_per_client=REQUESTS_PER_CLIENT)


def _get(path: str, **params: Any) -> Call:
    async def call(http: httpx.AsyncClient, n: int) -> httpx.Response:
        return await http.get(path, params=params)

    return call


async def _run(base: str, url: str) -> list[dict[str, Any]]:
    sample = await _wait_for_sample(base)
    frames = random.Random(7)

    async def frame(http: httpx.AsyncClient, n: int) -> httpx.Response:
        index = frames.randrange(sample["frame_count"])
        return await http.get(f"/api/videos/{sample['id']}/frames/{index}")

    async def step(http: httpx.AsyncClient, n: int) -> httpx.Response:
        return await http.get(f"/api/videos/{sample['id']}/frames/{(n + 50) % 132}")

    lists = {
        "list, first page by title": {},
        "list, page 100 by -upload_date": {"sort": "-upload_date", "page": 100},
        "list, search q=harbour": {"q": "harbour"},
        "list, tag + has_annotations=false": {"tag": "site-7", "has_annotations": False},
    }
    results = [
        await _measure("GET /health (baseline)", _get("/health"), base),
        await _count_baseline(url),
    ]
    for name, params in lists.items():
        results.append(await _measure(name, _get("/api/videos", **params), base))
    results.append(await _measure("list, first page, 1 client", _get("/api/videos"), base, 1))
    results.append(await _measure("GET /health, 1 client (baseline)", _get("/health"), base, 1))
    results.append(await _measure("frame n, random, 8 clients", frame, base))
    results.append(await _measure("frame n, random, 1 client", frame, base, clients=1))
    results.append(await _measure("frame n+1, stepping, 1 client", step, base, clients=1))
    return results


def _report(results: list[dict[str, Any]]) -> None:
    print(f"{VIDEO_COUNT + 1} videos, {CLIENTS} clients x {REQUESTS_PER_CLIENT} requests each")
    for row in results:
        print(
            f"  {row['name']:<34} {row['requests_per_s']:7.0f} req/s  "
            f"p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        (data_dir / "videos").mkdir()
        shutil.copyfile(SAMPLE, data_dir / "videos" / SAMPLE.name)
        database = start_embedded(data_dir)
        migrate.upgrade(database.url)
        asyncio.run(_fill(database.url))
        port = free_port()
        server = _start_server(database.url, data_dir, port)
        base = f"http://127.0.0.1:{port}"
        try:
            asyncio.run(wait_ready(base))
            _report(asyncio.run(_run(base, database.url)))
        finally:
            server.terminate()
            server.wait(timeout=30)
            database.stop()


if __name__ == "__main__":
    main()

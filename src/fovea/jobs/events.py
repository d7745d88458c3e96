"""The Server-Sent Events stream of one job, read from its row (so any replica can serve it)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi.sse import ServerSentEvent
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fovea.auth.service import Actor
from fovea.errors import NotFound
from fovea.jobs import service
from fovea.jobs.models import TERMINAL_STATES
from fovea.jobs.schemas import JobRead

POLL_INTERVAL_S = 0.3
RECONNECT_MS = 2000


async def job_events(
    session_factory: async_sessionmaker[AsyncSession],
    actor: Actor,
    job_id: uuid.UUID,
    poll_interval_s: float = POLL_INTERVAL_S,
) -> AsyncIterator[ServerSentEvent]:
    """The job JSON whenever it changes (event ``progress``), then one final event named after
    the terminal state; the stream then ends. Each poll uses its own short session.
    """
    last: dict[str, Any] | None = None
    while True:
        try:
            async with session_factory() as session:
                job = await service.get(session, actor, job_id)
        except NotFound:
            return  # deleted while watched
        body = JobRead.model_validate(job).model_dump(mode="json")
        if job.state in TERMINAL_STATES:
            yield ServerSentEvent(data=body, event=job.state)
            return
        if body != last:
            yield ServerSentEvent(data=body, event="progress", retry=RECONNECT_MS)
            last = body
        await asyncio.sleep(poll_interval_s)

"""The queue under the jobs: taskiq's in-memory broker, or Redis streams.

``FOVEA_REDIS_URL`` unset: taskiq's ``InMemoryBroker`` with its in-memory result backend; the
attempts run inside the API process. Set: taskiq-redis's ``RedisStreamBroker`` (one stream per
job kind, ``<prefix>:queue:<kind>``, read through a consumer group; a message is acknowledged
after its result is saved, and one left unacknowledged by a dead worker for
``REDELIVER_AFTER_MS`` is claimed by another) with ``RedisAsyncResultBackend`` (results and
progress expire after ``RESULT_TTL_S``). Everything is JSON, never pickle.

Losing a worker is noticed sooner by the watcher (heartbeats stop) which starts a new attempt
with a new task id and raises the cancel flag of the old one, so a redelivered message of an
abandoned attempt stops at once. Cancel flags are Redis keys, or a set in the process.
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from taskiq import AsyncBroker, InMemoryBroker
from taskiq.kicker import AsyncKicker
from taskiq.serializers import JSONSerializer
from taskiq_redis import RedisAsyncResultBackend, RedisStreamBroker

from fovea.config import Settings
from fovea.errors import Unavailable
from fovea.jobs.protocol import TASK_NAME, JobEnvelope, JobOutcome, ProgressMeta
from fovea.jobs.registry import KINDS

log = logging.getLogger(__name__)

REDELIVER_AFTER_MS = 3_600_000  # longer than any attempt runs; the watcher acts much sooner
RESULT_TTL_S = 7 * 24 * 3600  # results, progress and cancel flags in Redis
STREAM_MAXLEN = 100_000  # entries kept per stream (approximately)
IN_MEMORY_RESULTS = 10_000  # results kept by the in-memory backend
REDIS_TIMEOUT_S = 10.0


class CancelFlags(Protocol):
    """Per-attempt cancel requests (keyed by task id) that a worker checks while it runs."""

    async def request(self, task_id: str) -> None: ...

    async def is_requested(self, task_id: str) -> bool: ...


class MemoryCancelFlags:
    """Cancel flags of the in-process queue, the newest ``limit`` of them."""

    def __init__(self, limit: int = IN_MEMORY_RESULTS) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._limit = limit

    async def request(self, task_id: str) -> None:
        self._ids[task_id] = None
        while len(self._ids) > self._limit:
            self._ids.popitem(last=False)

    async def is_requested(self, task_id: str) -> bool:
        return task_id in self._ids


class RedisCancelFlags:
    """Cancel flags as Redis keys ``<prefix>:cancel:<task id>`` that expire with the results."""

    def __init__(self, client: Redis, prefix: str) -> None:
        self._client = client
        self._prefix = prefix

    async def request(self, task_id: str) -> None:
        await self._client.set(f"{self._prefix}:cancel:{task_id}", b"1", ex=RESULT_TTL_S)

    async def is_requested(self, task_id: str) -> bool:
        return bool(await self._client.exists(f"{self._prefix}:cancel:{task_id}"))


@dataclass(frozen=True)
class Observation:
    """What the result backend knows about one attempt: its progress and, once done, outcome."""

    progress: ProgressMeta | None
    outcome: JobOutcome | None


class JobQueue:
    """A started taskiq broker plus what the watcher and the workers need around it."""

    def __init__(
        self,
        broker: AsyncBroker,
        flags: CancelFlags,
        runner: str,
        *,
        redis: Redis | None = None,
        streams: dict[str, str] | None = None,
    ) -> None:
        self.broker = broker
        self.flags = flags
        self.runner = runner  # stored on the job rows whose attempts this queue carries
        self._redis = redis
        self._streams = streams or {}

    @property
    def is_redis(self) -> bool:
        return self._redis is not None

    async def startup(self) -> None:
        await self.broker.startup()

    async def shutdown(self) -> None:
        await self.broker.shutdown()
        if self._redis is not None:
            await self._redis.aclose()

    async def ping(self) -> None:
        """Raise Unavailable when the queue cannot be reached."""
        if self._redis is None:
            return
        try:
            await self._redis.ping()
        except (RedisError, OSError) as exc:
            raise Unavailable(f"Redis is unreachable: {exc}") from exc

    async def enqueue(self, envelope: JobEnvelope, task_id: str) -> None:
        """Send one attempt to the workers of its kind, under the given taskiq task id."""
        labels: dict[str, Any] = {}
        if envelope.kind in self._streams:
            labels["queue_name"] = self._streams[envelope.kind]
        kicker: AsyncKicker[Any, Any] = AsyncKicker(TASK_NAME, self.broker, labels)
        await kicker.with_task_id(task_id).kiq(envelope.model_dump(mode="json"))

    async def observe(self, task_id: str) -> Observation:
        """Read the attempt's outcome, or else its latest progress."""
        backend = self.broker.result_backend
        if await backend.is_result_ready(task_id):
            return Observation(progress=None, outcome=_outcome(await backend.get_result(task_id)))
        progress = await backend.get_progress(task_id)
        if progress is None or progress.meta is None:
            return Observation(progress=None, outcome=None)
        try:
            return Observation(progress=ProgressMeta.model_validate(progress.meta), outcome=None)
        except ValidationError:
            log.warning("ignoring malformed progress of task %s", task_id)
            return Observation(progress=None, outcome=None)


def _outcome(result: Any) -> JobOutcome:
    if result.is_err:
        return JobOutcome.failed(f"the worker failed: {result.error!r}", transient=True)
    try:
        return JobOutcome.model_validate(result.return_value)
    except ValidationError:
        return JobOutcome.failed(
            "the worker returned something that is not an outcome", transient=False
        )


def stream_name(prefix: str, kind: str) -> str:
    return f"{prefix}:queue:{kind}"


def make_queue(settings: Settings, consume: frozenset[str] | None = None) -> JobQueue:
    """The queue for ``settings``; nothing connects until ``startup``.

    ``consume`` limits the kinds whose Redis streams this process reads as a worker (a model
    service reads only the AI kinds); None reads them all. Any kind can be enqueued.
    """
    if settings.redis_url is None:
        broker = InMemoryBroker(max_stored_results=IN_MEMORY_RESULTS)
        return JobQueue(broker, MemoryCancelFlags(), f"memory:{uuid.uuid4().hex}")
    return _redis_queue(settings.redis_url, settings.job_queue_prefix, consume)


def _redis_queue(url: str, prefix: str, consume: frozenset[str] | None) -> JobQueue:
    streams = {kind: stream_name(prefix, kind) for kind in KINDS}
    read = [name for kind, name in streams.items() if consume is None or kind in consume]
    if not read:
        raise ValueError("a worker must consume at least one job kind")
    first, *others = read
    backend: RedisAsyncResultBackend[Any] = RedisAsyncResultBackend(
        url,
        result_ex_time=RESULT_TTL_S,
        serializer=JSONSerializer(),
        prefix_str=f"{prefix}:result",
        socket_connect_timeout=REDIS_TIMEOUT_S,
        socket_timeout=REDIS_TIMEOUT_S,
    )
    broker = (
        RedisStreamBroker(
            url,
            queue_name=first,
            consumer_group_name="fovea-workers",
            consumer_id="0",  # a group created after messages were added still delivers them
            idle_timeout=REDELIVER_AFTER_MS,
            xread_count=1,  # take one message at a time, so idle workers get the next ones
            maxlen=STREAM_MAXLEN,
            unacknowledged_lock_timeout=REDIS_TIMEOUT_S,
            additional_streams=dict.fromkeys(others, ">"),
            socket_connect_timeout=REDIS_TIMEOUT_S,
            socket_timeout=REDIS_TIMEOUT_S,
        )
        .with_result_backend(backend)
        .with_serializer(JSONSerializer())
    )
    client: Redis = Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S
    )
    flags = RedisCancelFlags(client, prefix)
    return JobQueue(broker, flags, f"redis:{prefix}", redis=client, streams=streams)

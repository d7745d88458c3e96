"""Placeholder job runtime until the job system lands."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


class _NoJobs:
    async def ping(self) -> None:
        return None


@asynccontextmanager
async def job_runtime(settings: Any, factory: Any) -> AsyncIterator[_NoJobs]:
    yield _NoJobs()

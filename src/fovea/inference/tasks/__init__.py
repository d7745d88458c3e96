"""AI task handlers: ``async def run_<task>(spec, progress, models) -> result``, one per module.

The same function answers the model service's HTTP endpoint (with ``NoProgress``) and the
queued job (with the job's context as ``progress``, which raises ``JobCancelled`` once the job
is cancelled). Handlers borrow models from the ``ModelManager`` inside worker threads
(``asyncio.to_thread``) and report progress between units of work, so a job's heartbeat and
the service's ``/health`` stay responsive while a model runs.
"""

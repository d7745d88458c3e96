"""Job handlers: ``async def handler(spec, ctx) -> result``, one module per kind.

Handlers run on workers and never touch PostgreSQL; they get everything from their spec, report
progress through ``ctx`` and run CPU work in a thread. They are idempotent: an attempt may run
again after a worker died.
"""

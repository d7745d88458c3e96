"""Jobs: long work done by workers, tracked in the ``jobs`` table (ARCHITECTURE.md §3).

    route/service --submit(spec)--> jobs row (queued)          [caller's transaction]
    watcher  --enqueue envelope--> taskiq broker --> worker runs the kind's handler
    worker   --progress, heartbeat, outcome--> taskiq result backend
    watcher  --reads them--> jobs row (running, progress, completed/failed/cancelled)

Modules: ``specs`` (typed specs and results), ``registry`` (kind -> spec, result, handler, hook),
``handlers/`` (worker side), ``context`` (what a handler gets), ``execution`` (the one taskiq
task), ``broker`` (in-memory or Redis streams), ``watcher`` (the backend side), ``worker``
(``fovea worker``), ``runtime`` (what the API process starts), ``service``/``routes`` (the API).
"""

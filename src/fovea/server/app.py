"""Build the API application from a ``Settings`` value.

The lifespan resolves the database (configured or embedded), runs migrations, opens the engine,
creates the single-user mode's user, starts the job system, queues a scan of the video folder
when ``FOVEA_SCAN_ON_START`` (single-user mode), and undoes it all in reverse. Paths no router
has are the web app's (``fovea.server.spa``).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import anyio
from fastapi import FastAPI

from fovea import __version__
from fovea.annotations.routes import router as annotations_router
from fovea.auth import service as auth_service
from fovea.auth.routes import router as auth_router
from fovea.config import Mode, Settings, check_safe_to_start
from fovea.db import migrate
from fovea.db.engine import make_async_engine, make_session_factory
from fovea.db.lifecycle import database_url
from fovea.http_errors import install_error_handlers
from fovea.inference import runtime
from fovea.jobs.routes import router as jobs_router
from fovea.jobs.runtime import job_runtime
from fovea.modelinfo.routes import router as modelinfo_router
from fovea.ontology.routes import router as ontology_router
from fovea.ontology.suggest import router as suggest_types_router
from fovea.personas.routes import router as personas_router
from fovea.search.routes import router as search_router
from fovea.server.client_config import router as client_config_router
from fovea.server.health import router as health_router
from fovea.server.metrics import MetricsMiddleware
from fovea.server.spa import install_spa
from fovea.summaries.routes import router as summaries_router
from fovea.videos import library as video_library
from fovea.videos.files import LibraryPaths
from fovea.videos.routes import router as videos_router
from fovea.vision.routes import router as vision_router
from fovea.wikidata.routes import router as wikidata_router
from fovea.world.routes import router as world_router

ROUTERS = (
    health_router,
    client_config_router,
    auth_router,
    personas_router,
    ontology_router,
    world_router,
    videos_router,
    annotations_router,
    vision_router,
    summaries_router,
    suggest_types_router,
    search_router,
    jobs_router,
    wikidata_router,
    modelinfo_router,
)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    app.state.started_s = time.monotonic()
    async with AsyncExitStack() as stack:
        url = stack.enter_context(database_url(settings))
        await anyio.to_thread.run_sync(migrate.upgrade, url)
        engine = make_async_engine(url, settings.db_pool_size)
        stack.push_async_callback(engine.dispose)
        factory = make_session_factory(engine)
        app.state.session_factory = factory
        if settings.mode is Mode.SINGLE_USER:
            async with factory() as session, session.begin():
                app.state.default_actor = await auth_service.ensure_default_user(session)
        # In-process AI jobs and the search query's embedding use these models (loaded on use).
        runtime.configure(settings)
        app.state.jobs = await stack.enter_async_context(job_runtime(settings, factory))
        if settings.scan_on_start and settings.mode is Mode.SINGLE_USER:
            async with factory() as session, session.begin():
                paths = LibraryPaths.from_settings(settings)
                await video_library.submit_scan(session, app.state.default_actor, paths)
            app.state.jobs.nudge()
        yield


def create_app(settings: Settings) -> FastAPI:
    """The API for ``settings``; nothing connects until the lifespan starts."""
    check_safe_to_start(settings)
    app = FastAPI(
        title="fovea",
        version=__version__,
        summary="Video annotation for analysts",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(MetricsMiddleware)
    for router in ROUTERS:
        app.include_router(router)
    install_spa(app, settings.web_dir)  # answers only what no router matched
    return app

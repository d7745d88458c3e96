"""Settings: one validated value built from ``FOVEA_*`` environment variables.

Nothing here has import side effects: ``Settings()`` reads the environment when called, and
``check_safe_to_start`` refuses configurations that would expose data
(see ``docs/configuration.md``).
"""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fovea.errors import ConfigurationError

DEV_SECRET_KEY = "fovea-development-secret-change-me"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# The web app's build output in a source checkout (src/fovea/config.py -> the repository root).
SOURCE_WEB_DIR = Path(__file__).parents[2] / "frontend" / "dist"


class Mode(StrEnum):
    """How users are identified: one implicit user, or logins and sessions."""

    SINGLE_USER = "single-user"
    MULTI_USER = "multi-user"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
Device = Literal["auto", "cpu", "cuda"]


class Settings(BaseSettings):
    """Every setting of fovea; each field is ``FOVEA_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="FOVEA_", extra="ignore", frozen=True, populate_by_name=True
    )

    data_dir: Path = Field(
        Path(".fovea"), description="Where the embedded database and caches live."
    )
    database_url: str | None = Field(
        None, description="postgresql://... of a server with pgvector; unset: embedded PostgreSQL."
    )
    redis_url: str | None = Field(
        None, description="redis://... for the job queues; unset: an in-process broker."
    )
    video_dir: Path | None = Field(None, description="The video library; unset: <data_dir>/videos.")
    host: str = Field("127.0.0.1", description="Address the API listens on.")
    port: int = Field(3001, ge=1, le=65535, description="Port the API listens on.")
    mode: Mode = Field(Mode.SINGLE_USER, description="single-user (no login) or multi-user.")
    log_level: LogLevel = Field("INFO", description="Log level of the JSON logs.")
    env: Environment = Field(Environment.DEVELOPMENT, description="development or production.")
    secret_key: str = Field(DEV_SECRET_KEY, description="Key for signing and encryption.")
    db_pool_size: int = Field(20, ge=1, le=200, description="Connections per process.")
    job_max_attempts: int = Field(3, ge=1, le=20, description="Tries per job, the first included.")
    job_retry_base_delay_s: float = Field(
        2.0, ge=0, le=600, description="Backoff before retry n is base * 2**(n-1) seconds."
    )
    job_heartbeat_timeout_s: float = Field(
        30.0, gt=0, le=3600, description="A running job silent this long lost its worker."
    )
    job_poll_interval_s: float = Field(
        0.5, gt=0, le=60, description="How often the job watcher looks for progress."
    )
    run_worker: bool | None = Field(
        None, description="Run a job worker inside `fovea server`; unset: only without Redis."
    )
    job_queue_prefix: str = Field(
        "fovea",
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="Prefix of every Redis key of the job queues (streams, results, cancel flags).",
    )
    job_worker_concurrency: int = Field(
        4, ge=1, le=256, description="Jobs one worker process runs at the same time."
    )
    max_upload_bytes: int = Field(
        10 * 1024**3, ge=1, description="Largest video file `POST /api/videos` accepts, in bytes."
    )
    scan_on_start: bool | None = Field(
        None, description="Scan the video dir when the API starts; unset: only `fovea up` does."
    )
    web_dir: Path = Field(
        SOURCE_WEB_DIR,
        description="The built web app (index.html, assets/) served at /; "
        "default: frontend/dist of the source checkout.",
    )

    model_config_path: Path | None = Field(
        None,
        validation_alias=AliasChoices("FOVEA_MODEL_CONFIG", "model_config_path"),
        description="The YAML model config (task slots); unset: the one fovea ships.",
    )
    device: Device = Field(
        "auto", description="Where models run: cpu, cuda, or auto (cuda when a GPU is there)."
    )
    model_memory_budget_mb: int = Field(
        4096, ge=64, description="Loaded models past this size evict the least recently used."
    )
    model_service_url: str | None = Field(
        None,
        description="http://... of a model service for the API's own synchronous AI calls "
        "(search embeddings); unset: the API runs those models itself.",
    )
    model_service_host: str = Field("127.0.0.1", description="Address the model service binds.")
    model_service_port: int = Field(8000, ge=1, le=65535, description="Port of the model service.")
    wikidata_url: str | None = Field(
        "https://www.wikidata.org/w/api.php",
        pattern=r"^https?://\S+$",
        description="The MediaWiki action API (api.php) of Wikidata or a Wikibase mirror for "
        "search and import; empty: Wikidata import is off.",
    )
    map_tile_url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="XYZ tile URL template ({z}/{x}/{y}) of the world editor's map; "
        "unset: the map works without tiles.",
    )

    @field_validator(
        "database_url",
        "redis_url",
        "model_service_url",
        "wikidata_url",
        "map_tile_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("postgresql://", "postgresql+psycopg://")):
            raise ValueError("must start with postgresql:// (fovea needs PostgreSQL with pgvector)")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_only(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @property
    def resolved_video_dir(self) -> Path:
        return self.video_dir if self.video_dir is not None else self.data_dir / "videos"

    @property
    def media_dir(self) -> Path:
        """Where ingest writes thumbnails and sprite sheets, one folder per video."""
        return self.data_dir / "media"

    @property
    def worker_in_process(self) -> bool:
        """Whether the API process also executes jobs (always true with the in-process broker)."""
        if self.redis_url is None:
            return True
        return bool(self.run_worker)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unsafe_reasons(settings: Settings) -> list[str]:
    """Why these settings must not start a server; empty when they are safe."""
    reasons: list[str] = []
    if settings.mode is Mode.SINGLE_USER and not _is_loopback(settings.host):
        reasons.append(
            f"single-user mode has no login, so it only listens on loopback, not on "
            f"FOVEA_HOST={settings.host}; set FOVEA_MODE=multi-user to serve a network"
        )
    if settings.env is Environment.PRODUCTION:
        if settings.secret_key == DEV_SECRET_KEY or len(settings.secret_key) < 32:
            reasons.append("production needs FOVEA_SECRET_KEY: 32 or more random characters")
        if settings.mode is not Mode.MULTI_USER:
            reasons.append("production needs FOVEA_MODE=multi-user")
        if settings.database_url is None:
            reasons.append(
                "production needs FOVEA_DATABASE_URL (the embedded database is for one machine)"
            )
    return reasons


def check_safe_to_start(settings: Settings) -> None:
    """Raise ConfigurationError listing every unsafe setting."""
    reasons = unsafe_reasons(settings)
    if reasons:
        raise ConfigurationError("refusing to start: " + "; ".join(reasons), details=reasons)

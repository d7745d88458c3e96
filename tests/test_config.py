"""Settings: defaults, validation and the configurations that refuse to start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from fovea.config import Mode, Settings, check_safe_to_start, unsafe_reasons
from fovea.errors import ConfigurationError
from fovea.server import create_app


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("FOVEA_"):
            monkeypatch.delenv(name)


def test_defaults_are_one_machine_mode() -> None:
    settings = Settings()
    assert settings.port == 3001
    assert settings.mode is Mode.SINGLE_USER
    assert settings.data_dir == Path(".fovea")
    assert settings.database_url is None and settings.redis_url is None
    assert settings.resolved_video_dir == Path(".fovea/videos")
    assert settings.worker_in_process
    assert unsafe_reasons(settings) == []


def test_environment_variables_are_read_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOVEA_PORT", "8080")
    monkeypatch.setenv("FOVEA_MODE", "multi-user")
    monkeypatch.setenv("FOVEA_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("FOVEA_VIDEO_DIR", "/srv/videos")
    settings = Settings()
    assert (settings.port, settings.mode) == (8080, Mode.MULTI_USER)
    assert settings.resolved_video_dir == Path("/srv/videos")
    assert not settings.worker_in_process


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FOVEA_PORT", "seventy"),
        ("FOVEA_PORT", "70000"),
        ("FOVEA_MODE", "everyone"),
        ("FOVEA_DATABASE_URL", "sqlite:///x.db"),
        ("FOVEA_REDIS_URL", "http://localhost"),
        ("FOVEA_LOG_LEVEL", "LOUD"),
    ],
)
def test_invalid_values_are_rejected(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as rejected:
        Settings()
    assert name.removeprefix("FOVEA_").lower() in str(rejected.value)


def test_single_user_mode_refuses_to_listen_on_the_network() -> None:
    settings = Settings(host="0.0.0.0")
    with pytest.raises(ConfigurationError, match="FOVEA_MODE=multi-user"):
        check_safe_to_start(settings)
    with pytest.raises(ConfigurationError):
        create_app(settings)


def test_production_refuses_development_defaults() -> None:
    reasons = unsafe_reasons(Settings(env="production", mode="multi-user", host="0.0.0.0"))
    assert any("FOVEA_SECRET_KEY" in reason for reason in reasons)
    assert any("FOVEA_DATABASE_URL" in reason for reason in reasons)


def test_production_with_real_settings_starts() -> None:
    settings = Settings(
        env="production",
        mode="multi-user",
        host="0.0.0.0",
        secret_key="k" * 40,
        database_url="postgresql://fovea@db/fovea",
    )
    assert unsafe_reasons(settings) == []


def test_model_settings_are_read_from_their_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOVEA_MODEL_CONFIG", "/etc/fovea/models.yaml")
    monkeypatch.setenv("FOVEA_DEVICE", "cuda")
    monkeypatch.setenv("FOVEA_MODEL_MEMORY_BUDGET_MB", "512")
    monkeypatch.setenv("FOVEA_MODEL_SERVICE_URL", "http://models.internal:8000")
    settings = Settings()
    assert settings.model_config_path == Path("/etc/fovea/models.yaml")
    assert settings.device == "cuda" and settings.model_memory_budget_mb == 512
    assert settings.model_service_url == "http://models.internal:8000"
    assert (settings.model_service_host, settings.model_service_port) == ("127.0.0.1", 8000)


def test_an_unknown_device_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOVEA_DEVICE", "tpu")
    with pytest.raises(ValidationError, match="device"):
        Settings()

"""``GET /api/config``: what the web app reads before anyone signs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from fovea import __version__
from fovea.config import Settings
from fovea.server import create_app
from tests.conftest import Users, make_settings


def test_defaults_have_no_map_tiles_and_wikidata_on(client: TestClient) -> None:
    assert client.get("/api/config").json() == {
        "mode": "single-user",
        "map_tile_url": None,
        "wikidata_enabled": True,
        "version": __version__,
    }


def test_the_map_tile_url_is_passed_on(database_url: str, tmp_path: Path) -> None:
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings = make_settings(database_url, tmp_path, map_tile_url=tiles)
    with TestClient(create_app(settings)) as http:
        assert http.get("/api/config").json()["map_tile_url"] == tiles


def test_anyone_may_read_it_in_multi_user_mode(users: Users) -> None:
    response = users.anonymous.get("/api/config")
    assert response.status_code == 200
    assert response.json()["mode"] == "multi-user"


def test_a_tile_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(ValidationError, match="map_tile_url"):
        Settings(map_tile_url="javascript:alert(1)")

"""Builders of real records for API tests: through the API where a route exists, else a service."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from fovea.auth.service import Actor
from fovea.videos import service as video_service


def actor_of(client: TestClient) -> Actor:
    me = client.get("/api/me").json()
    return Actor(id=me["id"], username=me["username"], is_admin=me["is_admin"])


def make_video(
    client: TestClient,
    *,
    width: int | None = 1280,
    height: int | None = 720,
    frame_count: int = 300,
    title: str = "clip",
) -> str:
    """A ready video of the client's user (registered as ingest would; no file is needed)."""
    actor = actor_of(client)
    factory = client.app.state.session_factory  # type: ignore[attr-defined]

    async def _register() -> str:
        async with factory() as session, session.begin():
            video = await video_service.register(
                session, actor, storage_uri=f"file:///{title}.mp4", title=title,
                width=width, height=height, frame_count=frame_count, fps=25.0,
            )  # fmt: skip
            return str(video.id)

    assert client.portal is not None
    return client.portal.call(_register)


def make_persona(client: TestClient, name: str = "Analyst") -> str:
    body = {"name": name, "role": "Analyst", "information_need": "Who goes where"}
    response = client.post("/api/personas", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def make_type(client: TestClient, persona_id: str, kind: str = "entity", name: str = "Ship") -> str:
    body: dict[str, Any] = {"name": name, "gloss": f"A {name.lower()}."}
    if kind == "role":
        body["allowed_fillers"] = ["entity"]
    if kind == "relation":
        body |= {"source_kinds": ["entity"], "target_kinds": ["entity"]}
    response = client.post(f"/api/personas/{persona_id}/{kind}-types", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def make_entity(client: TestClient, name: str = "MV Example") -> str:
    response = client.post("/api/world/entities", json={"name": name})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def box(
    frame: int, x: float = 10.0, y: float = 20.0, w: float = 100.0, h: float = 50.0
) -> dict[str, Any]:
    return {"frame": frame, "x": x, "y": y, "w": w, "h": h, "confidence": None}


def sequence(*keyframes: dict[str, Any], **rest: Any) -> dict[str, Any]:
    return {"keyframes": list(keyframes), **rest}

"""Every route either answers without a user on purpose, or refuses an anonymous caller.

Routes are enumerated from the OpenAPI schema, so a new route is checked the day it lands.
Ownership (another user's resource answers 404) is tested per feature under tests/api/.
"""

from __future__ import annotations

import re
import uuid

from tests.conftest import Users

PUBLIC_ON_PURPOSE = {
    ("get", "/health"),
    ("get", "/health/ready"),
    ("get", "/metrics"),
    ("get", "/api/config"),  # the web app reads the mode before anyone signs in
}
_PARAM = re.compile(r"\{[^}]+\}")


def _concrete(path: str) -> str:
    return _PARAM.sub(lambda _: str(uuid.uuid4()), path)


def _operations(users: Users) -> list[tuple[str, str]]:
    schema = users.anonymous.get("/openapi.json").json()
    return [(method, path) for path, item in schema["paths"].items() for method in item]


def test_public_routes_listed_here_exist(users: Users) -> None:
    assert set(_operations(users)) >= PUBLIC_ON_PURPOSE


def test_every_other_route_refuses_an_anonymous_caller(users: Users) -> None:
    operations = _operations(users)
    assert len(operations) > 20
    open_routes = []
    for method, path in operations:
        if (method, path) in PUBLIC_ON_PURPOSE:
            continue
        response = users.anonymous.request(method.upper(), _concrete(path))
        if response.status_code != 401:
            open_routes.append(f"{method.upper()} {path} -> {response.status_code}")
    assert open_routes == []


def test_public_routes_answer_without_a_user(users: Users) -> None:
    for method, path in PUBLIC_ON_PURPOSE:
        assert users.anonymous.request(method.upper(), path).status_code == 200, path


def test_a_bad_token_is_refused_like_no_token(users: Users) -> None:
    response = users.anonymous.get("/api/personas", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json()["error"] == "UNAUTHENTICATED"

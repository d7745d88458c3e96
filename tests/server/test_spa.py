"""The web app served at / from FOVEA_WEB_DIR: files, deep links, caching, gzip, and the API's
paths left alone. No database: nothing here reaches a route that needs one.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fovea.config import Settings
from fovea.server import create_app
from fovea.server.spa import accepts_gzip

INDEX_HTML = b"<!doctype html><html><body><div id=root></div></body></html>"
APP_JS = b"console.log('fovea');\n" * 200
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def web_dir(tmp_path: Path) -> Path:
    """A built web app: index.html, a hashed script with its gzip sibling, a favicon."""
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_bytes(INDEX_HTML)
    (web / "assets" / "index-3f2a9c.js").write_bytes(APP_JS)
    (web / "assets" / "index-3f2a9c.js.gz").write_bytes(gzip.compress(APP_JS, mtime=0))
    (web / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("not for the web")
    return web


def _client(tmp_path: Path, web_dir: Path) -> TestClient:
    """The app without its lifespan: the web app and unknown paths need no database."""
    return TestClient(create_app(Settings(data_dir=tmp_path / "data", web_dir=web_dir)))


@pytest.fixture
def http(tmp_path: Path, web_dir: Path) -> TestClient:
    return _client(tmp_path, web_dir)


@pytest.mark.parametrize("path", ["/", "/videos/0b6f0c5e-4d2a-4f7e-9a55-1c2d3e4f5a6b", "/jobs/123"])
def test_root_and_deep_links_answer_index_html_revalidated_on_every_load(
    http: TestClient, path: str
) -> None:
    response = http.get(path, headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.content == INDEX_HTML
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


def test_hashed_asset_is_cached_forever_and_sent_gzipped_when_accepted(http: TestClient) -> None:
    response = http.get("/assets/index-3f2a9c.js", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "javascript" in response.headers["content-type"]
    assert int(response.headers["content-length"]) < len(APP_JS)
    assert response.content == APP_JS  # decoded by the client


@pytest.mark.parametrize("accept_encoding", ["identity", "gzip;q=0, deflate"])
def test_asset_is_sent_plain_to_a_client_refusing_gzip(
    http: TestClient, accept_encoding: str
) -> None:
    response = http.get("/assets/index-3f2a9c.js", headers={"accept-encoding": accept_encoding})
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-length"] == str(len(APP_JS))
    assert response.content == APP_JS


def test_other_files_get_a_short_cache(http: TestClient) -> None:
    response = http.get("/favicon.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "public, max-age=3600"


def test_index_html_revalidates_with_its_etag(http: TestClient) -> None:
    first = http.get("/videos/abc", headers={"accept-encoding": "identity"})
    again = http.get(
        "/", headers={"accept-encoding": "identity", "if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers["cache-control"] == "no-cache"


def test_head_answers_headers_only(http: TestClient) -> None:
    response = http.head("/jobs/7", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["content-length"] == str(len(INDEX_HTML))
    assert response.content == b""


@pytest.mark.parametrize("path", ["/assets/index-000000.js", "/logo.png", "/robots.txt"])
def test_a_missing_file_is_a_404_not_the_page(http: TestClient, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"


@pytest.mark.parametrize(
    "path", ["/api/nope", "/api", "/health/nope", "/docs/nope", "/metrics/nope", "/redoc/x"]
)
def test_unknown_api_paths_stay_json_404s(http: TestClient, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "NOT_FOUND"


def test_an_api_path_asked_with_the_wrong_method_stays_405(http: TestClient) -> None:
    response = http.get("/api/jobs/0b6f0c5e-4d2a-4f7e-9a55-1c2d3e4f5a6b/cancel")  # POST only
    assert response.status_code == 405


def test_methods_other_than_get_and_head_are_not_the_web_apps(http: TestClient) -> None:
    assert http.post("/videos/abc").status_code == 404


@pytest.mark.parametrize(
    "path", ["/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/.env", "/assets/%5c..%5cx"]
)
def test_traversal_and_hidden_names_are_refused(http: TestClient, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert b"not for the web" not in response.content


def test_a_symlink_leading_out_of_the_folder_is_refused(
    tmp_path: Path, web_dir: Path, http: TestClient
) -> None:
    (web_dir / "escape.txt").symlink_to(tmp_path / "secret.txt")
    response = http.get("/escape.txt")
    assert response.status_code == 404
    assert b"not for the web" not in response.content


def test_without_a_build_the_page_says_how_to_build_and_the_api_works(tmp_path: Path) -> None:
    http = _client(tmp_path, tmp_path / "not-built")
    for path in ("/", "/videos/abc"):
        response = http.get(path)
        assert response.status_code == 200
        assert "make frontend" in response.text and "make run" in response.text
        assert response.headers["cache-control"] == "no-cache"
    assert http.get("/health").json()["status"] == "ok"
    assert http.get("/api/nope").json()["error"] == "NOT_FOUND"


def test_a_build_made_while_the_server_runs_is_served_at_once(tmp_path: Path) -> None:
    web = tmp_path / "later"
    http = _client(tmp_path, web)
    assert "make frontend" in http.get("/").text
    web.mkdir()
    (web / "index.html").write_bytes(INDEX_HTML)
    assert http.get("/", headers={"accept-encoding": "identity"}).content == INDEX_HTML


def test_web_app_routes_are_not_in_the_openapi_schema(http: TestClient) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert all(path.startswith(("/api/", "/health", "/metrics")) for path in paths)


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        (None, False),
        ("", False),
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("GZIP;q=0.5", True),
        ("gzip;q=0", False),
        ("br, *", True),
        ("*;q=0", False),
        ("*;q=0, gzip", True),
        ("gzip;q=0, *", False),
        ("identity", False),
        ("gzip;q=nonsense", False),
    ],
)
def test_accepts_gzip_reads_codings_and_qualities(
    accept_encoding: str | None, expected: bool
) -> None:
    assert accepts_gzip(accept_encoding) is expected

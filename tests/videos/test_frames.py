"""Frames by index are exact: frame n shows the number n, on CFR, VFR, B-frame and odd videos."""

from __future__ import annotations

import io

import av
import numpy as np
import pytest
from PIL import Image
from tests.media.synthetic import make_corrupt_file, read_painted_number
from tests.videos.conftest import SYNTHETIC_CASES, Library, Synthetic


def full_decode_count(video: Synthetic) -> int:
    with av.open(str(video.path)) as container:
        return sum(1 for _ in container.decode(video=0))


def painted(library: Library, video_id: str, frame: int, **params: object) -> int:
    response = library.http.get(f"/api/videos/{video_id}/frames/{frame}", params=params)
    assert response.status_code == 200, response.text
    return read_painted_number(np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB")))


@pytest.mark.parametrize("name", sorted(SYNTHETIC_CASES))
def test_every_frame_shows_its_own_number_and_the_table_matches_a_full_decode(
    library: Library, synthetic: dict[str, Synthetic], name: str
) -> None:
    video = synthetic[name]
    library.add(video.path)
    library.scan()
    (item,) = library.videos()
    assert item["state"] == "ready", item
    table = library.http.get(f"/api/videos/{item['id']}/frame-times").json()
    assert table["frame_count"] == len(table["times_s"]) == full_decode_count(video) == 48
    assert table["times_s"] == pytest.approx(video.times_s, abs=1e-6)
    assert table["is_vfr"] is SYNTHETIC_CASES[name].get("vfr", False)
    numbers = [painted(library, item["id"], n, format="png") for n in range(48)]
    assert numbers == list(range(48))


def test_frames_in_a_random_order_and_scaled_down(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path)
    library.scan()
    video_id = library.videos()[0]["id"]
    order = np.random.default_rng(3).permutation(48).tolist()
    assert [painted(library, video_id, n) for n in order] == order
    response = library.http.get(f"/api/videos/{video_id}/frames/7", params={"max_width": 160})
    assert response.headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG" and image.size == (160, 120)
    assert read_painted_number(np.asarray(image.convert("RGB"))) == 7


def test_frame_errors_and_revalidation(library: Library, synthetic: dict[str, Synthetic]) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path)
    make_corrupt_file(library.video_dir / "broken.mp4")
    library.scan()
    videos = library.by_path()
    good, broken = videos["cfr-bframes.mp4"]["id"], videos["broken.mp4"]["id"]
    assert library.http.get(f"/api/videos/{good}/frames/48").status_code == 404
    assert library.http.get(f"/api/videos/{good}/frames/-1").status_code == 404
    assert library.http.get(f"/api/videos/{good}/frames/0?format=gif").status_code == 422
    assert library.http.get(f"/api/videos/{broken}/frames/0").status_code == 409
    assert library.http.get(f"/api/videos/{broken}/frame-times").status_code == 409
    first = library.http.get(f"/api/videos/{good}/frames/3", params={"format": "png"})
    assert first.headers["content-type"] == "image/png"
    again = library.http.get(
        f"/api/videos/{good}/frames/3",
        params={"format": "png"},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b""

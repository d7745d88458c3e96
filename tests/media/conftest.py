"""Fixtures: the synthetic videos of ``support.RECIPES``, each made once per test session.

``video_case`` is parametrised over every case; ``make_case(name)`` builds one by name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.media.support import RECIPES, VideoCase, build_case


@pytest.fixture(scope="session")
def make_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], VideoCase]:
    """Build (once per session) the case called ``name``."""
    directory = tmp_path_factory.mktemp("synthetic")
    made: dict[str, VideoCase] = {}

    def make(name: str) -> VideoCase:
        if name not in made:
            made[name] = build_case(name, directory)
        return made[name]

    return make


@pytest.fixture(params=list(RECIPES))
def video_case(request: pytest.FixtureRequest, make_case: Callable[[str], VideoCase]) -> VideoCase:
    """Every synthetic case in turn."""
    return make_case(request.param)

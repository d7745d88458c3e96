"""The documentation names every setting there is, so a newcomer can configure all of them."""

from __future__ import annotations

from pathlib import Path

from fovea.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    missing = [
        f"FOVEA_{name.upper()}"
        for name in Settings.model_fields
        if f"`FOVEA_{name.upper()}`" not in text
    ]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text().splitlines()[:6]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)

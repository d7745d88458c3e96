"""The documentation names every setting there is, so a newcomer can configure all of them."""

from __future__ import annotations

from pathlib import Path

from fovea.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    names = [_env_name(name) for name in Settings.model_fields]
    missing = [name for name in names if f"`{name}`" not in text]
    assert missing == []


def _env_name(field: str) -> str:
    """The variable a field is read from: its alias when it has one, else FOVEA_<FIELD>."""
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    if choices:
        return str(choices[0])
    return f"FOVEA_{field.upper()}"


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text().splitlines()[:6]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)

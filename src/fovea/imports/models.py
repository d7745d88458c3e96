from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin


class ImportRecord(IdMixin, TimestampMixin, OwnedMixin, Base):
    """One import: its options, whether it succeeded and the per-record outcome."""

    __tablename__ = "import_history"

    filename: Mapped[str] = mapped_column(String(500))
    success: Mapped[bool]
    items_imported: Mapped[int] = mapped_column(default=0)
    items_skipped: Mapped[int] = mapped_column(default=0)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    result: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

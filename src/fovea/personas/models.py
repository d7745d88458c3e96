from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin


class Persona(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    """A role with an information need; its ontology types point back here."""

    __tablename__ = "personas"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(Text)
    information_need: Mapped[str] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)

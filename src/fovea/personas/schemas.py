from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class PersonaCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = Field(None, description="Client-chosen id; a repeat returns the row.")
    name: Name
    role: Text
    information_need: Text
    details: str | None = Field(None, max_length=20_000)


class PersonaUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(description="The version this edit is based on.")
    name: Name | None = None
    role: Text | None = None
    information_need: Text | None = None
    details: str | None = Field(None, max_length=20_000)


class PersonaCopy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = Field(None, description="Name of the copy; default '<name> (copy)'.")


class PersonaRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    role: str
    information_need: str
    details: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class DeletionPreview(BaseModel):
    """What deleting a persona removes with it, counted per kind of record."""

    persona: PersonaRead
    removes: dict[str, int]

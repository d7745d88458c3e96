"""API shapes of semantic search."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

HitKind = Literal["summary", "annotation"]


class SearchHit(BaseModel):
    kind: HitKind = Field(description="What matched: a video summary or an annotation's notes.")
    id: uuid.UUID = Field(description="The summary's or the annotation's id.")
    video_id: uuid.UUID
    persona_id: uuid.UUID | None
    score: float = Field(description="Cosine similarity to the query, 1 - cosine distance.")
    snippet: str = Field(description="The start of the matching text.")

"""The parts of a gloss, a discriminated union on ``kind``.

A gloss is rich text: ``[{"kind": "text", "text": "A vessel owned by "}, {"kind": "object",
"id": ..., "object_kind": "entity"}]``. References name what they point at and its kind, so a
reader can render them without a lookup; a plain string is accepted as one text part.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

TypeKind = Literal["entity", "event", "role", "relation"]
ObjectKind = Literal["entity", "location", "event", "time", "collection"]
MAX_PARTS = 1_000
MAX_TEXT_CHARS = 20_000


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextPart(_Part):
    """Literal text."""

    kind: Literal["text"]
    text: str = Field(max_length=MAX_TEXT_CHARS)


class TypeRef(_Part):
    """A reference to an ontology type (written ``#`` in the editor)."""

    kind: Literal["type"]
    id: uuid.UUID
    type_kind: TypeKind


class ObjectRef(_Part):
    """A reference to a world object (written ``@``)."""

    kind: Literal["object"]
    id: uuid.UUID
    object_kind: ObjectKind


class AnnotationRef(_Part):
    """A reference to an annotation (written ``^``)."""

    kind: Literal["annotation"]
    id: uuid.UUID


class ClaimRef(_Part):
    """A reference to a claim (written ``$``)."""

    kind: Literal["claim"]
    id: uuid.UUID


GlossPart = Annotated[
    TextPart | TypeRef | ObjectRef | AnnotationRef | ClaimRef, Field(discriminator="kind")
]
Reference = TypeRef | ObjectRef | AnnotationRef | ClaimRef


def text_shorthand(value: Any) -> Any:
    """A plain string stands for one text part; an empty string for an empty gloss."""
    if isinstance(value, str):
        return [{"kind": "text", "text": value}] if value.strip() else []
    return value


GlossIn = Annotated[
    list[GlossPart],
    BeforeValidator(text_shorthand, json_schema_input_type=list[GlossPart] | str),
    Field(max_length=MAX_PARTS, description="Parts of rich text, or a plain string."),
]
"""A gloss as clients may send it: a list of parts or a plain string."""

Gloss = list[GlossPart]
"""A gloss as stored and returned: always a list of parts."""


def gloss_json(parts: list[GlossPart]) -> list[dict[str, Any]]:
    """The JSON (JSONB column) form of ``parts``."""
    return [part.model_dump(mode="json") for part in parts]

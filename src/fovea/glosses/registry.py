"""Which columns hold glosses, so references can be found and rewritten in all of them.

A feature registers each gloss column of its models once, next to the model:

    register_gloss_column(OntologyType.gloss)

The table must have ``id`` and ``owner_id``; a ``version`` column, if present, is bumped when a
reference in the row is rewritten (the row changed under its readers).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import InstrumentedAttribute

_COLUMNS: dict[tuple[str, str], InstrumentedAttribute[Any]] = {}


def register_gloss_column(column: InstrumentedAttribute[Any]) -> None:
    """Add ``Model.column`` (a JSONB list of gloss parts) to the registry; repeats are no-ops."""
    _COLUMNS[(column.class_.__tablename__, column.key)] = column


def gloss_columns() -> list[InstrumentedAttribute[Any]]:
    """Every registered gloss column, once all feature models are imported."""
    import fovea.db.models  # noqa: F401  (imports every feature's models, which register)

    return list(_COLUMNS.values())

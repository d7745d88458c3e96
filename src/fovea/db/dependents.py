"""Count what a delete would cascade to, by following foreign keys in the table metadata.

Used for deletion previews, so a new table that references a persona (or anything else) is
counted without touching the preview code.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.db.base import Base


async def count_dependents(
    session: AsyncSession, parent_table: str, parent_id: uuid.UUID
) -> dict[str, int]:
    """Rows per table that reference ``parent_id`` through an ON DELETE CASCADE foreign key.

    A table whose ``info`` says ``{"count_by": "kind"}`` is counted per kind as
    ``"<kind> <table>"`` (e.g. ``"entity ontology_types"``).
    """
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != parent_table or (fk.ondelete or "").upper() != "CASCADE":
                continue
            column = fk.parent
            if table.info.get("count_by") == "kind":
                stmt = (
                    select(table.c.kind, func.count())
                    .where(column == parent_id)
                    .group_by(table.c.kind)
                )
                for kind, count in (await session.execute(stmt)).all():
                    counts[f"{kind} {table.name}"] = counts.get(f"{kind} {table.name}", 0) + count
            else:
                count = await session.scalar(select(func.count()).where(column == parent_id))
                if count:
                    counts[table.name] = counts.get(table.name, 0) + int(count)
    return counts

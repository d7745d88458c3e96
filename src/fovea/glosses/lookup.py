"""Owner-scoped existence checks against any table by name.

References may point into tables of features that land independently (annotations, claims,
videos), so these checks go through the table metadata instead of importing those models.
A table that does not exist (yet) has no rows, so every reference into it is missing.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db.base import Base


def _table(name: str) -> Table | None:
    import fovea.db.models  # noqa: F401  (imports every feature's tables)

    return Base.metadata.tables.get(name)


async def owned_kinds(
    session: AsyncSession, actor: Actor, table_name: str, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, str | None]:
    """For each id of ``ids`` the actor owns in ``table_name``: its ``kind`` (None if no kind).

    Ids that are missing or owned by someone else are absent from the result.
    """
    table = _table(table_name)
    if table is None or not ids:
        return {}
    kind = table.c.kind if "kind" in table.c else None
    columns = [table.c.id] if kind is None else [table.c.id, kind]
    stmt = select(*columns).where(table.c.id.in_(set(ids)), table.c.owner_id == actor.id)
    rows = (await session.execute(stmt)).all()
    return {row[0]: (row[1] if kind is not None else None) for row in rows}

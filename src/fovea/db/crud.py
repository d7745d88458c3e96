"""The owner-scoped reads and writes every feature shares.

One implementation of "load by id or 404", of the optimistic-concurrency update (a write names
the ``version`` it read; a stale one is a 409 and changes nothing) and of the idempotent create
(a client-supplied id seen before answers with the stored row instead of a duplicate).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db.base import Base
from fovea.errors import Conflict, NotFound

RowT = TypeVar("RowT", bound=Base)


def _label(model: type[Base]) -> str:
    return str(model.__tablename__).removesuffix("s").replace("_", " ")


async def get_owned(
    session: AsyncSession, model: type[RowT], actor: Actor, row_id: uuid.UUID
) -> RowT:
    """The row with this id owned by ``actor``; NotFound for a missing or foreign row."""
    table: Any = model
    row = await session.scalar(select(table).where(table.id == row_id, table.owner_id == actor.id))
    if row is None:
        raise NotFound(f"{_label(model)} {row_id} not found")
    return cast(RowT, row)


async def update_versioned(
    session: AsyncSession,
    model: type[RowT],
    actor: Actor,
    row_id: uuid.UUID,
    version: int,
    values: Mapping[str, Any],
) -> RowT:
    """Apply ``values`` if the stored version is ``version``; bump it; return the new row."""
    table: Any = model
    stmt = (
        update(model)
        .where(table.id == row_id, table.owner_id == actor.id, table.version == version)
        .values(**values, version=table.version + 1, updated_at=func.now())
        .returning(model)
        .execution_options(synchronize_session=False)
    )
    row = await session.scalar(select(table).from_statement(stmt))
    if row is not None:
        await session.refresh(row)
        return cast(RowT, row)
    current: Any = await get_owned(session, model, actor, row_id)
    raise Conflict(
        f"{_label(model)} {row_id} was changed by someone else: you sent version {version}, "
        f"the stored version is {current.version}; reload and apply your change again",
        details={"current_version": current.version},
    )


async def insert_idempotent(
    session: AsyncSession, model: type[RowT], actor: Actor, values: Mapping[str, Any]
) -> tuple[RowT, bool]:
    """Insert a row whose id the client chose; a repeat returns the stored row and False."""
    row_id = values.get("id") or uuid.uuid4()
    stmt = (
        insert(model)
        .values({**values, "id": row_id, "owner_id": actor.id})
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(model.id)  # type: ignore[attr-defined]
    )
    created = await session.scalar(stmt) is not None
    table: Any = model
    row = await session.scalar(select(model).where(table.id == row_id))
    if row is None or row.owner_id != actor.id:  # type: ignore[attr-defined]
        raise Conflict(f"the id {row_id} is already used by another {_label(model)}; pick a new id")
    return row, created


async def page_rows(
    session: AsyncSession, stmt: Select[RowT], offset: int, limit: int
) -> tuple[list[RowT], int]:
    """One page of ``stmt`` and the total count of its rows."""
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.scalars(stmt.offset(offset).limit(limit))).all()
    return list(rows), int(total or 0)


async def delete_owned(
    session: AsyncSession, model: type[RowT], actor: Actor, row_id: uuid.UUID
) -> None:
    """Delete the row, or raise Conflict naming what still references it (nothing changes)."""
    await get_owned(session, model, actor, row_id)
    table: Any = model
    try:
        async with session.begin_nested():
            await session.execute(delete(model).where(table.id == row_id))
    except IntegrityError as exc:
        referrer = getattr(getattr(exc.orig, "diag", None), "table_name", None) or "other records"
        raise Conflict(
            f"{_label(model)} {row_id} is still used by {referrer}; remove those first",
            details={"referenced_by": referrer},
        ) from exc

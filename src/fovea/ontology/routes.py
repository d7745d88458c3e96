"""HTTP routes of ontology types: ``/api/personas/{persona_id}/{kind}-types`` for each kind.

The four kinds share one set of thin handlers, registered per kind so that the OpenAPI schema
documents each kind's own create, update and read schema. (No ``from __future__ import
annotations`` here: the handlers' body annotations are set per kind at registration.)
"""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from fovea.ontology import schemas, service
from fovea.ontology.models import TypeKind
from fovea.web import (
    CurrentActor,
    DbSession,
    KindSchemas,
    Page,
    Paging,
    page_of,
    with_body,
)

router = APIRouter(prefix="/api/personas/{persona_id}", tags=["ontology"])


KINDS = (
    KindSchemas(TypeKind.ENTITY, "entity-types", schemas.EntityTypeCreate, schemas.EntityTypeUpdate, schemas.EntityTypeRead),  # noqa: E501
    KindSchemas(TypeKind.EVENT, "event-types", schemas.EventTypeCreate, schemas.EventTypeUpdate, schemas.EventTypeRead),  # noqa: E501
    KindSchemas(TypeKind.ROLE, "role-types", schemas.RoleTypeCreate, schemas.RoleTypeUpdate, schemas.RoleTypeRead),  # noqa: E501
    KindSchemas(TypeKind.RELATION, "relation-types", schemas.RelationTypeCreate, schemas.RelationTypeUpdate, schemas.RelationTypeRead),  # noqa: E501
)  # fmt: skip


def _list_route(kind: TypeKind) -> Callable[..., Any]:
    async def list_types(
        persona_id: uuid.UUID,
        session: DbSession,
        actor: CurrentActor,
        paging: Paging,
        q: Annotated[str | None, Query(max_length=200, description="Name contains.")] = None,
    ) -> dict[str, Any]:
        rows, total = await service.list_page(
            session, actor, persona_id, kind, q=q, offset=paging.offset, limit=paging.page_size
        )
        return page_of(rows, total, paging)

    return list_types


def _create_route(kind: TypeKind) -> Callable[..., Any]:
    async def create_type(
        persona_id: uuid.UUID,
        data: Any,
        session: DbSession,
        actor: CurrentActor,
        response: Response,
    ) -> Any:
        row, created = await service.create(session, actor, persona_id, kind, data)
        if not created:
            response.status_code = status.HTTP_200_OK
        return row

    return create_type


def _get_route(kind: TypeKind) -> Callable[..., Any]:
    async def get_type(
        persona_id: uuid.UUID, type_id: uuid.UUID, session: DbSession, actor: CurrentActor
    ) -> Any:
        return await service.get(session, actor, persona_id, kind, type_id)

    return get_type


def _update_route(kind: TypeKind) -> Callable[..., Any]:
    async def update_type(
        persona_id: uuid.UUID,
        type_id: uuid.UUID,
        data: Any,
        session: DbSession,
        actor: CurrentActor,
    ) -> Any:
        return await service.update(session, actor, persona_id, kind, type_id, data)

    return update_type


def _delete_route(kind: TypeKind) -> Callable[..., Any]:
    async def delete_type(
        persona_id: uuid.UUID, type_id: uuid.UUID, session: DbSession, actor: CurrentActor
    ) -> None:
        await service.delete(session, actor, persona_id, kind, type_id)

    return delete_type


def _register(spec: KindSchemas[TypeKind]) -> None:
    kind, items, item = spec.kind, f"/{spec.path}", f"/{spec.path}/{{type_id}}"
    router.add_api_route(
        items, _list_route(kind), methods=["GET"], response_model=Page[spec.read],  # type: ignore[name-defined]
        name=f"list_{kind}_types", summary=f"List a persona's {kind} types",
    )  # fmt: skip
    router.add_api_route(
        items, with_body(_create_route(kind), spec.create), methods=["POST"],
        response_model=spec.read, status_code=201, name=f"create_{kind}_type",
        summary=f"Create a {kind} type",
    )  # fmt: skip
    router.add_api_route(
        item, _get_route(kind), methods=["GET"], response_model=spec.read,
        name=f"get_{kind}_type", summary=f"Get a {kind} type",
    )  # fmt: skip
    router.add_api_route(
        item, with_body(_update_route(kind), spec.update), methods=["PATCH"],
        response_model=spec.read, name=f"update_{kind}_type", summary=f"Edit a {kind} type",
    )  # fmt: skip
    router.add_api_route(
        item, _delete_route(kind), methods=["DELETE"], status_code=204,
        name=f"delete_{kind}_type",
        summary=f"Delete a {kind} type; gloss references to it become text",
    )  # fmt: skip


for _spec in KINDS:
    _register(_spec)

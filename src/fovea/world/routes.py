"""HTTP routes of world objects: ``/api/world/{entities|locations|events|times|collections}``.

The five kinds share one set of thin handlers, registered per kind so that the OpenAPI schema
documents each kind's own create, update and read schema. (No ``from __future__ import
annotations`` here: the handlers' body annotations are set per kind at registration.)
"""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from fovea.web import (
    CurrentActor,
    DbSession,
    KindSchemas,
    Page,
    Paging,
    page_of,
    with_body,
)
from fovea.world import schemas, service
from fovea.world.models import ObjectKind

router = APIRouter(prefix="/api/world", tags=["world"])


KINDS = (
    KindSchemas(ObjectKind.ENTITY, "entities", schemas.EntityCreate, schemas.EntityUpdate, schemas.EntityRead),  # noqa: E501
    KindSchemas(ObjectKind.LOCATION, "locations", schemas.LocationCreate, schemas.LocationUpdate, schemas.LocationRead),  # noqa: E501
    KindSchemas(ObjectKind.EVENT, "events", schemas.EventCreate, schemas.EventUpdate, schemas.EventRead),  # noqa: E501
    KindSchemas(ObjectKind.TIME, "times", schemas.TimeCreate, schemas.TimeUpdate, schemas.TimeRead),
    KindSchemas(ObjectKind.COLLECTION, "collections", schemas.CollectionCreate, schemas.CollectionUpdate, schemas.CollectionRead),  # noqa: E501
)  # fmt: skip


def _list_route(kind: ObjectKind) -> Callable[..., Any]:
    async def list_objects(
        session: DbSession,
        actor: CurrentActor,
        paging: Paging,
        q: Annotated[
            str | None, Query(max_length=200, description="Name or alternate name contains.")
        ] = None,
        persona_id: Annotated[
            uuid.UUID | None, Query(description="Read by this persona (assigned or interpreted).")
        ] = None,
        type_id: Annotated[
            uuid.UUID | None, Query(description="Assigned or interpreted as this type.")
        ] = None,
    ) -> dict[str, Any]:
        rows, total = await service.list_page(
            session, actor, kind, q=q, persona_id=persona_id, type_id=type_id,
            offset=paging.offset, limit=paging.page_size,
        )  # fmt: skip
        return page_of(rows, total, paging)

    return list_objects


def _create_route(kind: ObjectKind) -> Callable[..., Any]:
    async def create_object(
        data: Any, session: DbSession, actor: CurrentActor, response: Response
    ) -> Any:
        read, created = await service.create(session, actor, kind, data)
        if not created:
            response.status_code = status.HTTP_200_OK
        return read

    return create_object


def _get_route(kind: ObjectKind) -> Callable[..., Any]:
    async def get_object(object_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
        return await service.get(session, actor, kind, object_id)

    return get_object


def _update_route(kind: ObjectKind) -> Callable[..., Any]:
    async def update_object(
        object_id: uuid.UUID, data: Any, session: DbSession, actor: CurrentActor
    ) -> Any:
        return await service.update(session, actor, kind, object_id, data)

    return update_object


def _delete_route(kind: ObjectKind) -> Callable[..., Any]:
    async def delete_object(object_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> None:
        await service.delete(session, actor, kind, object_id)

    return delete_object


def _register(spec: KindSchemas[ObjectKind]) -> None:
    kind, items, item = spec.kind, f"/{spec.path}", f"/{spec.path}/{{object_id}}"
    router.add_api_route(
        items, _list_route(kind), methods=["GET"], response_model=Page[spec.read],  # type: ignore[name-defined]
        name=f"list_{spec.path}", summary=f"List {spec.path} of your world",
    )  # fmt: skip
    router.add_api_route(
        items, with_body(_create_route(kind), spec.create), methods=["POST"],
        response_model=spec.read, status_code=201, name=f"create_{kind}",
        summary=f"Create a {kind}",
    )  # fmt: skip
    router.add_api_route(
        item, _get_route(kind), methods=["GET"], response_model=spec.read,
        name=f"get_{kind}", summary=f"Get a {kind}",
    )  # fmt: skip
    router.add_api_route(
        item, with_body(_update_route(kind), spec.update), methods=["PATCH"],
        response_model=spec.read, name=f"update_{kind}", summary=f"Edit a {kind}",
    )  # fmt: skip
    router.add_api_route(
        item, _delete_route(kind), methods=["DELETE"], status_code=204, name=f"delete_{kind}",
        summary=f"Delete a {kind}; references to it become text or are removed",
    )  # fmt: skip


for _spec in KINDS:
    _register(_spec)

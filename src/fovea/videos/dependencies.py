"""Dependencies of the video routes: the library's folders, and "the actor's video or 404"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from fovea.config import Settings
from fovea.videos import service
from fovea.videos.files import LibraryPaths
from fovea.videos.models import Video
from fovea.web import CurrentActor, DbSession, get_settings


def library_paths(settings: Annotated[Settings, Depends(get_settings)]) -> LibraryPaths:
    return LibraryPaths.from_settings(settings)


async def owned_video(video_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Video:
    return await service.get(session, actor, video_id)


Paths = Annotated[LibraryPaths, Depends(library_paths)]
OwnedVideo = Annotated[Video, Depends(owned_video)]

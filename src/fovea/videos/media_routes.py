"""HTTP routes of one video's media: stream, thumbnails, sprite sheet, frame times, frames.

Files are served by ``MediaFileResponse`` (ranges, ETag, 304); Content-Types come from the
probed container or from the files ingest wrote, never from the client. Frames are decoded in
a worker thread through the process's LRU of open readers.
"""

from __future__ import annotations

import mimetypes
import os
import stat
import uuid
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request, Response

from fovea.errors import Conflict, NotFound
from fovea.media import MediaError
from fovea.videos import service
from fovea.videos.dependencies import OwnedVideo, Paths
from fovea.videos.files import media_type, resolve_inside
from fovea.videos.frames import READERS
from fovea.videos.models import Video
from fovea.videos.responses import MediaFileResponse, etag_matches
from fovea.videos.schemas import FrameTimes, ImageFormat, ThumbnailSize
from fovea.web import CurrentActor, DbSession

router = APIRouter()
STREAM_CACHE = "private, no-cache"  # revalidate with the ETag: the file may be replaced
IMAGE_CACHE = "private, max-age=3600"
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    206: {"description": "Partial content (one range)"},
    304: {"description": "Not modified (If-None-Match / If-Modified-Since)"},
    416: {"description": "Range not satisfiable, or more than one range asked for"},
}


async def _serve(path: Path, content_type: str, cache: str, missing: Exception) -> Response:
    try:
        stat_result = await anyio.to_thread.run_sync(os.stat, path)
    except FileNotFoundError as exc:
        raise missing from exc
    if not stat.S_ISREG(stat_result.st_mode):
        raise missing
    headers = {"cache-control": cache}
    return MediaFileResponse(
        path, stat_result=stat_result, media_type=content_type, headers=headers
    )


def _media_file(video: Video, key: str, paths: Paths) -> Path:
    name = (video.media_files or {}).get(key)
    if not name:
        raise NotFound(f"video {video.id} has no {key.replace('_', ' ')} yet (state {video.state})")
    return resolve_inside(paths.media_dir_of(video.id), name)


async def _serve_media(video: Video, key: str, paths: Paths) -> Response:
    path = _media_file(video, key, paths)
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    missing = NotFound(f"the {key.replace('_', ' ')} of video {video.id} is gone; ingest again")
    return await _serve(path, content_type, IMAGE_CACHE, missing)


@router.head(
    "/{video_id}/stream",
    response_class=MediaFileResponse,
    responses=FILE_RESPONSES,
    summary="The video file's headers (size, validators, type)",
)
@router.get(
    "/{video_id}/stream",
    response_class=MediaFileResponse,
    responses=FILE_RESPONSES,
    summary="Stream the video file (HTTP range requests)",
)
async def stream_video(video: OwnedVideo, paths: Paths) -> Response:
    path = service.playable_file(video, paths)
    missing = Conflict(f"the file of video {video.id} is missing; scan the library again")
    content_type = media_type(video.container, video.codec, path.name)
    return await _serve(path, content_type, STREAM_CACHE, missing)


@router.get(
    "/{video_id}/thumbnail",
    response_class=MediaFileResponse,
    responses=FILE_RESPONSES,
    summary="A thumbnail (JPEG)",
)
async def get_thumbnail(
    video: OwnedVideo, paths: Paths, size: ThumbnailSize = "medium"
) -> Response:
    return await _serve_media(video, size, paths)


@router.get(
    "/{video_id}/sprite",
    response_class=MediaFileResponse,
    responses=FILE_RESPONSES,
    summary="The timeline sprite sheet (JPEG); /sprite.json says where each tile is",
)
async def get_sprite(video: OwnedVideo, paths: Paths) -> Response:
    return await _serve_media(video, "sprite", paths)


@router.get(
    "/{video_id}/sprite.json",
    response_class=MediaFileResponse,
    responses=FILE_RESPONSES,
    summary="The sprite sheet's index: tile size, grid, and the time of each tile",
)
async def get_sprite_index(video: OwnedVideo, paths: Paths) -> Response:
    return await _serve_media(video, "sprite_index", paths)


@router.get(
    "/{video_id}/frame-times",
    response_model=FrameTimes,
    summary="The frame-time table: presentation time of every frame",
)
async def get_frame_times(video_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await service.frame_times(session, actor, video_id)


@router.get(
    "/{video_id}/frames/{frame}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}, 304: {}},
    summary="The exact decoded frame (0-based index)",
)
async def get_frame(
    video: OwnedVideo,
    frame: int,
    paths: Paths,
    request: Request,
    format: ImageFormat = "jpeg",
    max_width: Annotated[int | None, Query(ge=16, le=8192, description="Scale down to.")] = None,
) -> Response:
    path = service.frame_file(video, frame, paths)
    etag = f'"{video.content_hash}-{frame}-{format}-{max_width or 0}"'
    headers = {"etag": etag, "cache-control": IMAGE_CACHE}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    try:
        data = await anyio.to_thread.run_sync(READERS.encode, path, frame, format, max_width)
    except MediaError as exc:
        raise Conflict(f"frame {frame} of video {video.id} cannot be decoded: {exc}") from exc
    return Response(data, media_type=f"image/{format}", headers=headers)

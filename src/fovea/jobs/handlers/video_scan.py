"""The ``video-scan`` kind: list the video folder, fingerprint every file, read its sidecar.

It only reads the folder (the worker must see it at the same path as the API: a shared volume)
and returns what it found; the API reconciles the library with it (``fovea.videos.library``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from fovea.jobs.context import JobContext
from fovea.jobs.specs import ScannedFile, ScanProblem, VideoScanResult, VideoScanSpec
from fovea.media import MediaError, fingerprint
from fovea.videos.files import walk_videos
from fovea.videos.sidecar import read_sidecar

CHUNK_SIZE = 20  # files fingerprinted per thread hop, between progress reports


async def run_video_scan(spec: VideoScanSpec, ctx: JobContext) -> VideoScanResult:
    root = Path(spec.video_dir)
    await ctx.progress("listing files", 0)
    if not root.is_dir():
        return VideoScanResult(folder_exists=False, files=[], problems=[])
    paths = await asyncio.to_thread(lambda: list(walk_videos(root)))
    files: list[ScannedFile] = []
    problems: list[ScanProblem] = []
    for start in range(0, len(paths), CHUNK_SIZE):
        for outcome in await asyncio.to_thread(_scan, root, paths[start : start + CHUNK_SIZE]):
            if isinstance(outcome, ScannedFile):
                files.append(outcome)
            else:
                problems.append(outcome)
        done = min(start + CHUNK_SIZE, len(paths))
        await ctx.progress(
            f"fingerprinting ({done} of {len(paths)} files)", 100 * done / len(paths)
        )
    return VideoScanResult(folder_exists=True, files=files, problems=problems)


def _scan(root: Path, relative_paths: list[str]) -> list[ScannedFile | ScanProblem]:
    return [_scan_one(root, relative) for relative in relative_paths]


def _scan_one(root: Path, relative: str) -> ScannedFile | ScanProblem:
    path = root / relative
    try:
        size_bytes = path.stat().st_size
        content = fingerprint(path)
    except (OSError, MediaError) as exc:
        return ScanProblem(relative_path=relative, message=f"cannot read the file: {exc}")
    info, sidecar_error = read_sidecar(path)
    return ScannedFile(
        relative_path=relative,
        fingerprint=content,
        size_bytes=size_bytes,
        info=info,
        sidecar_error=sidecar_error,
    )

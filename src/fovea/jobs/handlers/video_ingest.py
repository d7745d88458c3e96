"""The ``video-ingest`` kind: probe one video file and write its thumbnails and sprite sheet.

Stages: fingerprinting, probing (facts and the frame-time table from packet demux), making
thumbnails. A file that is not a readable video (``fovea.media.MediaError``) or that cannot be
opened fails the job permanently with the reason; the API then marks the video ``failed``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from fovea.jobs.context import JobContext
from fovea.jobs.errors import PermanentJobError
from fovea.jobs.specs import AudioStreamFacts, VideoIngestResult, VideoIngestSpec
from fovea.media import MediaError, ProbeResult, fingerprint, probe, write_thumbnails


async def run_video_ingest(spec: VideoIngestSpec, ctx: JobContext) -> VideoIngestResult:
    path, media_dir = Path(spec.path), Path(spec.media_dir)
    await ctx.progress("fingerprinting", 0)
    try:
        content_hash = await asyncio.to_thread(fingerprint, path)
        await ctx.progress("probing", 5)
        probed = await asyncio.to_thread(probe, path)
        await ctx.progress("making thumbnails", 60)
        written = await asyncio.to_thread(_thumbnails, path, probed, media_dir)
    except MediaError as exc:
        raise PermanentJobError(f"not a readable video: {exc}") from exc
    except OSError as exc:
        raise PermanentJobError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    await ctx.progress("done", 100)
    return _result(content_hash, probed, written)


def _thumbnails(path: Path, probed: ProbeResult, media_dir: Path) -> dict[str, str]:
    media_dir.mkdir(parents=True, exist_ok=True)
    written = write_thumbnails(path, probed, media_dir)
    return {name: file.name for name, file in written.items()}


def _result(
    content_hash: str, probed: ProbeResult, media_files: dict[str, str]
) -> VideoIngestResult:
    return VideoIngestResult(
        content_hash=content_hash,
        container=probed.container,
        codec=probed.codec,
        width=probed.width,
        height=probed.height,
        rotation_deg=probed.rotation_deg,
        duration_s=probed.duration_s,
        frame_count=probed.frame_count,
        avg_fps=probed.avg_fps,
        real_fps=probed.real_fps,
        is_vfr=probed.is_vfr,
        time_base=str(probed.time_base),
        keyframe_count=len(probed.keyframe_indices),
        audio_streams=[
            AudioStreamFacts(
                codec=stream.codec,
                channels=stream.channels,
                sample_rate_hz=stream.sample_rate_hz,
                language=stream.language,
            )
            for stream in probed.audio_streams
        ],
        frame_times_s=probed.frame_times_s.tolist(),
        media_files=media_files,
    )

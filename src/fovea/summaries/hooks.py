"""What the job watcher does when a summary or transcription job completes (in the API process).

- ``video-summarization``: upsert the (video, persona) summary with its embedding, and the
  video's transcript when the summary transcribed the audio;
- ``audio-transcription``: upsert the video's transcript.

Both run in the transaction that marks the job completed, and are idempotent.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fovea.inference.contract import SummarizationResult, TranscriptionResult
from fovea.jobs.models import Job
from fovea.summaries import service


async def on_summary_completed(
    session: AsyncSession, job: Job, result: SummarizationResult
) -> None:
    await service.store_summary(session, job, result)


async def on_transcription_completed(
    session: AsyncSession, job: Job, result: TranscriptionResult
) -> None:
    await service.store_transcript(session, job, result)

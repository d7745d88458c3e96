"""The one error of ``fovea.media``.

    Exception
    └── MediaError   the file is not a video this package can read; ``str(err)`` says why

Messages name the file by its base name only (never a full path), so they can be shown to
the person who uploaded it. Programming errors stay ordinary: ``IndexError`` for a frame
outside the video, ``ValueError`` for an unknown image format.
"""

from __future__ import annotations


class MediaError(Exception):
    """Not a readable video: empty, corrupt, not a media file, no video stream, no frames."""

"""Reading videos: probe, exact frames by index, thumbnails, content fingerprints.

No database and no web framework: a job worker on another machine can use this alone.

    probe(path) -> ProbeResult           the streams and the exact frame table (demux only)
    FrameReader(path, probe)             the image of frame n, exactly, by index
    write_thumbnails(path, probe, dir)   poster thumbnails and a timeline sprite sheet
    fingerprint(path) -> str             a content id, stable across renames
    MediaError                           not a readable video; str(err) says why

Frames and time
---------------
Frame n is the n-th frame in presentation order: the packet with the n-th smallest
presentation timestamp (pts) of the video stream (see ``probe``). ``frame_pts[n]`` is that
pts in ``time_base`` ticks and ``frame_times_s[n] = frame_pts[n] * time_base`` is the time
on the stream's own timeline, after the container's edit list, without subtracting anything.
That is the time Chromium reports as ``mediaTime`` in ``requestVideoFrameCallback``: its
FFmpeg demuxer never rebases video timestamps (only audio, and only for a negative start;
a positive start is kept, per the HTML "offsets into the media resource" rule), and FFmpeg
has already applied the MP4 edit list. So:

- an ordinary file (MP4 with its edit list, WebM, Matroska) has frame 0 at 0.0 s;
- a file whose first frame is stamped later (an MP4 without an edit list, a cut transport
  stream) has ``frame_times_s[0] > 0``, and the player's media time matches it; subtracting
  the first pts would put every frame of such a file off by that offset in the browser;
- in the rare file whose first frame is stamped before 0, ``frame_times_s[0] < 0``.

To find the frame a browser shows at media time t, take the last frame whose time is at or
before t + half a tick (``numpy.searchsorted(frame_times_s, t + eps, "right") - 1``).

Pixels
------
``ProbeResult.width``/``height`` and ``FrameReader`` images are in coded orientation and
size (the space boxes are drawn in). Thumbnails and sprites are in display orientation
(``rotation_deg`` clockwise applied) and display aspect.
"""

from fovea.media.errors import MediaError
from fovea.media.fingerprint import fingerprint
from fovea.media.probe import AudioStream, ProbeResult, probe
from fovea.media.reader import FrameReader
from fovea.media.thumbnails import write_thumbnails

__all__ = [
    "AudioStream",
    "FrameReader",
    "MediaError",
    "ProbeResult",
    "fingerprint",
    "probe",
    "write_thumbnails",
]

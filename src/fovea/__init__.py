"""fovea: video annotation for analysts.

Personas with their own ontologies, shared world objects, frame-exact bounding-box sequences,
and AI assistance that works offline on a laptop and scales out on Redis and PostgreSQL.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fovea")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

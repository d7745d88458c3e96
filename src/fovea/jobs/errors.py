"""What a job handler raises to say how an attempt ended, other than with a result.

    Exception
    ├── TransientJobError     retried with backoff while attempts remain (a model server is
    │                         down, a file is not there yet)
    ├── PermanentJobError     fails the job at once with the message (so does
    │                         ``fovea.errors.InvalidInput``, and any other exception)
    └── JobCancelled          raised by ``JobContext.progress`` once cancel was requested;
                              handlers let it propagate

The message is shown to the user as the job's ``error``, so it says what went wrong in words.
"""

from __future__ import annotations


class TransientJobError(Exception):
    """The attempt failed for a reason that may go away; the job is retried."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermanentJobError(Exception):
    """The attempt failed and another would fail the same way; the job fails now."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JobCancelled(Exception):
    """The user cancelled the job (or the attempt was abandoned); stop working."""

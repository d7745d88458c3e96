"""The one error hierarchy of fovea.

Services raise these with a message a person can act on; ``fovea.http_errors`` translates
them once into HTTP status codes and the JSON shape ``{"error", "message", "details"}``.

    FoveaError                 500 INTERNAL
    ├── InvalidInput           422 INVALID_INPUT   the request is well-formed but wrong
    ├── NotFound               404 NOT_FOUND       missing, or owned by someone else
    ├── Conflict               409 CONFLICT        stale version, duplicate, or in use
    ├── TooLarge               413 TOO_LARGE       an upload over the size limit
    ├── UnsupportedMediaType   415 UNSUPPORTED_MEDIA_TYPE  an upload that is not a video
    ├── Unauthenticated        401 UNAUTHENTICATED no valid session or token
    ├── Forbidden              403 FORBIDDEN       known user, action not allowed
    ├── Unavailable            503 UNAVAILABLE     a dependency (database, queue) is down
    ├── ModelFailed            502 MODEL_FAILED    an AI model could not load or failed to run
    └── UpstreamFailed         502 UPSTREAM_FAILED an outside service (Wikidata, the model
                                                   service) sent a reply fovea cannot read
"""

from __future__ import annotations

from typing import Any, ClassVar


class FoveaError(Exception):
    """Base of every error fovea raises on purpose."""

    status_code: ClassVar[int] = 500
    code: ClassVar[str] = "INTERNAL"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(FoveaError):
    """The input names something impossible (a bad sequence, an unknown type id...)."""

    status_code = 422
    code = "INVALID_INPUT"


class NotFound(FoveaError):
    """The resource does not exist for this user (another user's resource included)."""

    status_code = 404
    code = "NOT_FOUND"


class Conflict(FoveaError):
    """The write lost a race (stale ``version``) or collides with stored data."""

    status_code = 409
    code = "CONFLICT"


class TooLarge(FoveaError):
    """The request body is larger than the configured limit (an upload)."""

    status_code = 413
    code = "TOO_LARGE"


class UnsupportedMediaType(FoveaError):
    """The content is not of a type fovea accepts (an upload that is not a readable video)."""

    status_code = 415
    code = "UNSUPPORTED_MEDIA_TYPE"


class Unauthenticated(FoveaError):
    """No valid session or API token came with a request that needs one."""

    status_code = 401
    code = "UNAUTHENTICATED"


class Forbidden(FoveaError):
    """The user is known but may not do this."""

    status_code = 403
    code = "FORBIDDEN"


class Unavailable(FoveaError):
    """A service fovea depends on cannot be reached or refused to start."""

    status_code = 503
    code = "UNAVAILABLE"


class ConfigurationError(FoveaError):
    """The settings are unsafe or inconsistent; the process refuses to start."""

    code = "CONFIGURATION"


class ModelFailed(FoveaError):
    """An AI model could not be loaded or failed while running; retrying will not help.

    The message names the task, the option and the reason (a missing file, a malformed reply).
    A provider that is briefly down or rate-limited raises ``Unavailable`` instead.
    """

    status_code = 502
    code = "MODEL_FAILED"


class UpstreamFailed(FoveaError):
    """An outside service answered, but with a reply that breaks its protocol.

    The message names the service and what was wrong; retrying will not help until the service
    is fixed. A service that cannot be reached or answers 5xx raises ``Unavailable`` instead.
    """

    status_code = 502
    code = "UPSTREAM_FAILED"

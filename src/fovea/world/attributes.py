"""What is particular to each kind of world object, stored in ``world_objects.attributes``.

Pure shape rules live here (a point has coordinates, an interval starts before it ends); rules
that need the database (the event's time is one of your times) live in ``fovea.world.checks``.
Entities have no attributes.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

Unit = Annotated[float, Field(ge=0, le=1)]
Granularity = Literal["millisecond", "second", "minute", "hour", "day", "week", "month", "year"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GpsPoint(_Shape):
    """Degrees of latitude and longitude; ``alt`` in metres above sea level."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    alt: float | None = None


class XyzPoint(_Shape):
    """Cartesian or relative coordinates, in the units of the analyst's frame of reference."""

    x: float
    y: float
    z: float | None = None


Point = GpsPoint | XyzPoint


class LocationAttributes(_Shape):
    """A point (``coordinates``) or an extent (``boundary``, 3 or more points)."""

    location_type: Literal["point", "extent"]
    coordinate_system: Literal["gps", "cartesian", "relative"] = "gps"
    coordinates: Point | None = None
    boundary: list[Point] | None = Field(None, min_length=3, max_length=10_000)

    @model_validator(mode="after")
    def _shape_matches_type(self) -> LocationAttributes:
        if self.location_type == "point" and (self.coordinates is None or self.boundary):
            raise ValueError("a point has coordinates and no boundary")
        if self.location_type == "extent" and (self.boundary is None or self.coordinates):
            raise ValueError("an extent has a boundary of 3 or more points and no coordinates")
        wanted = GpsPoint if self.coordinate_system == "gps" else XyzPoint
        points = [self.coordinates] if self.coordinates else (self.boundary or [])
        if any(not isinstance(point, wanted) for point in points):
            axes = "lat/lon" if wanted is GpsPoint else "x/y"
            raise ValueError(f"{self.coordinate_system} coordinates are given as {axes}")
        return self


class EventAttributes(_Shape):
    """When and where an event happened (world objects of the user), and how sure we are."""

    time_id: uuid.UUID | None = Field(None, description="A time object.")
    location_id: uuid.UUID | None = Field(None, description="A location object.")
    certainty: Unit | None = None


class Vagueness(_Shape):
    type: Literal["approximate", "bounded", "fuzzy"]
    description: str | None = Field(None, max_length=2_000)
    earliest: AwareDatetime | None = None
    latest: AwareDatetime | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Vagueness:
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError("earliest is after latest")
        return self


class VideoReference(_Shape):
    """A video, optionally narrowed to one frame or an inclusive frame range."""

    video_id: uuid.UUID
    frame: int | None = Field(None, ge=0)
    start_frame: int | None = Field(None, ge=0)
    end_frame: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _one_frame_or_a_range(self) -> VideoReference:
        ranged = (self.start_frame is not None, self.end_frame is not None)
        if ranged[0] != ranged[1]:
            raise ValueError("a frame range needs both start_frame and end_frame")
        if self.frame is not None and ranged[0]:
            raise ValueError("give frame or start_frame/end_frame, not both")
        if ranged[0] and self.start_frame > self.end_frame:  # type: ignore[operator]
            raise ValueError("start_frame is after end_frame")
        return self


class TimeAttributes(_Shape):
    """An instant (``timestamp``) or an interval (``start`` to ``end``), ISO with offset."""

    time_type: Literal["instant", "interval"]
    timestamp: AwareDatetime | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    vagueness: Vagueness | None = None
    granularity: Granularity | None = None
    video_references: list[VideoReference] = Field(default_factory=list, max_length=1_000)

    @model_validator(mode="after")
    def _shape_matches_type(self) -> TimeAttributes:
        if self.time_type == "instant" and (self.timestamp is None or self.start or self.end):
            raise ValueError("an instant has a timestamp and no start or end")
        if self.time_type == "interval":
            if self.start is None or self.end is None or self.timestamp:
                raise ValueError("an interval has a start and an end and no timestamp")
            if self.start > self.end:
                raise ValueError("the interval's start is after its end")
        return self


def _distinct(ids: list[uuid.UUID]) -> list[uuid.UUID]:
    return list(dict.fromkeys(ids))


class CollectionAttributes(_Shape):
    """A group of objects of one kind: entities (locations included), events or times."""

    collection_kind: Literal["entity", "event", "time"]
    member_ids: Annotated[list[uuid.UUID], AfterValidator(_distinct)] = Field(
        default_factory=list, max_length=10_000, description="Members in order, each once."
    )
    collection_type: str | None = Field(
        None, max_length=100, description="e.g. group, sequence, periodic (free text)."
    )


class NoAttributes(_Shape):
    """Entities carry everything in the common fields."""


KindAttributes = (
    NoAttributes | LocationAttributes | EventAttributes | TimeAttributes | CollectionAttributes
)
ATTRIBUTES: dict[str, type[KindAttributes]] = {
    "entity": NoAttributes,
    "location": LocationAttributes,
    "event": EventAttributes,
    "time": TimeAttributes,
    "collection": CollectionAttributes,
}

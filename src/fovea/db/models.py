"""Every table of fovea, imported in one place so Alembic and tests see the whole schema."""

from fovea.annotations import models as annotations_models
from fovea.auth import models as auth_models
from fovea.claims import models as claims_models
from fovea.db.base import Base
from fovea.imports import models as imports_models
from fovea.jobs import models as jobs_models
from fovea.ontology import models as ontology_models
from fovea.personas import models as personas_models
from fovea.summaries import models as summaries_models
from fovea.videos import models as videos_models
from fovea.vision import models as vision_models
from fovea.world import models as world_models

metadata = Base.metadata

__all__ = [
    "annotations_models",
    "auth_models",
    "claims_models",
    "imports_models",
    "jobs_models",
    "metadata",
    "ontology_models",
    "personas_models",
    "summaries_models",
    "videos_models",
    "vision_models",
    "world_models",
]

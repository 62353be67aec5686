"""The article's techniques and teaching, as validated data."""

from sciatica_coach.catalog.loader import Catalog, load_catalog, load_education
from sciatica_coach.catalog.models import (
    Caution,
    Education,
    Kind,
    Routine,
    Side,
    Sides,
    Step,
    StepKind,
    Topic,
    mirror,
)

__all__ = [
    "Catalog",
    "Caution",
    "Education",
    "Kind",
    "Routine",
    "Side",
    "Sides",
    "Step",
    "StepKind",
    "Topic",
    "load_catalog",
    "load_education",
    "mirror",
]

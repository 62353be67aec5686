"""Loads and validates the catalog's data files; a broken file is a `ContentError`
reading `FILE: field: what is wrong`."""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from sciatica_coach.catalog.models import Education, Routine
from sciatica_coach.errors import ContentError, UnknownRoutine

_DATA = resources.files("sciatica_coach.catalog")
M = TypeVar("M", bound=BaseModel)


def load_model(file: Traversable, model: type[M]) -> M:
    """Parse one TOML file into `model`, turning every failure into a ContentError."""
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{file.name}: toml: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise ContentError(f"{file.name}: {field}: {first['msg']}") from None


@dataclass(frozen=True)
class Catalog:
    routines: tuple[Routine, ...]

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.routines]

    def get(self, routine_id: str) -> Routine:
        for routine in self.routines:
            if routine.id == routine_id:
                return routine
        raise UnknownRoutine(routine_id, self.ids)


def load_routines(folder: Traversable) -> Catalog:
    routines = []
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".toml"):
            continue
        routine = load_model(file, Routine)
        if file.name != f"{routine.id}.toml":
            raise ContentError(f"{file.name}: id: {routine.id!r} does not match the file name")
        routines.append(routine)
    if not routines:
        raise ContentError(f"{folder.name}: no routine files")
    orders = [r.order for r in routines]
    if len(set(orders)) != len(orders):
        raise ContentError(f"{folder.name}: order: two routines share an order number")
    return Catalog(tuple(sorted(routines, key=lambda r: r.order)))


@cache
def load_catalog() -> Catalog:
    return load_routines(_DATA / "routines")


@cache
def load_education() -> Education:
    return load_model(_DATA / "education.toml", Education)

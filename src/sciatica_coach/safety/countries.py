"""Where the person lives: which numbers the advice names (countries.toml, one table)."""

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from sciatica_coach.catalog.loader import load_model


class Numbers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    emergency: str
    urgent: str


class CountryNumbers(Numbers):
    codes: list[str] = Field(min_length=1)


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    default: Numbers
    countries: list[CountryNumbers]


@cache
def _table() -> Table:
    return load_model(resources.files("sciatica_coach.safety") / "countries.toml", Table)


@cache
def _by_code() -> dict[str, Numbers]:
    return {code: entry for entry in _table().countries for code in entry.codes}


def numbers_for(country: str | None) -> Numbers:
    """The country's numbers, or the general wording when the country is unset or unlisted."""
    return _by_code().get((country or "").upper(), _table().default)


@cache
def country_names() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code and its common name, sorted by name."""
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    return dict(sorted(names.items(), key=lambda item: item[1]))

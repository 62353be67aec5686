"""Storage: SQLAlchemy models, Alembic migrations and the user-scoped repository."""

from sciatica_coach.store.engine import database_url, make_engine, migrate
from sciatica_coach.store.repository import Store


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the database at `url`, or the one the environment names."""
    engine = make_engine(url or database_url())
    migrate(engine)
    return Store(engine)


__all__ = ["Store", "database_url", "open_store"]

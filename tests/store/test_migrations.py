"""Migrations take an empty database from the first revision to head, one step at a time,
and the result matches the models exactly (a model change without a migration fails here)."""

from datetime import UTC, date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from sciatica_coach.store.engine import HEAD, MIGRATIONS, current_revision, make_engine
from sciatica_coach.store.tables import Base


def test_upgrade_step_by_step_then_schema_matches_models(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    revisions = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()]
    assert revisions, "no migrations found"
    assert revisions[0] == HEAD, "store.engine.HEAD must name the newest migration"
    assert current_revision(engine) is None
    for revision in reversed(revisions):  # oldest first
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == revisions[0]
        assert compare_metadata(context, Base.metadata) == []
    assert current_revision(engine) == HEAD


def _migrate_in_new_process(url: str) -> str | None:
    from sciatica_coach.store.engine import migrate

    engine = make_engine(url)
    migrate(engine)
    return current_revision(engine)


def test_workers_starting_together_migrate_once_without_a_lock_error(empty_db_url: str) -> None:
    """`sciatica serve --workers N` starts N processes that all migrate a new database."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        revisions = list(pool.map(_migrate_in_new_process, [empty_db_url] * 4))
    assert revisions == [HEAD] * 4


def test_a_stored_week_of_pregnancy_becomes_the_due_date_it_implied(empty_db_url: str) -> None:
    """Week 14 saved on 1 Nov 2026 was due 26 weeks later; the week then moves on by itself."""
    import sqlalchemy as sa

    engine = make_engine(empty_db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    before = ScriptDirectory.from_config(config).get_revision("0006").down_revision
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, str(before))
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO users (id, username, name_key, role, created_at) "
                "VALUES (1, 'ann', 'ann', 'patient', '2026-10-01 09:00:00+00:00')"
            )
        )
        profiles = sa.table(
            "profiles",
            sa.column("user_id", sa.Integer()),
            sa.column("data", sa.JSON()),
            sa.column("updated_at", sa.DateTime(timezone=True)),
        )
        connection.execute(
            profiles.insert().values(
                user_id=1,
                data={"pregnancy_weeks": 14, "minutes": 20},
                updated_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
            )
        )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    from sciatica_coach.safety.profile import Profile
    from sciatica_coach.store import open_store

    data = open_store(empty_db_url).load_profile(1)
    assert data == {"due_date": "2027-05-02", "minutes": 20}
    profile = Profile.from_data(data)
    assert profile.pregnancy_week(date(2026, 11, 1)) == 14
    assert profile.pregnancy_week(date(2026, 11, 15)) == 16

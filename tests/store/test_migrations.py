"""Migrations take an empty database from the first revision to head, one step at a time,
and the result matches the models exactly (a model change without a migration fails here)."""

from datetime import UTC, date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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


def _upgrade_or_downgrade(engine: Engine, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_from_0007_up_to_head_and_back_keeps_the_rows_and_their_ranks(empty_db_url: str) -> None:
    """A database of the release before outcomes, reminders, idempotency keys and ranked links
    (0007) goes up to head with its links carrying their patients' ranks, back down to 0007
    with its rows intact, and up again to the models' exact schema."""
    import sqlalchemy as sa

    engine = make_engine(empty_db_url)
    _upgrade_or_downgrade(engine, "0007")
    created = datetime(2026, 10, 1, 9, tzinfo=UTC)
    users = sa.table(
        "users",
        *(sa.column(n) for n in ("id", "username", "name_key", "role")),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    summaries = sa.table(
        "patient_summaries",
        *(sa.column(n) for n in ("user_id", "username", "attention_group", "red_flag")),
        sa.column("as_of", sa.Date()),
        sa.column("rank", sa.LargeBinary()),
    )
    links = sa.table(
        "care_links",
        *(sa.column(n) for n in ("id", "patient_id", "clinician_id")),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    people = [(1, "ann", "patient"), (2, "bob", "patient"), (3, "dr", "clinician")]
    with engine.begin() as connection:
        connection.execute(
            users.insert(),
            [
                {"id": i, "username": n, "name_key": n, "role": r, "created_at": created}
                for i, n, r in people
            ],
        )
        connection.execute(
            summaries.insert(),
            [
                {
                    "user_id": i,
                    "username": n,
                    "attention_group": g,
                    "red_flag": False,
                    "as_of": date(2026, 11, 1),
                    "rank": f"{g}0001-01-01{n}".encode(),
                }
                for i, n, g in ((1, "ann", 4), (2, "bob", 0))
            ],
        )
        connection.execute(
            links.insert(),
            [{"id": p, "patient_id": p, "clinician_id": 3, "created_at": created} for p in (1, 2)],
        )

    _upgrade_or_downgrade(engine, "head")
    assert current_revision(engine) == HEAD == "0011"
    with engine.connect() as connection:
        ranked = connection.execute(
            sa.text("SELECT patient_id, rank FROM care_links ORDER BY clinician_id, rank")
        ).all()
        assert [(p, bytes(r)) for p, r in ranked] == [
            (2, b"00001-01-01bob"),
            (1, b"40001-01-01ann"),
        ]

    _upgrade_or_downgrade(engine, "0007", down=True)
    assert current_revision(engine) == "0007"
    inspector = sa.inspect(engine)
    gone = {"technique_checks", "questionnaire_answers", "reminder_settings",
            "push_subscriptions", "reminder_sends"}  # fmt: skip
    assert gone.isdisjoint(inspector.get_table_names())
    assert "rank" not in {c["name"] for c in inspector.get_columns("care_links")}
    for table in ("diary_entries", "sessions"):
        assert "idempotency_key" not in {c["name"] for c in inspector.get_columns(table)}
    with engine.connect() as connection:
        kept = connection.execute(sa.text("SELECT patient_id FROM care_links ORDER BY id"))
        assert [p for (p,) in kept] == [1, 2]

    _upgrade_or_downgrade(engine, "head")
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()

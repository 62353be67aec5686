"""The CLI's user marked by a column; names unique whatever their case; attempt counters

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 15:50:00

- `users.is_local`: the user named `local` (the CLI's, until now found by that name) gets it.
- `users.name_key`: the lower-cased name, unique. Where existing names differ only in case,
  the oldest account keeps the plain key and the others get `key#id` (`#` is not allowed in a
  web name, so no new name can take it); they still sign in with their exact name.
- `attempt_counters` replaces `login_failures` (counts restart: at worst, a few more guesses).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_local", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("name_key", sa.String(length=100), nullable=True))

    users = sa.table(
        "users",
        sa.column("id", sa.Integer()),
        sa.column("username", sa.String()),
        sa.column("name_key", sa.String()),
        sa.column("is_local", sa.Boolean()),
    )
    bind = op.get_bind()
    taken: set[str] = set()
    rows = bind.execute(sa.select(users.c.id, users.c.username).order_by(users.c.id)).all()
    for user_id, username in rows:
        key = username.lower()
        if key in taken:
            key = f"{key}#{user_id}"
        taken.add(key)
        bind.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(name_key=key, is_local=username == "local")
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("name_key", existing_type=sa.String(length=100), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_name_key"), ["name_key"])

    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_failures_key"))
    op.drop_table("login_failures")
    op.create_table(
        "attempt_counters",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_attempt_counters")),
    )


def downgrade() -> None:
    op.drop_table("attempt_counters")
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=140), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_failures_key"), ["key"], unique=False)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_name_key"), type_="unique")
        batch_op.drop_column("name_key")
        batch_op.drop_column("is_local")

"""safety v2: doctors' clearances, the question set of each check, pregnancy as a due date;
the techniques a session skipped

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:05:00
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FULL_TERM_WEEKS = 40


def upgrade() -> None:
    op.create_table(
        "clearances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("covers", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_clearances_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_clearances_screening_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearances")),
    )
    with op.batch_alter_table("clearances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clearances_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("question_set", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skipped", sa.JSON(), nullable=True))
    _pregnancy_weeks_to_due_dates()


def _pregnancy_weeks_to_due_dates() -> None:
    """A stored week of pregnancy was the week on the day the profile was saved: keep it as
    the due date it implies, so the week moves on with the calendar from now on."""
    profiles = sa.table(
        "profiles",
        sa.column("user_id", sa.Integer()),
        sa.column("data", sa.JSON()),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    for user_id, data, updated_at in bind.execute(sa.select(profiles)).all():
        if not isinstance(data, dict) or "pregnancy_weeks" not in data:
            continue
        data = dict(data)
        weeks = data.pop("pregnancy_weeks")
        saved = updated_at.date() if isinstance(updated_at, datetime) else date.today()
        if isinstance(updated_at, str):
            saved = datetime.fromisoformat(updated_at).date()
        if isinstance(weeks, int):
            data["due_date"] = (saved + timedelta(weeks=FULL_TERM_WEEKS - weeks)).isoformat()
        bind.execute(profiles.update().where(profiles.c.user_id == user_id).values(data=data))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("skipped")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_column("question_set")
    with op.batch_alter_table("clearances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clearances_user_id"))
    op.drop_table("clearances")

"""patient summaries: the clinician's list as rows, and the daily job that refreshes them

The rows are filled by the first dashboard of the day (the daily job finds no day yet) or at
once by `sciatica rebuild-summaries`.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patient_summaries",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("attention_group", sa.Integer(), nullable=False),
        sa.Column("rank", sa.LargeBinary(), nullable=False),
        sa.Column("screening", sa.String(length=20), nullable=True),
        sa.Column("red_flag", sa.Boolean(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=True),
        sa.Column("last_activity", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_patient_summaries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_patient_summaries")),
    )
    op.create_index("ix_patient_summaries_rank", "patient_summaries", ["rank"], unique=False)
    jobs = op.create_table(
        "summary_jobs",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_summary_jobs")),
    )
    op.bulk_insert(jobs, [{"name": "daily", "day": None, "ran_at": None}])


def downgrade() -> None:
    op.drop_table("summary_jobs")
    op.drop_index("ix_patient_summaries_rank", table_name="patient_summaries")
    op.drop_table("patient_summaries")

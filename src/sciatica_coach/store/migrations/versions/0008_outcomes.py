"""outcomes: questionnaire answers and the check after each technique

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "technique_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("routine_id", sa.String(length=80), nullable=False),
        sa.Column("pain", sa.String(length=10), nullable=True),
        sa.Column("reach", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_technique_checks_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_technique_checks")),
    )
    op.create_index(
        op.f("ix_technique_checks_session_id"), "technique_checks", ["session_id"], unique=False
    )
    op.create_table(
        "questionnaire_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_questionnaire_answers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_answers")),
    )
    op.create_index(
        "ix_questionnaire_answers_user_day",
        "questionnaire_answers",
        ["user_id", "day"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_questionnaire_answers_user_day", table_name="questionnaire_answers")
    op.drop_table("questionnaire_answers")
    op.drop_index(op.f("ix_technique_checks_session_id"), table_name="technique_checks")
    op.drop_table("technique_checks")

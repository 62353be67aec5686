"""care links carry their patient's attention rank: a page of a clinician's list is one walk
of the (clinician_id, rank, patient_id) index, whatever the page and however many patients;
an index of the diary days with a reach recorded (the reach trend's weeks by two seeks)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("care_links") as batch:
        batch.add_column(sa.Column("rank", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE care_links SET rank = (SELECT patient_summaries.rank FROM patient_summaries"
        " WHERE patient_summaries.user_id = care_links.patient_id)"
    )
    op.create_index(
        "ix_care_links_clinician_rank", "care_links", ["clinician_id", "rank", "patient_id"]
    )
    op.create_index(
        "ix_diary_entries_reach_days",
        "diary_entries",
        ["user_id", "day"],
        sqlite_where=sa.text("reaches IS NOT NULL"),
        postgresql_where=sa.text("reaches IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_diary_entries_reach_days", table_name="diary_entries")
    op.drop_index("ix_care_links_clinician_rank", table_name="care_links")
    with op.batch_alter_table("care_links") as batch:
        batch.drop_column("rank")

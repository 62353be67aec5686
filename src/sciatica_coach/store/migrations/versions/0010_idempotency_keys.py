"""idempotency keys: a diary entry or a session sent again (by a phone that saved it offline)
is found by its key instead of being stored twice

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("diary_entries", "sessions")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        op.create_index(
            f"ix_{table}_idempotency_key", table, ["user_id", "idempotency_key"], unique=True
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_idempotency_key", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("idempotency_key")

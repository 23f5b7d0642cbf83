"""term deltas: a snapshot's term counts appended in one row, folded into term in batches

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "termdelta",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["snapshot.id"], name=op.f("fk_termdelta_snapshot_id_snapshot")
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_termdelta_story_id_story")
        ),
        sa.PrimaryKeyConstraint("story_id", "snapshot_id", name=op.f("pk_termdelta")),
    )


def downgrade() -> None:
    # The deltas not yet folded are term counts: fold them before the table goes.
    from storage.terms import fold_term_deltas

    conn = op.get_bind()
    for story_id in conn.execute(sa.text("SELECT DISTINCT story_id FROM termdelta")).scalars():
        fold_term_deltas(conn, int(story_id))
    op.drop_table("termdelta")

"""Alembic environment: runs on the connection tracker hands it (see storage/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from storage import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

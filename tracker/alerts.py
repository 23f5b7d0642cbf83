"""The webhook outbox as an ingest write hook: one event per written edit, queued for each
endpoint that wants it, in the snapshot's own transaction (an edit and its alerts commit
together or not at all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from storage import queries as q
from tracker.config import WebhookConfig
from tracker.events import deliveries, edit_event
from tracker.ingest import WriteContext
from tracker.model import Written


@dataclass(frozen=True)
class OutboxHook:
    webhooks: Sequence[WebhookConfig]

    def __call__(self, conn: Connection, context: WriteContext, written: Written) -> None:
        rows = []
        for edit in written.edits:
            event = edit_event(
                edit.row,
                edit_id=edit.id,
                story=context.story,
                headline=edit.headline,
                page=context.page,
                page_url=context.url,
                when=context.now,
            )
            rows.extend(deliveries(event, self.webhooks, context.now))
        q.insert_rows(conn, q.delivery_t, rows)


def outbox_hooks(webhooks: Sequence[WebhookConfig]) -> list[OutboxHook]:
    """The write hooks for these endpoints: none when there are none."""
    return [OutboxHook(list(webhooks))] if webhooks else []

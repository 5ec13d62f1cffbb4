"""The notification tables as the notifier reads and writes them (schema: revision 0002).

Same column types as the history's own tables: aware UTC times, untrusted text kept byte
for byte.
"""

from __future__ import annotations

import sqlalchemy as sa

from sgp.history.tables import ID, ExactText, UTCDateTime, metadata

PENDING = "pending"
SENT = "sent"
GAVE_UP = "gave_up"

announcements = sa.Table(
    "announcements",
    metadata,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("model_id", ExactText(), nullable=False),
    sa.Column("transition", sa.String(32), nullable=False),
    sa.Column("changed_at", UTCDateTime(), nullable=False),
    sa.Column("decided_at", UTCDateTime(), nullable=False),
    sa.Column("summary", ExactText(), nullable=False),
    sa.Column("body", ExactText(), nullable=False),
    sa.UniqueConstraint("model_id", "transition", "changed_at"),
)

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("announcement_id", ID, sa.ForeignKey("announcements.id"), nullable=False),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("channel_kind", sa.Text(), nullable=False),
    sa.Column("message_key", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("last_attempt_at", UTCDateTime()),
    sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
    sa.Column("last_error", sa.Text()),
    sa.Column("sent_at", UTCDateTime()),
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claim_expires", UTCDateTime()),
    sa.UniqueConstraint("announcement_id", "channel"),
)

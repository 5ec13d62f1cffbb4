"""Revision 2: notifications, written down before they are sent (the outbox).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

`announcements` holds what was decided, once per UNIQUE(model_id, transition, changed_at):
two recorders deciding the same change at once create it once. `deliveries` is the outbox
proper, one row per (announcement, channel), UNIQUE(announcement_id, channel); a channel is
named by a fingerprint of its URL and its kind ("Slack"), never by the URL (a secret).
Rows of one round share a `message_key` and go out as one message per channel.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "announcements",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("model_id", sa.Text(), nullable=False),
        sa.Column("transition", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.UniqueConstraint(
            "model_id", "transition", "changed_at", name="uq_announcements_model_transition"
        ),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("announcement_id", ID, sa.ForeignKey("announcements.id"), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("channel_kind", sa.Text(), nullable=False),
        sa.Column("message_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claim_expires", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("announcement_id", "channel", name="uq_deliveries_channel"),
    )
    with op.batch_alter_table("deliveries") as batch:
        batch.create_index("ix_deliveries_channel_state", ["channel", "state", "id"])


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("announcements")

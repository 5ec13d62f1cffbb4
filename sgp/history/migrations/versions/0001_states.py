"""Revision 1: configurations, states, followed models and leases.

Revision ID: 0001
Revises:
Create Date: 2026-12-03

Times are stored as UTC without a zone (the store converts at its edge). `states` has
UNIQUE(model_id, first_seen): it stops two writers from recording one change twice, and
its index answers "one model's states since T" as a short range scan.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# 64-bit ids on PostgreSQL; SQLite autoincrements only an INTEGER PRIMARY KEY.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "configs",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("digest", name="uq_configs_digest"),
    )
    op.create_table(
        "states",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("model_id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("availability", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("config_id", ID, sa.ForeignKey("configs.id"), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("observations", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("model_id", "first_seen", name="uq_states_model_first_seen"),
    )
    op.create_table(
        "follows",
        sa.Column("model_id", sa.Text(), primary_key=True),
        sa.Column("followed_by", sa.Text(), nullable=True),
        sa.Column("followed_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("leases", "follows", "states", "configs"):
        op.drop_table(table)

"""The history's tables as the store reads and writes them (the schema is the migrations').

Two column types sit at the store's edge. `UTCDateTime` takes aware datetimes, stores them
as UTC without a zone (the same on SQLite and PostgreSQL) and gives them back aware.
`ExactText` keeps untrusted text byte for byte on both databases: PostgreSQL refuses NUL
in text, so a value holding NUL (or starting with the marker) is stored as the marker and
its JSON; every other value is stored as it is, readable in SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

# A private-use character: no status or reason from the API starts with it.
_MARK = "\ue000"


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("History times must be timezone-aware.")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class ExactText(sa.types.TypeDecorator[str]):
    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        if value is None or ("\x00" not in value and not value.startswith(_MARK)):
            return value
        return _MARK + json.dumps(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        if value is None or not value.startswith(_MARK):
            return value
        decoded = json.loads(value[len(_MARK) :])
        return str(decoded)


ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
metadata = sa.MetaData()

configs = sa.Table(
    "configs",
    metadata,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("digest", sa.String(64), nullable=False, unique=True),
    sa.Column("body", sa.Text(), nullable=False),  # canonical JSON: ASCII, NUL escaped
    sa.Column("first_seen", UTCDateTime(), nullable=False),
)

states = sa.Table(
    "states",
    metadata,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("model_id", ExactText(), nullable=False),
    sa.Column("status", ExactText(), nullable=False),
    sa.Column("availability", ExactText()),
    sa.Column("reason", ExactText()),
    sa.Column("config_id", ID, sa.ForeignKey("configs.id")),
    sa.Column("first_seen", UTCDateTime(), nullable=False),
    sa.Column("last_seen", UTCDateTime(), nullable=False),
    sa.Column("observations", sa.Integer(), nullable=False),
    sa.UniqueConstraint("model_id", "first_seen", name="uq_states_model_first_seen"),
)

follows = sa.Table(
    "follows",
    metadata,
    sa.Column("model_id", ExactText(), primary_key=True),
    sa.Column("followed_by", ExactText()),
    sa.Column("followed_at", UTCDateTime(), nullable=False),
)

leases = sa.Table(
    "leases",
    metadata,
    sa.Column("name", ExactText(), primary_key=True),
    sa.Column("holder", ExactText(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
)

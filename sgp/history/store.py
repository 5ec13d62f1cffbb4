"""The history's store: what each model was seen doing, kept as periods of one state.

`open_store(url)` opens the database and brings its schema to head. `Store.observe` is the
one write the recorder and the app make: it extends the model's latest period when nothing
changed and the last sighting is at most `MAX_GAP` old, and starts a new period otherwise.
Two writers observing one model at once never record one change twice: a transaction lock
per model on PostgreSQL, `BEGIN IMMEDIATE` on SQLite, and UNIQUE(model_id, first_seen) with
ON CONFLICT DO NOTHING behind both. Each distinct configuration is stored once. Every value
reaches SQL as a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from sgp.history import db
from sgp.history.states import MAX_GAP, State
from sgp.history.tables import configs, follows, states
from sgp.present.redact import redact_secrets

# The fields of the API's body that say how a model is set up (not what it is doing).
CONFIGURATION_FIELDS = (
    "name",
    "model_type",
    "model_vendor",
    "vendor_configuration",
    "model_metadata",
)


def configuration_of(raw_body: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a GET /models/{id} body that identifies how the model is set up, with
    secret-looking environment values hidden as the page hides them (`redact_secrets`): the
    history never keeps what the page would not show, and the recorder and the app, both
    recording through here, store the same configuration (one digest, no false changes)."""
    body = dict(raw_body)
    shown = redact_secrets(body) or body
    return {field: shown.get(field) for field in CONFIGURATION_FIELDS}


def state_of(raw_body: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    """(status, availability, reason) of a GET /models/{id} body, as the API sent them: the
    one reading the app and the recorder share, so that one answer is one state whoever
    saw it (an empty reason is no reason; a value that is not text is no value)."""
    status, availability = raw_body.get("status"), raw_body.get("model_availability")
    reason = raw_body.get("status_reason")
    return (
        status if isinstance(status, str) else str(status),
        availability if isinstance(availability, str) else None,
        reason if isinstance(reason, str) and reason else None,
    )


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, ASCII (NUL and U+2028 escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def open_store(url: str, wait_s: float | None = None) -> Store:
    """Open the history at a SQLAlchemy URL (SQLite or PostgreSQL), migrated to head.

    `wait_s`: the longest one statement may wait on a lock or run (see `db.make_engine`).
    """
    engine = db.make_engine(url, wait_s)
    try:
        db.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """Reads and writes of the history; thread-safe (one engine, a connection per call)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        dialect = engine.dialect.name
        self._insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self._postgres = dialect == "postgresql"

    def close(self) -> None:
        self.engine.dispose()

    def observe(
        self,
        model_id: str,
        observed_at: dt.datetime,
        status: str,
        availability: str | None,
        reason: str | None,
        configuration: Mapping[str, Any] | None,
    ) -> State:
        """Record one sighting; returns the period it now belongs to.

        A sighting no newer than the model's latest one is ignored (the latest period is
        returned): the history only moves forward.
        """
        if observed_at.tzinfo is None:
            raise ValueError("observed_at must be timezone-aware (a naive time has no zone).")
        observed_at = observed_at.astimezone(dt.UTC)
        with db.write_connection(self.engine) as conn, conn.begin():
            if self._postgres:
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_model_lock_key(model_id))))
            config_id = None
            if configuration is not None:
                config_id = self._config_id(conn, configuration, observed_at)
            seen = State(
                model_id, status, availability, reason, config_id, observed_at, observed_at
            )
            latest = self._latest(conn, model_id)
            if latest is not None and observed_at <= latest.last_seen:
                return latest
            if (
                latest is not None
                and latest.same_state(seen)
                and observed_at - latest.last_seen <= MAX_GAP
            ):
                conn.execute(
                    sa.update(states)
                    .where(states.c.model_id == model_id)
                    .where(states.c.first_seen == latest.first_seen)
                    .values(last_seen=observed_at, observations=states.c.observations + 1)
                )
                return replace(latest, last_seen=observed_at, observations=latest.observations + 1)
            conn.execute(
                self._insert(states)
                .values(
                    model_id=model_id,
                    status=status,
                    availability=availability,
                    reason=reason,
                    config_id=config_id,
                    first_seen=observed_at,
                    last_seen=observed_at,
                    observations=1,
                )
                .on_conflict_do_nothing(index_elements=["model_id", "first_seen"])
            )
            return self._latest(conn, model_id) or seen

    def states(self, model_id: str, since: dt.datetime | None = None) -> list[State]:
        """A model's periods, oldest first; with `since`, from the one that holds at `since`."""
        return self.states_many([model_id], since).get(model_id, [])

    def states_many(
        self, model_ids: Iterable[str], since: dt.datetime | None = None
    ) -> dict[str, list[State]]:
        """Periods of several models (a board's worth) in one query, oldest first each."""
        wanted = list(dict.fromkeys(model_ids))
        if not wanted:
            return {}
        of_models = states.c.model_id.in_(wanted)
        query: sa.Select[Any] | sa.CompoundSelect[Any] = sa.select(states).where(of_models)
        if since is not None:
            # Each model's latest period that started by `since` (it may straddle it) and
            # those that started after: two range scans of UNIQUE(model_id, first_seen).
            latest_before = (
                sa.select(states.c.model_id, sa.func.max(states.c.first_seen).label("first_seen"))
                .where(of_models, states.c.first_seen <= since)
                .group_by(states.c.model_id)
                .subquery()
            )
            straddling = sa.select(states).join(
                latest_before,
                sa.and_(
                    states.c.model_id == latest_before.c.model_id,
                    states.c.first_seen == latest_before.c.first_seen,
                ),
            )
            query = sa.union_all(
                straddling, sa.select(states).where(of_models, states.c.first_seen > since)
            )
        out: dict[str, list[State]] = {model_id: [] for model_id in wanted}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out[row.model_id].append(_state(row))
        for periods in out.values():
            periods.sort(key=lambda state: state.first_seen)
        return out

    def configs(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The configurations with these ids, as they were first seen."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        query = sa.select(configs.c.id, configs.c.body).where(configs.c.id.in_(wanted))
        with self.engine.connect() as conn:
            return {int(row.id): json.loads(row.body) for row in conn.execute(query)}

    def follow(self, model_id: str, who: str | None) -> None:
        """Follow a model (recorded every round); following it again keeps the first entry."""
        with db.write_connection(self.engine) as conn, conn.begin():
            conn.execute(
                self._insert(follows)
                .values(model_id=model_id, followed_by=who, followed_at=_now())
                .on_conflict_do_nothing(index_elements=["model_id"])
            )

    def unfollow(self, model_id: str) -> None:
        with db.write_connection(self.engine) as conn, conn.begin():
            conn.execute(sa.delete(follows).where(follows.c.model_id == model_id))

    def followed(self) -> list[str]:
        with self.engine.connect() as conn:
            query = sa.select(follows.c.model_id).order_by(follows.c.model_id)
            return [str(model_id) for model_id in conn.execute(query).scalars()]

    def is_followed(self, model_id: str) -> bool:
        with self.engine.connect() as conn:
            query = sa.select(follows.c.model_id).where(follows.c.model_id == model_id)
            return conn.execute(query).first() is not None

    def prune(self, older_than: dt.datetime) -> int:
        """Forget periods last seen before `older_than` (and configurations left unused).

        Returns how many periods were removed. On PostgreSQL, configurations are locked
        against new references while the unused ones go (an `observe` waits for it).
        """
        with db.write_connection(self.engine) as conn, conn.begin():
            if self._postgres:
                conn.exec_driver_sql("LOCK TABLE configs IN SHARE ROW EXCLUSIVE MODE")
            removed = conn.execute(sa.delete(states).where(states.c.last_seen < older_than))
            used = sa.select(states.c.config_id).where(states.c.config_id.is_not(None))
            conn.execute(
                sa.delete(configs)
                .where(configs.c.first_seen < older_than)
                .where(configs.c.id.not_in(used))
            )
            return int(removed.rowcount or 0)

    def _config_id(
        self, conn: Connection, configuration: Mapping[str, Any], seen_at: dt.datetime
    ) -> int:
        body = canonical_json(configuration)
        digest = hashlib.sha256(body.encode()).hexdigest()
        # Insert first (never select first): on PostgreSQL the insert's table lock makes a
        # concurrent prune wait, so the id read below cannot vanish before it is used.
        conn.execute(
            self._insert(configs)
            .values(digest=digest, body=body, first_seen=seen_at)
            .on_conflict_do_nothing(index_elements=["digest"])
        )
        found = conn.execute(sa.select(configs.c.id).where(configs.c.digest == digest))
        return int(found.scalar_one())

    def _latest(self, conn: Connection, model_id: str) -> State | None:
        row = conn.execute(
            sa.select(states)
            .where(states.c.model_id == model_id)
            .order_by(states.c.first_seen.desc())
            .limit(1)
        ).first()
        return _state(row) if row is not None else None


def _state(row: sa.Row[Any]) -> State:
    return State(
        model_id=row.model_id,
        status=row.status,
        availability=row.availability,
        reason=row.reason,
        config_id=row.config_id,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        observations=row.observations,
    )


def _model_lock_key(model_id: str) -> int:
    """A signed 64-bit pg_advisory_xact_lock key for one model."""
    digest = hashlib.sha256(b"sgp-history-model:" + model_id.encode("utf-8", "replace"))
    return int.from_bytes(digest.digest()[:8], "big", signed=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

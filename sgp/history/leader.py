"""Which recorder is the active one: only it asks the API and writes; the others wait.

PostgreSQL: `pg_try_advisory_lock` on a connection of its own, outside the store's pool
(a pool may recycle a connection and drop a session lock silently; PgBouncer in
transaction mode breaks session locks: connect the recorder to PostgreSQL directly). The
lock is held until that session ends, also when the process is killed, so a standby takes
over at its next check. Every check confirms in `pg_locks` that this session still holds
it. SQLite: a row in `leases` (holder, expiry) taken or renewed in a write transaction
(`BEGIN IMMEDIATE`); a standby takes the lease once it has expired.

`check()` answers True (active), False (another one is) or None (the database cannot be
asked now: the caller decides, see the recorder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from sgp.history import db
from sgp.history.tables import leases

log = logging.getLogger(__name__)
# pg_advisory_lock key of "the active recorder" (a fixed positive 64-bit number).
RECORDER_LOCK_KEY = 0x5347_5052_4543_0001
LEASE_NAME = "recorder"


class Leadership(Protocol):
    def check(self, hold_for: dt.timedelta) -> bool | None: ...

    def release(self) -> None: ...


def holder_name() -> str:
    """This process, as a lease names it: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class AdvisoryLock:
    """The recorder's PostgreSQL session lock, on a dedicated connection."""

    def __init__(self, engine: Engine) -> None:
        # Same URL and driver as the store, but no pool: this connection is ours alone.
        self._engine = sa.create_engine(
            engine.url, poolclass=NullPool, connect_args={"connect_timeout": 2}
        )
        self._conn: Connection | None = None
        self._held = False

    def check(self, hold_for: dt.timedelta) -> bool | None:
        """Take or confirm the lock (held as long as the session lives, whatever `hold_for`)."""
        try:
            if self._conn is None:
                self._conn = self._engine.connect()
                self._held = False
            if self._held:
                self._held = self._still_held(self._conn)
                if not self._held:
                    log.warning("The recorder's database lock was lost; trying to take it again.")
            if not self._held:
                got = self._conn.execute(sa.select(sa.func.pg_try_advisory_lock(RECORDER_LOCK_KEY)))
                self._held = bool(got.scalar_one())
            self._conn.commit()
            return self._held
        except (SQLAlchemyError, OSError):
            self._drop()
            return None

    def release(self) -> None:
        if self._conn is not None and self._held:
            try:
                self._conn.execute(sa.select(sa.func.pg_advisory_unlock(RECORDER_LOCK_KEY)))
                self._conn.commit()
            except (SQLAlchemyError, OSError):
                pass  # the session ends below: the lock goes with it
        self._drop()
        self._engine.dispose()

    def _still_held(self, conn: Connection) -> bool:
        high, low = (RECORDER_LOCK_KEY >> 32) & 0xFFFFFFFF, RECORDER_LOCK_KEY & 0xFFFFFFFF
        found = conn.execute(
            sa.text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND pid = pg_backend_pid() AND classid = :high AND objid = :low"
                " AND objsubid = 1"
            ),
            {"high": high, "low": low},
        )
        return bool(found.scalar_one())

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(SQLAlchemyError, OSError):
                self._conn.close()
        self._conn, self._held = None, False


class Lease:
    """The recorder's SQLite lease: one row, renewed by its holder every round."""

    def __init__(
        self,
        engine: Engine,
        holder: str,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._engine, self.holder, self._clock = engine, holder, clock

    def check(self, hold_for: dt.timedelta) -> bool | None:
        """Take or renew the lease until `hold_for` from now, unless another holds it."""
        try:
            with db.write_connection(self._engine) as conn, conn.begin():
                now = self._clock()
                row = conn.execute(sa.select(leases).where(leases.c.name == LEASE_NAME)).first()
                if row is not None and row.holder != self.holder and row.expires_at > now:
                    return False
                values = {"holder": self.holder, "expires_at": now + hold_for}
                if row is None:
                    conn.execute(sa.insert(leases).values(name=LEASE_NAME, **values))
                else:
                    conn.execute(
                        sa.update(leases).where(leases.c.name == LEASE_NAME).values(**values)
                    )
                return True
        except (SQLAlchemyError, OSError):
            return None

    def release(self) -> None:
        """Give the lease up at once (a clean stop), so a standby need not wait it out."""
        try:
            with db.write_connection(self._engine) as conn, conn.begin():
                conn.execute(
                    sa.delete(leases)
                    .where(leases.c.name == LEASE_NAME)
                    .where(leases.c.holder == self.holder)
                )
        except (SQLAlchemyError, OSError):
            pass


def leadership(engine: Engine) -> Leadership:
    """The lock for this database: an advisory lock on PostgreSQL, a lease on SQLite."""
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine)
    return Lease(engine, holder_name())

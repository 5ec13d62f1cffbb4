"""One active recorder: the SQLite lease and the PostgreSQL advisory lock, checked each round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from sgp.history.leader import AdvisoryLock, Lease
from sgp.history.store import open_store
from testkit.postgres import PostgresCluster

T0 = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
TWO_ROUNDS = dt.timedelta(seconds=120)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_the_sqlite_lease_goes_to_a_standby_only_once_it_has_expired(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    clock = Clock()
    first, second = Lease(store.engine, "first", clock), Lease(store.engine, "second", clock)
    assert first.check(TWO_ROUNDS) is True
    clock.now += dt.timedelta(seconds=60)
    assert second.check(TWO_ROUNDS) is False
    assert first.check(TWO_ROUNDS) is True  # renewed: until T0 + 180 s now
    clock.now += dt.timedelta(seconds=119)
    assert second.check(TWO_ROUNDS) is False
    clock.now += dt.timedelta(seconds=2)  # the first stopped renewing: expired
    assert second.check(TWO_ROUNDS) is True
    assert first.check(TWO_ROUNDS) is False  # the first, back, is now the standby
    second.release()
    assert first.check(TWO_ROUNDS) is True  # a clean stop hands over at once
    first.release()
    store.close()


def test_the_advisory_lock_is_confirmed_each_round_and_a_lost_session_is_noticed(
    postgres: PostgresCluster,
) -> None:
    store = open_store(postgres.create_database())
    first, second = AdvisoryLock(store.engine), AdvisoryLock(store.engine)
    try:
        assert first.check(TWO_ROUNDS) is True
        assert first.check(TWO_ROUNDS) is True  # held, confirmed in pg_locks
        assert second.check(TWO_ROUNDS) is False
        # The first's session ends behind its back (a proxy or the server dropped it).
        url = make_url(str(store.engine.url))
        conninfo = f"host={url.host} port={url.port} user=postgres dbname={url.database}"
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks"
                " WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()"
            )
        assert first.check(TWO_ROUNDS) is None  # it cannot tell: it does not claim the role
        assert second.check(TWO_ROUNDS) is True
        assert first.check(TWO_ROUNDS) is False  # reconnected, and the other has it now
    finally:
        first.release()
        second.release()
        store.close()


def test_a_lease_the_database_cannot_answer_for_claims_nothing(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    lease = Lease(store.engine, "first", Clock())
    store.engine.dispose()
    for name in ("h.sqlite3", "h.sqlite3-wal", "h.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)  # the next connection finds no table
    assert lease.check(TWO_ROUNDS) is None
    store.close()

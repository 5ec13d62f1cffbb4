"""Opening the history: where it lives, its migrations (three at once, over existing data, a
later revision that rebuilds a table, older code on a newer database), and the guard that
turns a stopped database into a plain message without the password."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sgp.history import db
from sgp.history.guard import MESSAGE, GuardedStore, HistoryUnavailable
from sgp.history.settings import history_url
from sgp.history.store import open_store
from testkit.postgres import PostgresCluster, find_bin_dir

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "pw-DO-NOT-LEAK-91c2"
HEAD = "0002"  # revision 2: the notifications' outbox


def test_the_history_lives_beside_the_app_unless_configured_or_off(tmp_path: Path) -> None:
    default = f"sqlite:///{tmp_path.resolve()}/.data/history.sqlite3"
    assert history_url(None, tmp_path) == history_url("  ", tmp_path) == default
    assert history_url("off", tmp_path) is None and history_url(" OFF ", tmp_path) is None
    url = "postgresql+psycopg://u:p@db:5432/h"
    assert history_url(url, tmp_path) == url


def test_a_first_start_creates_the_sqlite_folder_in_wal_mode(tmp_path: Path) -> None:
    url = history_url(None, tmp_path)
    assert url is not None
    store = open_store(url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 5000
    store.close()
    assert (tmp_path / ".data" / "history.sqlite3").is_file()
    with pytest.raises(ValueError, match="SQLite file"):
        open_store("sqlite://")
    with pytest.raises(ValueError, match="SQLite and PostgreSQL"):
        open_store("mysql://u@localhost/h")


def _open_at_once(url: str, barrier: Any) -> str | None:
    barrier.wait(timeout=60)
    store = open_store(url)
    store.close()
    return db.current_revision(store.engine)


def test_two_processes_starting_at_once_migrate_the_database_once(history_db_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(3)
    with ProcessPoolExecutor(3, mp_context=context) as pool:
        started = [pool.submit(_open_at_once, history_db_url, barrier) for _ in range(3)]
        assert [done.result(timeout=120) for done in started] == [HEAD] * 3
    engine = db.make_engine(history_db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [(HEAD,)]
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert {"configs", "states", "follows", "leases"} <= tables


def test_restarting_on_an_existing_database_keeps_its_history(history_db_url: str) -> None:
    engine = db.make_engine(history_db_url)
    db.upgrade(engine, "0001")  # a database made by revision 1
    engine.dispose()
    first = open_store(history_db_url)
    first.observe("m", T0, "ready", "available", "kept", {"name": "kept"})
    first.follow("m", "ana")
    before = first.states("m")
    first.close()

    again = open_store(history_db_url)
    assert db.current_revision(again.engine) == HEAD
    assert again.states("m") == before and again.followed() == ["m"]
    assert again.configs([before[0].config_id or 0]) == {before[0].config_id: {"name": "kept"}}
    again.close()


LATER_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "0002"


def upgrade() -> None:
    # Changing a column's nullability rebuilds the table on SQLite (batch: copy and rename).
    with op.batch_alter_table("states") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.alter_column("status", existing_type=sa.Text(), nullable=True)
"""


def test_a_later_revision_that_rebuilds_a_table_keeps_every_period(
    history_db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = open_store(history_db_url)
    for i, status in enumerate(["deploying", "ready", "failed"]):
        first.observe("m", T0 + dt.timedelta(minutes=i), status, None, f"r{i}\x00", {"i": i})
    before = first.states("m")
    first.close()
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(db.__file__).parent / "migrations", scripts)
    (scripts / "versions" / "0099_note.py").write_text(LATER_REVISION)

    engine = db.make_engine(history_db_url)
    db.upgrade(engine, script_location=str(scripts))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [("0099",)]
        columns = {c["name"] for c in sa.inspect(conn).get_columns("states")}
        uniques = sa.inspect(conn).get_unique_constraints("states")
    engine.dispose()
    assert "note" in columns
    assert [u["column_names"] for u in uniques] == [["model_id", "first_seen"]]
    # The shipped code is now older than the database (a rolling update): it carries on.
    again = open_store(history_db_url)
    assert "at revision 0099, newer than this code" in caplog.text
    assert again.states("m") == before
    again.observe("m", T0 + dt.timedelta(minutes=3), "failed", None, "r2\x00", {"i": 2})
    assert again.states("m")[-1].observations == 2
    again.close()


@pytest.fixture(scope="module")
def stoppable_postgres() -> Iterator[PostgresCluster]:
    """A cluster of this module's own: its tests stop it (the session's one stays up)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("postgres tests need PostgreSQL (Debian: apt-get install postgresql)")
    with PostgresCluster(bin_dir) as cluster:
        yield cluster


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_stopped_postgres_makes_history_unavailable_without_waiting_or_the_password(
    stoppable_postgres: PostgresCluster, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # Trust authentication accepts any password; plain postgresql:// means psycopg 3.
    url = stoppable_postgres.url(password=PASSWORD).replace("+psycopg", "")
    clock = Clock()
    guarded = GuardedStore(url, clock=clock)
    guarded.observe("m", T0, "ready", None, None, None)
    assert [s.status for s in guarded.states("m")] == ["ready"]

    stoppable_postgres.stop()
    try:
        with pytest.raises(HistoryUnavailable) as first:
            guarded.states("m")
        assert first.value.__context__ is None and first.value.__cause__ is None
    finally:
        stoppable_postgres.start()
    # The database is back, yet the guard does not try it for 30 s: the call fails at once.
    clock.now += 29
    with pytest.raises(HistoryUnavailable) as skipped:
        guarded.is_followed("m")
    clock.now += 2
    assert [s.status for s in guarded.states("m")] == ["ready"]
    guarded.close()

    said = [str(first.value), str(skipped.value), repr(guarded), caplog.text]
    assert str(first.value) == str(skipped.value) == MESSAGE
    assert not [text for text in said if PASSWORD in text]
    assert "OperationalError" in caplog.text and "***" in caplog.text


def test_a_locked_database_makes_history_unavailable_instead_of_holding_the_page(
    history_db_url: str,
) -> None:
    guarded = GuardedStore(history_db_url)
    guarded.observe("m", T0, "ready", None, None, None)
    engine = db.make_engine(history_db_url)
    with db.write_connection(engine) as other, other.begin():
        # Another process holds the lock: a writer on SQLite (BEGIN IMMEDIATE), a whole-table
        # lock on PostgreSQL.
        if engine.dialect.name == "sqlite":
            assert guarded.states("m")  # WAL: reading goes on beside a writer
        else:
            other.exec_driver_sql("LOCK TABLE states IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(HistoryUnavailable):
            guarded.observe("m", T0 + dt.timedelta(minutes=1), "failed", None, None, None)
        assert guarded.cooling_down
        other.rollback()
    engine.dispose()
    guarded.close()


def test_a_database_that_never_answered_is_named_without_its_password(
    closed_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"postgresql+psycopg://ana:{PASSWORD}@127.0.0.1:{closed_port}/history"
    clock = Clock()
    guarded = GuardedStore(url, clock=clock)
    with pytest.raises(HistoryUnavailable) as failed:
        guarded.follow("m", "ana")
    assert guarded.cooling_down
    clock.now += 31
    assert not guarded.cooling_down
    with pytest.raises(HistoryUnavailable):
        guarded.followed()
    unsupported = GuardedStore(f"mysql://ana:{PASSWORD}@localhost/h")
    with pytest.raises(HistoryUnavailable) as refused:
        unsupported.followed()
    assert PASSWORD not in f"{failed.value} {refused.value} {guarded!r} {caplog.text}"
    assert "mysql://ana:***@localhost/h" in caplog.text
    assert db.safe_url(url).count("***") == 1 and db.safe_url("::not a url") != "::not a url"

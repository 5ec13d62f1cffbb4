"""The history's database connection: the engine, SQLite's safe-writer recipe, migrations.

SQLite (the default) runs in WAL mode with a busy timeout, and every write transaction
starts with `BEGIN IMMEDIATE`, so that a writer waits for the lock up front instead of
failing with "database is locked" when another writer commits between its read and its
write (SQLAlchemy's documented recipe: pysqlite's own BEGIN handling off, BEGIN emitted in
the `begin` event). PostgreSQL (psycopg 3) gets a short connect timeout, so that a page
never waits long on a database that is gone; a plain `postgresql://` URL means psycopg 3.

Migrations (Alembic, in `migrations/`, packaged with the code) are applied to head when
the store opens, by whichever process comes first: under `pg_advisory_lock` on
PostgreSQL, inside one `BEGIN IMMEDIATE` transaction on SQLite, so two processes starting
at once apply them once; a database already at a newer revision (a newer release
migrated it during a rolling update) is left as it is: revisions only add. A URL is only
ever named with its password hidden.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy.engine import URL, Connection, Engine, make_url

log = logging.getLogger(__name__)
SUPPORTED = ("sqlite", "postgresql")
SQLITE_BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 2
# Execution option that marks a connection's transactions as writes (BEGIN IMMEDIATE).
WRITE = "sgp_history_write"
# pg_advisory_lock key for "migrating the history schema" (any fixed 64-bit number).
MIGRATION_LOCK_KEY = 0x5347_5048_4953_5401
MIGRATIONS = "sgp.history:migrations"


def safe_url(url: str | URL) -> str:
    """The URL as it may be named in a message or a log line: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL may hold anything: name none of it
        return "(an unreadable database URL)"


def make_engine(url: str, wait_s: float | None = None) -> Engine:
    """An engine for a SQLite or PostgreSQL URL, set up for several writers.

    `wait_s` bounds how long one statement may wait for a lock or run (SQLite's busy
    timeout, PostgreSQL's lock and statement timeouts); None: 5 s on SQLite, no bound on
    PostgreSQL.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        # SQLAlchemy's default PostgreSQL driver is psycopg2; psycopg 3 is the one installed.
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise ValueError(f"History supports SQLite and PostgreSQL, not {backend!r}.")
    if backend == "sqlite":
        busy_ms = SQLITE_BUSY_TIMEOUT_MS if wait_s is None else round(wait_s * 1000)
        return _sqlite_engine(parsed, busy_ms)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    if wait_s is not None and "options" not in parsed.query:
        ms = round(wait_s * 1000)
        connect_args["options"] = f"-c lock_timeout={ms} -c statement_timeout={ms}"
    return sa.create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)


def _sqlite_engine(url: URL, busy_ms: int) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise ValueError("History needs an SQLite file (not an in-memory database).")
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": busy_ms / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def write_connection(engine: Engine) -> Connection:
    """A connection whose transactions are writes (BEGIN IMMEDIATE on SQLite)."""
    return engine.connect().execution_options(**{WRITE: True})


def alembic_config(connection: Connection | None, script_location: str = MIGRATIONS) -> Config:
    """Alembic's configuration, built in code: no alembic.ini needed anywhere."""
    config = Config()
    config.set_main_option("script_location", script_location)
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head", script_location: str = MIGRATIONS) -> None:
    """Apply the migrations up to `revision`, once even when two processes start at once.

    `script_location` is for tests that try a future revision on a copy of the folder.
    """
    with write_connection(engine) as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_lock(MIGRATION_LOCK_KEY)))
            connection.commit()
            try:
                with connection.begin():
                    _upgrade_on(connection, revision, script_location)
            finally:
                connection.execute(sa.select(sa.func.pg_advisory_unlock(MIGRATION_LOCK_KEY)))
                connection.commit()
        else:
            # BEGIN IMMEDIATE: the second process waits here, then finds the schema at head.
            with connection.begin():
                _upgrade_on(connection, revision, script_location)


def _upgrade_on(connection: Connection, revision: str, script_location: str) -> None:
    config = alembic_config(connection, script_location)
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and not _known(ScriptDirectory.from_config(config), current):
        # A newer release migrated it (a rolling update): its revisions only add, so this
        # older code carries on with the schema as it is.
        log.warning("The history database is at revision %s, newer than this code.", current)
        return
    command.upgrade(config, revision)


def _known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()

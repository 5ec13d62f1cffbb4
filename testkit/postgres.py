"""A throwaway PostgreSQL cluster for tests and benchmarks, removed after.

Debian's PostgreSQL (`/usr/lib/postgresql/<version>/bin`) refuses to run as root, so as
root the cluster belongs to the `postgres` user (runuser); otherwise to the current user.
It listens on a free loopback port and a socket in its own temporary folder, with trust
authentication (loopback only). `stop()` and `start()` let a test take the server away.
pg_ctl runs the server in the background, so `close()` (also on Ctrl-C or SIGTERM, which
unwind the run) stops it; only a SIGKILL'd run leaves it behind, in /tmp/sgp-pg-*.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Self

import psycopg

from testkit.servers import free_port, unwind_on_sigterm

PG_ROOTS = ("/usr/lib/postgresql",)
# UTF-8 whatever the machine's locale (SQL_ASCII would accept any bytes and hide mistakes).
ENCODING = ("-E", "UTF8", "--no-locale")


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None (with `PG_BIN` taking priority)."""
    candidates = [Path(os.environ["PG_BIN"])] if os.environ.get("PG_BIN") else []
    for root in PG_ROOTS:
        if Path(root).is_dir():
            versions = sorted(Path(root).iterdir(), key=lambda p: _version(p.name), reverse=True)
            candidates += [v / "bin" for v in versions]
    return next((c for c in candidates if (c / "initdb").exists()), None)


def _version(name: str) -> int:
    return int(name) if name.isdigit() else -1


class PostgresCluster:
    """initdb + pg_ctl start on a free port; `url(db)` for SQLAlchemy; `close()` removes all."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="sgp-pg-"))
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.dir, user="postgres")
        self.data = self.dir / "data"
        self._databases = 0
        unwind_on_sigterm()  # a SIGTERM'd run still stops the cluster on its way out
        try:
            self._pg("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", *ENCODING)
            self.start()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        auth = f"postgres:{password}" if password else "postgres"
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        self._databases += 1
        name = f"t{self._databases}"
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"'.encode())
        return self.url(name)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "log")
        self._pg("pg_ctl", "-D", str(self.data), "-w", "-l", log, "-o", options, "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def close(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _pg(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.dir, timeout=60)

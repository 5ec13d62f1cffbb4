"""The recorder with its database gone and back: what it saw kept, and one recorder asking.

A PostgreSQL cluster of this module's own is stopped and started; an SQLite file's folder
is blocked by a file. Waits and backoff run on the test's clock (recording_helpers.Waits).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from recording_helpers import KEY, Waits, recorder

from sgp.history.poll import Observation, Round
from sgp.history.store import open_store
from sgp.history.writer import Writer
from testkit.postgres import PostgresCluster, find_bin_dir
from testkit.scripted_api import ScriptedAPI


@pytest.fixture(scope="module")
def api() -> Iterator[ScriptedAPI]:
    with ScriptedAPI(key=KEY) as server:
        yield server


@pytest.fixture
def fresh_api(api: ScriptedAPI) -> ScriptedAPI:
    api.reset()
    return api


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[PostgresCluster]:
    """A cluster of this module's own, which a test may stop and start."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("postgres tests need PostgreSQL (Debian: apt-get install postgresql)")
    with PostgresCluster(bin_dir) as cluster:
        yield cluster


def test_the_database_stopped_and_started_mid_run_keeps_what_was_seen_in_order(
    fresh_api: ScriptedAPI, own_postgres: PostgresCluster, caplog: pytest.LogCaptureFixture
) -> None:
    url = own_postgres.create_database().replace("postgres@", "postgres:pg-secret-pw@")
    fresh_api.script("m", "ready", "ready", "failed", "failed", "ready", "ready")
    waits = Waits()
    rounds: list[Round] = []
    rec = recorder(fresh_api, url, waits, follow=("m",), after_round=rounds.append)
    caplog.set_level(logging.INFO)
    try:
        rec.tick()
        own_postgres.stop()
        for _ in range(3):  # three rounds with the database down: still asking the API
            waits(rec.tick())
        assert fresh_api.asked == ["m"] * 4
        assert [r.stored for r in rounds] == [True, False, False, False]
        assert rec.writer.pending == 3
        own_postgres.start()
        waits(600.0)  # past any backoff
        rec.tick()
    finally:
        if not (own_postgres.data / "postmaster.pid").exists():
            own_postgres.start()
        rec.close()
    assert rounds[-1].stored and rec.writer.pending == 0
    store = open_store(url)
    assert [(s.status, s.observations) for s in store.states("m")] == [
        ("ready", 2),
        ("failed", 2),
        ("ready", 1),
    ]
    store.close()
    assert "pg-secret-pw" not in caplog.text
    assert "could not" in caplog.text and "is back" in caplog.text


def test_the_buffer_keeps_the_newest_observations_while_the_database_is_away(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "history"
    blocker.write_text("a file where the database's folder should be")
    url = f"sqlite:///{blocker / 'h.sqlite3'}"
    clock = Waits()
    writer = Writer(url, 400, first_backoff_s=1.0, buffer_size=3, monotonic=clock.monotonic)
    t0 = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    seen = [
        Observation("m", t0 + dt.timedelta(seconds=i), status, None, None, {"name": "m"})
        for i, status in enumerate(["ready", "ready", "failed", "failed", "ready"])
    ]
    caplog.set_level(logging.INFO)
    for observation in seen:
        assert writer.write([observation]) is False
        clock(60.0)
    assert (writer.pending, writer.dropped) == (3, 2)
    blocker.unlink()  # the database's place is back
    clock(600.0)
    assert writer.write([]) is True and writer.pending == 0
    store = open_store(url)
    assert [(s.status, s.first_seen) for s in store.states("m")] == [
        ("failed", t0 + dt.timedelta(seconds=2)),  # the two oldest were dropped
        ("ready", t0 + dt.timedelta(seconds=4)),
    ]
    store.close()
    writer.close()
    assert "2 of the oldest were dropped" in caplog.text


def test_when_the_database_returns_the_recorder_that_kept_polling_stays_the_only_one_asking(
    fresh_api: ScriptedAPI, own_postgres: PostgresCluster
) -> None:
    url = own_postgres.create_database()
    fresh_api.script("m", "ready")
    active = recorder(fresh_api, url, Waits(), follow=("m",))
    standby = recorder(fresh_api, url, Waits(), follow=("m",))
    try:
        active.tick()
        standby.tick()
        own_postgres.stop()
        active.tick()  # keeps polling into its buffer
        standby.tick()  # keeps waiting
        own_postgres.start()  # every session (and so the lock) is gone
        standby.tick()  # lets the active one take the lock again first
        active.tick()
        standby.tick()
        assert active.active and not standby.active
        assert fresh_api.asked == ["m"] * 3  # the active one's three rounds, nobody else's
    finally:
        if not (own_postgres.data / "postmaster.pid").exists():
            own_postgres.start()
        active.close()
        standby.close()

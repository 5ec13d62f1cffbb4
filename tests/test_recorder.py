"""The recorder's rounds, in this process, against the scripted fake API and a real database.

SQLite and a throwaway PostgreSQL alike (`history_db_url`). Waits are not slept: the
recorder's `wait` is a function of the test that notes what was asked and moves the
writer's clock, so a 429's Retry-After and the database's backoff are asserted on what
the recorder requested, never on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sgp.api import SGPClient
from sgp.history import changes
from sgp.history.poll import Observation, Round
from sgp.history.recording import Recorder
from sgp.history.store import open_store
from sgp.history.tables import leases
from sgp.history.writer import Writer
from testkit.postgres import PostgresCluster, find_bin_dir
from testkit.scripted_api import Answer, ScriptedAPI, with_status

KEY = "sk-recorder-test-key"


@pytest.fixture(scope="module")
def api() -> Iterator[ScriptedAPI]:
    with ScriptedAPI(key=KEY) as server:
        yield server


@pytest.fixture
def fresh_api(api: ScriptedAPI) -> ScriptedAPI:
    api.reset()
    return api


class Waits:
    """The recorder's `wait`: notes each wait and moves the writer's clock by it."""

    def __init__(self) -> None:
        self.asked: list[float] = []
        self.now = 1000.0

    def __call__(self, seconds: float) -> bool:
        self.asked.append(seconds)
        self.now += seconds
        return False  # not stopped

    def monotonic(self) -> float:
        return self.now


def recorder(
    api: ScriptedAPI,
    url: str,
    waits: Waits,
    *,
    follow: tuple[str, ...] = (),
    after_round: Callable[[Round], None] | None = None,
    days: int = 400,
    workers: int = 8,
    every_s: float = 60.0,
) -> Recorder:
    client = SGPClient(KEY, base_url=api.base_url, max_retries=0, timeout=(2.0, 5.0))
    writer = Writer(url, days, first_backoff_s=1.0, monotonic=waits.monotonic)
    return Recorder(
        client,
        writer,
        every_s=every_s,
        follow=follow,
        after_round=after_round,
        wait=waits,
        max_workers=workers,
        monotonic=waits.monotonic,  # a round takes no time on this clock
    )


def test_a_round_asks_once_for_every_followed_model_and_records_each(
    fresh_api: ScriptedAPI, history_db_url: str
) -> None:
    store = open_store(history_db_url)
    store.follow("followed-in-app", "ana@example.com")
    store.follow("both", "ana@example.com")
    for model_id in ("followed-in-app", "both", "from-env"):
        fresh_api.script(model_id, "ready")
    rounds: list[Round] = []
    waits = Waits()
    recorder(
        fresh_api, history_db_url, waits, follow=("from-env", "both"), after_round=rounds.append
    ).run(rounds=1)

    assert sorted(fresh_api.asked) == ["both", "followed-in-app", "from-env"]
    [round_] = rounds
    assert round_.stored and round_.number == 1 and not round_.failures
    assert sorted(o.model_id for o in round_.observations) == sorted(fresh_api.asked)
    recorded = store.states_many(["followed-in-app", "both", "from-env"])
    assert {model_id: [s.status for s in got] for model_id, got in recorded.items()} == {
        "followed-in-app": ["ready"],
        "both": ["ready"],
        "from-env": ["ready"],
    }
    assert waits.asked == []  # one round: no wait after it
    store.close()


def test_scripted_status_changes_become_periods_and_changes_with_the_apis_words(
    fresh_api: ScriptedAPI, history_db_url: str
) -> None:
    reason = 'Pod crash: "OOMKilled", exit 137\n=HYPERLINK("x")'
    fresh_api.script(
        "flaky",
        "deploying",
        "ready",
        "ready",
        with_status("flaky", "failed", reason, model_availability="unavailable"),
        "ready",
    )
    fresh_api.script("gone", Answer(404, {"detail": "Model not found"}))
    waits = Waits()
    recorder(fresh_api, history_db_url, waits, follow=("flaky", "gone")).run(rounds=5)

    assert fresh_api.asked.count("flaky") == 5 and fresh_api.asked.count("gone") == 5
    store = open_store(history_db_url)
    states = store.states("flaky")
    assert [(s.status, s.observations) for s in states] == [
        ("deploying", 1),
        ("ready", 2),
        ("failed", 1),
        ("ready", 1),
    ]
    assert states[2].availability == "unavailable" and states[2].reason == reason
    assert [(c.from_status, c.to_status) for c in changes(states)] == [
        (None, "deploying"),
        ("deploying", "ready"),
        ("ready", "failed"),
        ("failed", "ready"),
    ]
    assert store.configs([states[0].config_id or 0])  # the configuration, stored once
    assert store.states("gone") == []  # a model that cannot be loaded writes nothing
    assert waits.asked == [60.0] * 4
    store.close()


def test_a_429_ends_the_round_and_the_next_waits_as_long_as_the_api_asked(
    fresh_api: ScriptedAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fresh_api.script("a", "ready")
    fresh_api.script("b", Answer(429, {"detail": "slow down"}, {"Retry-After": "45"}), "ready")
    fresh_api.script("c", "ready")
    waits = Waits()
    url = f"sqlite:///{tmp_path}/history.sqlite3"
    with caplog.at_level(logging.INFO):
        # One worker: the requests go in the order of the IDs.
        rec = recorder(fresh_api, url, waits, follow=("a", "b", "c"), workers=1, every_s=20.0)
        rec.run(rounds=3)

    assert fresh_api.asked == ["a", "b", "a", "b", "c", "a", "b", "c"]  # no "c" after the 429
    assert waits.asked == [45.0, 20.0]  # as long as asked, then a round again
    assert "The API asked to slow down" in caplog.text
    assert KEY not in caplog.text


def test_the_oldest_states_are_pruned_at_start(fresh_api: ScriptedAPI, history_db_url: str) -> None:
    store = open_store(history_db_url)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    store.observe("old", long_ago, "ready", None, None, None)
    store.observe("kept", long_ago + dt.timedelta(days=20), "ready", None, None, None)
    fresh_api.script("m", "ready")
    recorder(fresh_api, history_db_url, Waits(), follow=("m",), days=30).run(rounds=1)
    assert store.states("old") == [] and len(store.states("kept")) == 1
    store.close()


def test_a_second_recorder_on_the_same_database_asks_nothing_while_the_first_is_active(
    fresh_api: ScriptedAPI, history_db_url: str
) -> None:
    fresh_api.script("m", "ready")
    first = recorder(fresh_api, history_db_url, Waits(), follow=("m",))
    second = recorder(fresh_api, history_db_url, Waits(), follow=("m",))
    try:
        first.tick()
        second.tick()
        first.tick()
        second.tick()
        assert first.active and not second.active
        assert fresh_api.asked == ["m", "m"]
    finally:
        first.close()  # gives the lock or lease up: the standby takes over at once
    second.tick()
    assert second.active and fresh_api.asked == ["m", "m", "m"]
    second.close()


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


def test_after_a_slow_round_the_lease_is_held_long_enough_for_the_next_one(
    fresh_api: ScriptedAPI, tmp_path: Path
) -> None:
    waits = Waits()

    def slow(model_id: str) -> Answer:
        waits.now += 200.0  # this round takes 200 s on the recorder's clock
        return with_status(model_id, "ready")

    fresh_api.script("m", slow)
    url = f"sqlite:///{tmp_path}/history.sqlite3"
    rec = recorder(fresh_api, url, waits, follow=("m",))
    rec.tick()
    rec.tick()
    store = open_store(url)
    with store.engine.connect() as conn:
        expires = conn.execute(sa.select(leases.c.expires_at)).scalar_one()
    left = (expires - dt.datetime.now(dt.UTC)).total_seconds()
    assert 300 < left <= 320  # two rounds of 60 s, and the 200 s the last round took
    rec.close()
    store.close()


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

"""The recorder's rounds, in this process, against the scripted fake API and a real database.

SQLite and a throwaway PostgreSQL alike (`history_db_url`). Waits are not slept (see
recording_helpers.Waits): a 429's Retry-After is asserted on what the recorder asked for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from recording_helpers import KEY, Waits, recorder

from sgp.history import changes
from sgp.history.poll import Round
from sgp.history.store import open_store
from sgp.history.tables import leases
from testkit.scripted_api import Answer, ScriptedAPI, with_status


@pytest.fixture(scope="module")
def api() -> Iterator[ScriptedAPI]:
    with ScriptedAPI(key=KEY) as server:
        yield server


@pytest.fixture
def fresh_api(api: ScriptedAPI) -> ScriptedAPI:
    api.reset()
    return api


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

"""The history's store on SQLite and PostgreSQL alike: periods, changes, gaps, hostile text,
bound parameters, and two writers at once recording one change once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest
import sqlalchemy as sa

from sgp.history import State, changes
from sgp.history.store import Store, configuration_of, open_store

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
CONFIG: dict[str, Any] = {"name": "support-bot", "model_type": "chat_completion"}
HOSTILE = [
    "HOSTILE-a\x00b",
    "HOSTILE-'; DROP TABLE states; --",
    'HOSTILE-"quoted" \\ back\\slash %s %(x)s ?',
    "HOSTILE-line\u2028separator\u2029paragraph",
    "\ue000HOSTILE-starts with the store's own marker",
    "HOSTILE-emoji 🙂 and RTL \u202e",
    "HOSTILE-" + "x" * 100_000,
]


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def store(history_db_url: str) -> Iterator[Store]:
    opened = open_store(history_db_url)
    yield opened
    opened.close()


def test_a_model_seen_ready_every_minute_is_one_period(store: Store) -> None:
    for minute in range(4):
        store.observe("m1", at(60 * minute), "ready", "available", None, CONFIG)
    store.observe("m2", at(30), "failed", "unavailable", "crashed", CONFIG)

    [period] = store.states("m1")
    assert (period.first_seen, period.last_seen, period.observations) == (T0, at(180), 4)
    assert period.up and period.first_seen.tzinfo == dt.UTC
    board = store.states_many(["m1", "m2", "never-seen"], since=at(0))
    assert [len(board[m]) for m in ("m1", "m2", "never-seen")] == [1, 1, 0]
    assert board["m2"][0].reason == "crashed"
    assert store.configs([period.config_id or 0]) == {period.config_id: CONFIG}


def test_a_change_of_status_reason_or_configuration_starts_a_new_period(store: Store) -> None:
    changed = {**CONFIG, "model_metadata": {"owner": "ana"}}
    store.observe("m", at(0), "deploying", None, None, CONFIG)
    store.observe("m", at(60), "ready", "available", None, CONFIG)
    store.observe("m", at(120), "ready", "available", "slow", CONFIG)
    store.observe("m", at(180), "ready", "available", "slow", changed)
    store.observe("m", at(240), "ready", "available", "slow", CONFIG)

    periods = store.states("m")
    assert [p.first_seen for p in periods] == [at(0), at(60), at(120), at(180), at(240)]
    assert periods[0].config_id == periods[4].config_id != periods[3].config_id
    assert store.configs([p.config_id or 0 for p in periods]) == {
        periods[0].config_id: CONFIG,
        periods[3].config_id: changed,
    }
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM configs")).scalar_one() == 2
    assert [c.to_status for c in changes(periods)][:2] == ["deploying", "ready"]


def test_silence_longer_than_five_minutes_is_a_gap_not_more_of_the_same(store: Store) -> None:
    store.observe("m", at(0), "ready", None, None, None)
    store.observe("m", at(300), "ready", None, None, None)  # exactly MAX_GAP: still covered
    store.observe("m", at(601), "ready", None, None, None)  # 301 s later: a new period
    periods = store.states("m")
    assert [(p.first_seen, p.last_seen) for p in periods] == [(at(0), at(300)), (at(601), at(601))]


def test_a_late_observation_changes_nothing_and_times_come_back_in_utc(store: Store) -> None:
    store.observe("m", at(120), "ready", None, None, None)
    late = store.observe("m", at(60), "failed", None, "late news", None)
    again = store.observe("m", at(120), "failed", None, "same instant", None)
    assert late == again == State("m", "ready", None, None, None, at(120), at(120), 1)
    assert store.states("m") == [late]
    with pytest.raises(ValueError, match="timezone-aware"):
        store.observe("m", dt.datetime(2026, 12, 2, 9, 0), "ready", None, None, None)
    local = dt.timezone(dt.timedelta(hours=-5))
    later = store.observe(
        "m", dt.datetime(2026, 12, 1, 4, 3, tzinfo=local), "ready", None, None, None
    )
    assert later.last_seen == at(180) and later.last_seen.tzinfo == dt.UTC


def test_hostile_text_round_trips_byte_for_byte_through_bound_parameters_only(
    store: Store,
) -> None:
    statements: list[str] = []
    sa.event.listen(
        store.engine, "before_cursor_execute", lambda *args: statements.append(str(args[2]))
    )
    configuration = configuration_of(
        {
            "name": HOSTILE[1],
            "model_type": HOSTILE[3],
            "vendor_configuration": {text: text for text in HOSTILE},
            "model_metadata": {"list": HOSTILE},
            "status": "ignored: not configuration",
        }
    )
    for i, text in enumerate(HOSTILE):
        store.observe(text, at(i), text, text, text, configuration)
        store.follow(text, text)

    for text in HOSTILE:
        [period] = store.states(text)
        assert (period.model_id, period.status, period.availability, period.reason) == (
            text,
            text,
            text,
            text,
        )
        assert store.configs([period.config_id or 0])[period.config_id or 0] == configuration
        assert store.is_followed(text)
    assert sorted(store.followed()) == sorted(HOSTILE)
    assert "status" not in configuration and configuration["model_vendor"] is None
    assert statements and not [s for s in statements if "HOSTILE" in s or "DROP" in s]


def test_states_since_start_with_the_period_that_holds_at_that_moment(store: Store) -> None:
    for second in (0, 60, 120):
        store.observe("m", at(second), "ready", None, None, None)
    for second in (180, 240):
        store.observe("m", at(second), "failed", None, "oom", None)
    store.observe("m", at(900), "ready", None, None, None)  # after a gap
    store.observe("other", at(100), "ready", None, None, None)
    statements: list[str] = []
    sa.event.listen(
        store.engine, "before_cursor_execute", lambda *args: statements.append(str(args[2]))
    )

    def firsts(since: dt.datetime) -> list[dt.datetime]:
        return [p.first_seen for p in store.states("m", since)]

    assert firsts(at(90)) == [at(0), at(180), at(900)]  # straddles 90
    assert firsts(at(500)) == [at(180), at(900)]  # the gap after 240 is drawn from it
    assert firsts(at(900)) == [at(900)]
    assert firsts(at(-60)) == [at(0), at(180), at(900)]
    statements.clear()
    board = store.states_many(["m", "other"], since=at(500))
    assert [p.first_seen for p in board["m"]] == [at(180), at(900)]
    assert [p.first_seen for p in board["other"]] == [at(100)]
    assert len([s for s in statements if s.startswith("SELECT")]) == 1


def test_following_is_remembered_once_and_can_be_undone(store: Store) -> None:
    store.follow("b", "ana@example.com")
    store.follow("a", None)
    store.follow("b", "bo@example.com")
    assert store.followed() == ["a", "b"] and store.is_followed("b")
    store.unfollow("b")
    store.unfollow("never-followed")
    assert store.followed() == ["a"] and not store.is_followed("b")


def test_retention_forgets_old_periods_and_configurations_nobody_uses(store: Store) -> None:
    old_config = {**CONFIG, "name": "old"}
    store.observe("m", at(0), "ready", None, None, old_config)
    store.observe("m", at(7200), "ready", None, None, CONFIG)
    store.observe("n", at(7200), "ready", None, None, None)
    assert store.prune(at(3600)) == 1
    [kept] = store.states("m")
    assert kept.first_seen == at(7200)
    with store.engine.connect() as conn:
        bodies = conn.execute(sa.text("SELECT body FROM configs")).scalars().all()
    assert len(bodies) == 1 and "old" not in bodies[0]
    assert store.prune(at(3600)) == 0


# Two writers replay the same observations: every one is applied exactly once, in order,
# whoever gets there first, so the history matches one writer's.
RACE = [("ready" if (i // 5) % 2 == 0 else "failed", at(10 * i)) for i in range(40)]


def _replay(url: str, barrier: Any) -> None:
    store = open_store(url)
    try:
        barrier.wait(timeout=60)
        for status, seen in RACE:
            store.observe("raced", seen, status, None, None, CONFIG)
    finally:
        store.close()


def _expected() -> list[tuple[str, dt.datetime, dt.datetime, int]]:
    return [(s, at(50 * i), at(50 * i + 40), 5) for i, s in enumerate(s for s, _ in RACE[::5])]


def test_two_threads_observing_one_model_at_once_record_each_change_once(
    history_db_url: str,
) -> None:
    open_store(history_db_url).close()
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(_replay, history_db_url, barrier) for _ in "ab"]:
            done.result(timeout=120)
    store = open_store(history_db_url)
    got = [(p.status, p.first_seen, p.last_seen, p.observations) for p in store.states("raced")]
    store.close()
    assert got == _expected()


def test_two_processes_observing_one_model_at_once_record_each_change_once(
    history_db_url: str,
) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        for done in [pool.submit(_replay, history_db_url, barrier) for _ in "ab"]:
            done.result(timeout=120)
    store = open_store(history_db_url)
    got = [(p.status, p.first_seen, p.last_seen, p.observations) for p in store.states("raced")]
    store.close()
    assert got == _expected()

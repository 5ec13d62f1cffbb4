"""History: one model's history read and summarised from a big store, and the cost of a write.

The store is filled with `models` x `per_model` periods (1,000,000 across 10,000 models;
`--quick`: 100,000 across 1,000), each model alternating ready/failed every 6 hours, so a
30-day window holds about 100 periods. The figure is the time to read one model's last 30
days (`Store.states`) and summarise them (uptime over 7 days, since when, the changes),
median and p95 over random models, on SQLite and on a throwaway PostgreSQL; the baseline
is the same read from a store that holds only that model. Recording is `Store.observe`
extending a period on SQLite (what a fetching run adds), against the goal of 2 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from bench.report import Figure, median, ms, p95, skipped
from sgp.history import changes, current_since, uptime
from sgp.history.store import Store, open_store
from sgp.history.tables import states as states_table
from testkit.postgres import PostgresCluster, find_bin_dir

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
PERIOD = dt.timedelta(hours=6)
GOAL_READ_S = 0.020
GOAL_WRITE_S = 0.002


def _rows(models: range, per_model: int) -> Iterator[dict[str, object]]:
    start = NOW - PERIOD * per_model
    for m in models:
        for i in range(per_model):
            first = start + PERIOD * i
            yield {
                "model_id": f"model-{m:05d}",
                "status": "ready" if i % 2 == 0 else "failed",
                "availability": "available",
                "reason": None if i % 2 == 0 else "Container exited with code 137",
                "config_id": None,
                "first_seen": first,
                "last_seen": first + PERIOD - dt.timedelta(minutes=1),
                "observations": 360,
            }


def _fill(store: Store, models: int, per_model: int) -> None:
    batch: list[dict[str, object]] = []
    with store.engine.begin() as conn:
        for row in _rows(range(models), per_model):
            batch.append(row)
            if len(batch) == 20_000:
                conn.execute(sa.insert(states_table), batch)
                batch = []
        if batch:
            conn.execute(sa.insert(states_table), batch)
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE states")


def _read_and_summarise(store: Store, model_id: str) -> float:
    t0 = time.perf_counter()
    periods = store.states(model_id, since=NOW - dt.timedelta(days=30))
    uptime(periods, NOW - dt.timedelta(days=7), NOW)
    current_since(periods)
    changes(periods)
    elapsed = time.perf_counter() - t0
    assert len(periods) >= 100, len(periods)
    return elapsed


def _read_figure(name: str, big: Store, small: Store, models: int, reads: int) -> Figure:
    chosen = [f"model-{random.randrange(models):05d}" for _ in range(reads)]
    for model_id in chosen[:5]:
        _read_and_summarise(big, model_id)  # warm-up
    times = [_read_and_summarise(big, model_id) for model_id in chosen]
    base = [_read_and_summarise(small, "model-00000") for _ in range(reads)]
    with big.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(states_table)).scalar_one()
    return Figure(
        f"History read ({name}, {total:,} states)",
        f"{ms(median(times))} (p95 {ms(p95(times))})",
        f"{ms(median(base))} (one model)",
        f"{median(times) / median(base):.2f}x",
        "<= 20 ms",
        p95(times) <= GOAL_READ_S,
    )


def _write_figure(store: Store, rounds: int) -> Figure:
    seen = NOW
    times = []
    for _ in range(rounds):
        seen += dt.timedelta(seconds=1)
        t0 = time.perf_counter()
        store.observe("model-00000", seen, "ready", "available", None, {"name": "bench"})
        times.append(time.perf_counter() - t0)
    return Figure(
        "History write (SQLite, observe)",
        f"{ms(median(times))} (p95 {ms(p95(times))})",
        "",
        "",
        "<= 2 ms",
        median(times) <= GOAL_WRITE_S,
    )


def _pair(url_big: str, url_small: str, models: int, per_model: int) -> tuple[Store, Store]:
    big, small = open_store(url_big), open_store(url_small)
    _fill(big, models, per_model)
    _fill(small, 1, per_model)
    return big, small


def history_figures(quick: bool) -> list[Figure]:
    models, per_model, reads = (1_000, 100, 50) if quick else (10_000, 100, 300)
    random.seed(19)
    figures = []
    with tempfile.TemporaryDirectory(prefix="sgp-bench-history-") as tmp:
        big, small = _pair(
            f"sqlite:///{Path(tmp) / 'big.sqlite3'}",
            f"sqlite:///{Path(tmp) / 'small.sqlite3'}",
            models,
            per_model,
        )
        figures.append(_read_figure("SQLite", big, small, models, reads))
        figures.append(_write_figure(small, 100 if quick else 500))
        big.close()
        small.close()
    bin_dir = find_bin_dir()
    if bin_dir is None:
        figures.append(skipped("History read (PostgreSQL)", "n/a (no PostgreSQL)", "<= 20 ms"))
        return figures
    with PostgresCluster(bin_dir) as cluster:
        big, small = _pair(cluster.create_database(), cluster.create_database(), models, per_model)
        figures.append(_read_figure("PostgreSQL", big, small, models, reads))
        big.close()
        small.close()
    return figures

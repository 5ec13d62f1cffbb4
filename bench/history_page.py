"""History on the page: what recording costs a fetch, and what history costs a page run.

- Recording, per fetch: the operator's client asking the fake API for one model, bare and
  wrapped for recording (`RecordingReader` handing the sighting to the background writer,
  which writes to SQLite on its own thread), interleaved; the figure is the median added
  time, against the goal of 2 ms. The writes themselves are waited for outside the timing.
- The inspect page in AppTest with the operator's key, history on (SQLite) against history
  off (`SGP_HISTORY_URL=off`), interleaved in the same process: a fetching run (Refresh
  each time) and a cached rerun. A cached rerun records nothing (no fetch); what it pays is
  the cached history read and view.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import API_KEY
from bench.report import Figure, median, ms
from bench.sessions import open_link, operator_env, shows_model
from components.cache import fair_use
from sgp.api import SGPClient
from sgp.history.guard import GuardedStore
from sgp.history.recording import RecordingReader
from sgp.history.writer import BackgroundWriter
from testkit.fake_api import FakeAPIProcess

GOAL_ADDED_S = 0.002
WARMUP = 3


def _timed(call: Callable[..., object], *args: object) -> float:
    t0 = time.perf_counter()
    call(*args)
    return time.perf_counter() - t0


def recording_figure(api: FakeAPIProcess, fetches: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="sgp-bench-history-") as folder:
        store = GuardedStore(f"sqlite:///{Path(folder) / 'history.sqlite3'}")
        writer = BackgroundWriter(store)
        client = SGPClient(API_KEY, base_url=api.base_url)
        recording = RecordingReader(client, writer.submit)
        bare: list[float] = []
        recorded: list[float] = []
        try:
            for i in range(WARMUP + fetches):
                model_id = f"m-record-{i % 10}"
                if i % 2:  # alternate which goes first: the second finds a warmer pool
                    plain = _timed(client.get_model_and_raw, model_id)
                    wrapped = _timed(recording.get_model_and_raw, model_id)
                else:
                    wrapped = _timed(recording.get_model_and_raw, model_id)
                    plain = _timed(client.get_model_and_raw, model_id)
                writer.wait_idle(5.0)  # the write happens off the fetch's path
                if i >= WARMUP:
                    bare.append(plain)
                    recorded.append(wrapped)
        finally:
            client.close()
            store.close()
    added = statistics.median(r - b for r, b in zip(recorded, bare, strict=True))
    return Figure(
        f"Recording, one fetch with the operator's key into SQLite (median of {fetches})",
        f"fetch + recording {ms(median(recorded))} (added {ms(added)})",
        f"fetch alone {ms(median(bare))}",
        f"+{ms(added)}",
        "<= +2 ms",
        added <= GOAL_ADDED_S,
    )


def _run_with(url: str, run: Callable[[], object]) -> float:
    os.environ["SGP_HISTORY_URL"] = url
    return _timed(run)


def page_figures(api: FakeAPIProcess, runs: int) -> list[Figure]:
    model_id = "m-history-page"
    saved_url = os.environ.get("SGP_HISTORY_URL")
    saved_refresh = fair_use.MIN_REFRESH_S
    fair_use.MIN_REFRESH_S = 0.0  # every Refresh fetches
    with tempfile.TemporaryDirectory(prefix="sgp-bench-history-") as folder, operator_env(api):
        on = f"sqlite:///{Path(folder) / 'history.sqlite3'}"
        try:
            os.environ["SGP_HISTORY_URL"] = on
            with_history = open_link(model_id)
            os.environ["SGP_HISTORY_URL"] = "off"
            without = open_link(model_id)
            ok = shows_model(with_history, model_id) and shows_model(without, model_id)
            ok = ok and any(s.value == "History" for s in with_history.subheader)
            fetching: tuple[list[float], list[float]] = ([], [])
            cached: tuple[list[float], list[float]] = ([], [])

            def refresh(at: AppTest) -> Callable[[], object]:
                return lambda: at.button(key="refresh").click().run()

            for i in range(WARMUP + runs):
                f_on = _run_with(on, refresh(with_history))
                f_off = _run_with("off", refresh(without))
                c_on = _run_with(on, with_history.run)
                c_off = _run_with("off", without.run)
                if i >= WARMUP:
                    fetching[0].append(f_on)
                    fetching[1].append(f_off)
                    cached[0].append(c_on)
                    cached[1].append(c_off)
        finally:
            fair_use.MIN_REFRESH_S = saved_refresh
            if saved_url is None:
                os.environ.pop("SGP_HISTORY_URL", None)
            else:
                os.environ["SGP_HISTORY_URL"] = saved_url
    figures = []
    for what, (ours, theirs), goal in (
        ("fetching run (Refresh)", fetching, "report"),
        ("cached rerun", cached, "report"),
    ):
        a, b = median(ours), median(theirs)
        figures.append(
            Figure(
                f"Inspect page, {what}, history on vs off (median of {runs} each, interleaved)",
                f"history on (SQLite) {ms(a)}",
                f"history off {ms(b)}",
                f"{a / b:.2f}x (+{ms(a - b)})",
                goal,
                None if ok else False,
            )
        )
    return figures

"""History on the page: what recording costs a fetch, and what history costs a page run.

- Recording, per fetch: the operator's client asking the fake API for one model, bare and
  wrapped for recording (`RecordingReader` handing the sighting to the background writer,
  which writes to SQLite on its own thread), interleaved; the figure is the median added
  time, against the goal of 2 ms. The writes themselves are waited for outside the timing.
- The inspect page in AppTest with the operator's key, history on (SQLite) against history
  off (`SGP_HISTORY_URL=off`), interleaved in the same process: a fetching run (Refresh
  each time) and a cached rerun. A cached rerun records nothing (no fetch); what it pays is
  the cached history read and view.
- A shared link's time to result in a fresh Chromium context (the model's name and status
  badge on screen), the operator's key, history on against off, interleaved.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.async_api import async_playwright
from streamlit.testing.v1 import AppTest

from bench import API_KEY
from bench.browser import CHROMIUM_ARGS, chromium_path
from bench.first_paint import page_marks
from bench.report import Figure, median, ms, skipped
from bench.server import BenchServer
from bench.sessions import open_link, operator_env, shows_model
from components.cache import fair_use
from sgp.api import SGPClient
from sgp.history.guard import GuardedStore
from sgp.history.page_writer import BackgroundWriter
from sgp.history.recording_reader import RecordingReader, sighting_of
from testkit.bodies import sample_body
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
            own = _own_cost(client, writer, fetches)
        finally:
            client.close()
            store.close()
    added = statistics.median(r - b for r, b in zip(recorded, bare, strict=True))
    return Figure(
        f"Recording, one fetch with the operator's key into SQLite (median of {fetches})",
        f"fetch + recording {ms(median(recorded))}; the recording's own work "
        f"(sighting + queue put) {own * 1e6:.0f} µs",
        f"fetch alone {ms(median(bare))}",
        f"{'+' if added >= 0 else ''}{ms(added)} (within the fetch's noise)",
        "<= +2 ms",
        max(added, own) <= GOAL_ADDED_S,
    )


def _own_cost(client: SGPClient, writer: BackgroundWriter, times: int) -> float:
    """Median seconds of what recording adds to a fetch: the sighting made and queued."""
    raw, model = client.get_model_and_raw("m-record-own")
    spent = []
    for _ in range(times):
        t0 = time.perf_counter()
        writer.submit(sighting_of(raw, model, dt.datetime.now(dt.UTC)))
        spent.append(time.perf_counter() - t0)
        writer.wait_idle(5.0)
    return median(spent)


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


async def _time_to_result(api: FakeAPIProcess, runs: int) -> tuple[list[float], list[float]]:
    model = sample_body("m-first-paint")
    operator = {"SGP_CLIENT_BASE_URL": api.base_url, "SGP_API_KEY": API_KEY}
    on: list[float] = []
    off: list[float] = []
    with tempfile.TemporaryDirectory(prefix="sgp-bench-history-") as folder:
        url = f"sqlite:///{Path(folder) / 'history.sqlite3'}"
        with (
            BenchServer("app.py", {**operator, "SGP_HISTORY_URL": url}) as with_history,
            BenchServer("app.py", {**operator, "SGP_HISTORY_URL": "off"}) as without,
        ):
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
                try:
                    for i in range(WARMUP + runs):
                        order = [(with_history, on), (without, off)]
                        for server, into in order if i % 2 else order[::-1]:
                            marks = await page_marks(browser, server.url, "app", model)
                            if i >= WARMUP:
                                into.append(marks["header"])
                finally:
                    await browser.close()
    return on, off


def time_to_result_figure(api: FakeAPIProcess, runs: int) -> Figure:
    """The shared link's time to result (the model's name and badge on screen, the operator's
    key, the model cached after the first run) with history on (SQLite) against off."""
    if chromium_path() is None:
        return skipped("Time to result, history on vs off", "skipped (no Chromium)", "<= 1.05x")
    on, off = asyncio.run(_time_to_result(api, runs))
    ratio = median(on) / median(off)
    return Figure(
        f"Time to result of a shared link (operator's key), history on vs off "
        f"(median of {runs} each, interleaved)",
        f"history on (SQLite) {median(on):.2f} s",
        f"history off {median(off):.2f} s",
        f"{ratio:.2f}x",
        "<= 1.05x",
        ratio <= 1.05,
    )

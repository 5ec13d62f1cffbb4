"""Viewers per replica: many sessions speaking Streamlit's own websocket protocol, no browser.

Each viewer does what the Streamlit frontend does when a shared link is opened: it opens
the `/_stcore/stream` websocket (subprotocol header "streamlit, <token>"), sends a
`BackMsg.rerun_script` with the link's query string, and reads `ForwardMsg`s until
`script_finished`; then it reruns a few times the same way (what a widget touch costs).
A page view is one finished script run; it is an error when the run does not finish
successfully in time, or draws an exception or an error box, or the model's name is not
among its headings.

One `streamlit run app.py` per level (10, 25, 50 concurrent sessions), its Custom base
URL pointing at the fake API answering in 100 ms. Sessions open one of a few shared links
(a team opening the same links). Per level: page views per second, p50/p95 time to a
finished run, the server's CPU seconds per page view (/proc/<pid>/stat) and its RSS per
open session (RSS with every session open, minus RSS after one warm-up session, divided
by the sessions). Loopback only; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Self

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import API_KEY
from bench.report import Figure, median, ms, p95
from bench.server import BenchServer
from testkit.bodies import sample_body
from testkit.fake_api import FakeAPIProcess

API_DELAY_S = 0.1
RUN_TIMEOUT_S = 60.0
LINKS = 5  # distinct shared links the sessions open
SETTLE_S = 1.0
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


@dataclass
class Level:
    sessions: int
    views: int = 0
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    rss_mb: float = 0.0  # RSS growth with every session open
    finished: int = 0  # sessions done with their runs (or failed)
    client_cpu_s: float = 0.0  # this load generator's own CPU (it shares the machine)

    @property
    def cpu_per_view_ms(self) -> float:
        return 1000 * self.cpu_s / max(self.views, 1)

    @property
    def rss_per_session_kb(self) -> float:
        return 1024 * self.rss_mb / self.sessions

    @property
    def views_per_s(self) -> float:
        return self.views / self.wall_s if self.wall_s else 0.0


class Viewer:
    """One browser session, as the frontend speaks to the server."""

    def __init__(self, url: str) -> None:
        self._ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self._origin = url
        self.ws: websockets.ClientConnection | None = None

    async def __aenter__(self) -> Self:
        self.ws = await websockets.connect(
            self._ws_url,
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
            origin=self._origin,  # type: ignore[arg-type]
            max_size=MAX_MESSAGE_BYTES,
            open_timeout=RUN_TIMEOUT_S,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, query_string: str, name: str) -> tuple[float, str | None]:
        """One script run for this query string: (seconds to script_finished, error)."""
        assert self.ws is not None
        back = BackMsg()
        back.rerun_script.query_string = query_string
        back.rerun_script.page_script_hash = ""
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        headings: list[str] = []
        problem: str | None = None
        async with asyncio.timeout(RUN_TIMEOUT_S):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await self.ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "heading":
                        headings.append(element.heading.body)
                    elif which == "exception":
                        problem = problem or f"exception: {element.exception.type}"
                    elif which == "alert" and element.alert.format == Alert.ERROR:
                        problem = problem or f"error box: {element.alert.body[:60]}"
                elif kind == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if status != "FINISHED_SUCCESSFULLY":
                        return time.perf_counter() - t0, f"run ended {status}"
                    break
        elapsed = time.perf_counter() - t0
        if problem is None and not any(h.replace("\\", "") == name for h in headings):
            problem = "the model's name was not drawn"
        return elapsed, problem


async def _viewer(url: str, n: int, reruns: int, level: Level, opened: asyncio.Event) -> None:
    model_id = f"m-viewers-{n % LINKS}"
    query, name = f"model_id={model_id}", sample_body(model_id)["name"]
    try:
        async with Viewer(url) as viewer:
            for i in range(1 + reruns):  # the shared link, then reruns
                elapsed, problem = await viewer.run(query, name)
                level.views += 1
                level.times.append(elapsed)
                if problem:
                    level.errors.append(f"session {n} run {i}: {problem}")
            level.finished += 1
            await opened.wait()  # stay open until the RSS of all open sessions is read
    except Exception as exc:  # a refused or dropped connection, a timeout: an error
        level.errors.append(f"session {n}: {type(exc).__name__}: {exc}"[:160])
        if not opened.is_set():
            level.finished += 1


async def _level(server: BenchServer, sessions: int, reruns: int) -> Level:
    # Warm-up (not counted): imports, the first script compile, one cached lookup.
    async with Viewer(server.url) as viewer:
        await viewer.run("model_id=m-viewers-warm", sample_body("m-viewers-warm")["name"])
    await asyncio.sleep(SETTLE_S)
    level = Level(sessions)
    rss0, cpu0, t0 = server.rss_mb(), server.cpu_s(), time.perf_counter()
    mine0 = time.process_time()
    opened = asyncio.Event()
    tasks = [
        asyncio.create_task(_viewer(server.url, n, reruns, level, opened)) for n in range(sessions)
    ]
    while level.finished < sessions:
        await asyncio.sleep(0.01)
    level.wall_s = time.perf_counter() - t0
    level.cpu_s = server.cpu_s() - cpu0
    level.client_cpu_s = time.process_time() - mine0
    await asyncio.sleep(SETTLE_S)
    level.rss_mb = server.rss_mb() - rss0
    opened.set()
    await asyncio.gather(*tasks)
    return level


def measure(api: FakeAPIProcess, levels: tuple[int, ...], reruns: int) -> list[Level]:
    results = []
    env = {"SGP_CLIENT_BASE_URL": api.base_url, "SGP_API_KEY": API_KEY}
    for sessions in levels:
        api.reset(delay=API_DELAY_S)
        with BenchServer(env=env) as server:  # a fresh replica per level
            results.append(asyncio.run(_level(server, sessions, reruns)))
    api.reset()
    return results


def _growth(first: float, last: float) -> float:
    return last / first if first > 0 else float("inf")


def viewers_figures(api: FakeAPIProcess, levels: tuple[int, ...], reruns: int) -> list[Figure]:
    results = measure(api, levels, reruns)
    figures = []
    for level in results:
        times = level.times or [0.0]
        figures.append(
            Figure(
                f"Viewers: {level.sessions} sessions x (1 shared link + {reruns} reruns), "
                f"websocket, API {API_DELAY_S * 1000:.0f} ms",
                f"{level.views_per_s:.1f} page views/s; run p50 {ms(median(times))}, "
                f"p95 {ms(p95(times))}",
                f"server CPU {level.cpu_per_view_ms:.1f} ms/page view, "
                f"RSS {level.rss_per_session_kb:.0f} KB/session "
                f"({level.rss_mb:.1f} MB in all; load generator CPU {level.client_cpu_s:.2f} s)",
                f"{len(level.errors)} error(s) of {level.views} page views",
                "0 errors",
                not level.errors,
            )
        )
        for error in level.errors[:3]:
            print(f"    viewers {level.sessions}: {error}", flush=True)
    first, last = results[0], results[-1]
    cpu = _growth(first.cpu_per_view_ms, last.cpu_per_view_ms)
    rss = _growth(first.rss_per_session_kb, last.rss_per_session_kb)
    figures.append(
        Figure(
            f"Viewers: growth from {first.sessions} to {last.sessions} sessions",
            f"CPU/page view {cpu:.2f}x, RSS/session {rss:.2f}x "
            f"(p95 run {_growth(p95(first.times or [1]), p95(last.times or [1])):.2f}x)",
            f"{first.sessions} sessions: {first.cpu_per_view_ms:.1f} ms CPU/view, "
            f"{first.rss_per_session_kb:.0f} KB/session",
            f"{last.sessions} sessions: {last.cpu_per_view_ms:.1f} ms, "
            f"{last.rss_per_session_kb:.0f} KB",
            "CPU and RSS flat within 1.5x",
            cpu <= 1.5 and rss <= 1.5,
        )
    )
    return figures

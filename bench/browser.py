"""Memory: a real `streamlit run app.py` driven by real Chromium pages (Playwright).

One server process (its RSS read from /proc/<pid>/status) with the operator's Custom base
URL pointing at the fake API; one Chromium (Debian's, never downloaded) whose pages are
separate browser sessions: server RSS with 1 and with N idle sessions, each one showing a
model. (Load is measured without a browser, over Streamlit's websocket: bench/viewers.py.)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

from bench import API_KEY
from bench.report import Figure, skipped
from bench.server import BenchServer
from testkit.bodies import sample_body
from testkit.fake_api import FakeAPIProcess

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOWN_TIMEOUT_MS = 60_000
FIRST_SHOWN_TIMEOUT_MS = 180_000  # a cold server and browser on a busy machine


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or None


def established(port: int) -> int:
    """TCP connections established to a local port (the sessions' websockets, mostly)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            count += state == "01" and int(local.rsplit(":", 1)[1], 16) == port
    return count


async def _show(page: Page, url: str, model_id: str, timeout_ms: int = SHOWN_TIMEOUT_MS) -> float:
    """Navigate to a shared link; seconds until the model's name is on screen."""
    t0 = time.perf_counter()
    await page.goto(f"{url}/?model_id={model_id}", wait_until="commit")
    name = sample_body(model_id)["name"]
    await page.get_by_text(name, exact=True).first.wait_for(state="visible", timeout=timeout_ms)
    return time.perf_counter() - t0


async def _memory(browser: Browser, server: BenchServer, sessions: int) -> Figure:
    started = server.rss_mb()
    context = await browser.new_context()
    pages = [await context.new_page() for _ in range(sessions)]
    await _show(pages[0], server.url, "m-memory", FIRST_SHOWN_TIMEOUT_MS)
    await asyncio.sleep(2)
    one = server.rss_mb()
    shown = 1
    for start in range(1, sessions, 10):  # open the others ten at a time
        batch = pages[start : start + 10]
        done = await asyncio.gather(
            *(_show(p, server.url, "m-memory") for p in batch), return_exceptions=True
        )
        shown += sum(not isinstance(d, BaseException) for d in done)
    await asyncio.sleep(3)
    many = server.rss_mb()
    sockets = established(server.port)
    await context.close()
    per = (many - one) / (sessions - 1)
    return Figure(
        "Memory (server RSS, idle sessions showing a model)",
        f"{sessions} sessions {many:.1f} MB ({shown} shown, {sockets} sockets open)",
        f"1 session {one:.1f} MB; server at start {started:.1f} MB",
        f"{per * 1024:.0f} KB per extra session",
        "report",
        None if shown == sessions else False,
    )


async def _browser_figures(api: FakeAPIProcess, sessions: int) -> list[Figure]:
    env = {"SGP_CLIENT_BASE_URL": api.base_url, "SGP_API_KEY": API_KEY}
    api.reset()
    with BenchServer(env=env) as server:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                return [await _memory(browser, server, sessions)]
            finally:
                await browser.close()


def browser_figures(api: FakeAPIProcess, sessions: int) -> list[Figure]:
    if chromium_path() is None:
        return [skipped("Memory", "skipped (no Chromium: install Debian's chromium)", "report")]
    return asyncio.run(_browser_figures(api, sessions))

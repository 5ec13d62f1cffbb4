"""Memory and Load: a real `streamlit run app.py` driven by real Chromium pages (Playwright).

One server process (its RSS read from /proc/<pid>/status) with the operator's Custom base
URL pointing at the fake API; one Chromium (Debian's, never downloaded) whose pages are
separate browser sessions. Memory: server RSS with 1 and with N idle sessions, each one
showing a model. Load: P pages at once, each doing L lookups (a navigation to a shared
link) against an API answering in 200 ms; time from navigation start to the model's name
on screen.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

from bench.fake_api import API_KEY, FakeAPI, model_body
from bench.report import Figure, median, ms, p95, skipped
from bench.server import StreamlitServer

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
    name = model_body(model_id)["name"]
    await page.get_by_text(name, exact=True).first.wait_for(state="visible", timeout=timeout_ms)
    return time.perf_counter() - t0


async def _drawn(page: Page, url: str) -> float:
    """Navigate to the page without a model ID; seconds until its script run has finished."""
    t0 = time.perf_counter()
    await page.goto(url, wait_until="commit")
    await page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=SHOWN_TIMEOUT_MS
    )
    return time.perf_counter() - t0


async def _memory(browser: Browser, server: StreamlitServer, sessions: int) -> Figure:
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


async def _load(browser: Browser, server: StreamlitServer, pages_n: int, lookups: int) -> Figure:
    context = await browser.new_context()
    pages = [await context.new_page() for _ in range(pages_n)]
    times: list[float] = []
    empty: list[float] = []
    errors: list[str] = []

    await _show(pages[0], server.url, "m-load-warm", FIRST_SHOWN_TIMEOUT_MS)  # not counted

    async def visitor(n: int, page: Page) -> None:
        try:  # the baseline: the same navigation and page, without a model to look up
            empty.append(await _drawn(page, server.url))
        except Exception as exc:
            errors.append(f"page {n} without a model: {type(exc).__name__}")
        for i in range(lookups):
            try:
                times.append(await _show(page, server.url, f"m-load-{n}-{i}"))
                if await page.locator("[data-testid='stException']").count():
                    errors.append(f"page {n} lookup {i}: exception on the page")
            except Exception as exc:  # a timeout or a navigation error is an error
                errors.append(f"page {n} lookup {i}: {type(exc).__name__}")

    await asyncio.gather(*(visitor(n, p) for n, p in enumerate(pages)))
    await context.close()
    shown = f"median {ms(median(times))}, p95 {ms(p95(times))}" if times else "nothing shown"
    base = f"median {ms(median(empty))}, p95 {ms(p95(empty))}" if empty else "not measured"
    ratio = (
        f"; median {median(times) / median(empty):.2f}x the empty page" if times and empty else ""
    )
    return Figure(
        f"Load ({pages_n} browser sessions x {lookups} lookups, API answers in 200 ms)",
        f"{len(times)}/{pages_n * lookups} shown: {shown}",
        f"same page, no model ID: {base}",
        f"{len(errors)} error(s){ratio}",
        "0 errors",
        not errors,
    )


async def _browser_figures(api: FakeAPI, sessions: int, pages: int, lookups: int) -> list[Figure]:
    figures: list[Figure] = []
    env = {"SGP_CLIENT_BASE_URL": api.base_url, "SGP_API_KEY": API_KEY}
    with StreamlitServer(env=env) as server:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                for name, delay, measure in (
                    ("Memory", 0.0, lambda: _memory(browser, server, sessions)),
                    ("Load", 0.2, lambda: _load(browser, server, pages, lookups)),
                ):
                    api.reset(delay=delay)
                    try:
                        figures.append(await measure())
                    except Exception as exc:  # one broken figure must not hide the other
                        error = f"ERROR: {type(exc).__name__}: {str(exc).splitlines()[0]}"
                        figures.append(Figure(name, error[:120], "", "", "", False))
                api.reset()
            finally:
                await browser.close()
    return figures


def browser_figures(api: FakeAPI, sessions: int, pages: int, lookups: int) -> list[Figure]:
    if chromium_path() is None:
        why = "skipped (no Chromium: install Debian's chromium)"
        return [skipped("Memory", why, "report"), skipped("Load", why, "0 errors")]
    return asyncio.run(_browser_figures(api, sessions, pages, lookups))

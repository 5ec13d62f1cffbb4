"""Time to result of a shared link: a fresh Chromium context opening `/?model_id=...`.

Two `streamlit run` servers in the demo (no operator settings), one for app.py and one for
bench/bare_page.py (the same model through the same demo client, drawn as `st.title` and
`st.json`). Each run is a new browser context (no cache, no cookies, a new session),
interleaved app / bare, after warm-up runs of each. Two marks, read in the page as
`performance.now()` (milliseconds since navigation start) at the animation frame after the
element is first in the DOM and laid out (bench/first_paint.js):
- header: the model's name and its status badge (bare page: the title);
- table: the configuration table's first row (bare page: the JSON).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, async_playwright

from bench.browser import CHROMIUM_ARGS, chromium_path
from bench.report import Figure, median, skipped
from bench.server import BenchServer
from sgp.demo import FEATURED

OBSERVER = (Path(__file__).resolve().parent / "first_paint.js").read_text()
MODEL = FEATURED[0]
STATUS = "Ready"
TIMEOUT_MS = 60_000
WARMUP = 2
GOAL = 1.15


async def page_marks(
    browser: Browser, url: str, kind: str, model: dict[str, Any] = MODEL
) -> dict[str, float]:
    context = await browser.new_context()
    try:
        page = await context.new_page()
        want = {"kind": kind, "name": model["name"], "status": STATUS, "id": model["id"]}
        await page.add_init_script(f"window.__want = {json.dumps(want)};")
        await page.add_init_script(OBSERVER)
        await page.goto(f"{url}/?model_id={model['id']}", wait_until="commit")
        await page.wait_for_function(
            "() => window.__marks && window.__marks.header && window.__marks.table",
            timeout=TIMEOUT_MS,
        )
        marks = await page.evaluate("() => window.__marks")
        return {name: float(value) / 1000 for name, value in marks.items()}
    finally:
        await context.close()


async def _measure(runs: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    ours: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    with BenchServer("app.py") as app, BenchServer("bench/bare_page.py") as baseline:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                for i in range(WARMUP + runs):
                    # Alternate which goes first, so neither always follows the other.
                    order = [(app, "app", ours), (baseline, "bare", bare)]
                    for server, kind, into in order if i % 2 else order[::-1]:
                        marks = await page_marks(browser, server.url, kind)
                        if i >= WARMUP:
                            into.append(marks)
            finally:
                await browser.close()
    return ours, bare


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def first_paint_figures(runs: int) -> list[Figure]:
    if chromium_path() is None:
        why = "skipped (no Chromium: install Debian's chromium)"
        return [skipped("Time to result", why, f"<= {GOAL}x")]
    ours, bare = asyncio.run(_measure(runs))
    figures = []
    for mark, what, theirs in (
        ("header", "model's name and status badge", "title"),
        ("table", "configuration table's first row", "JSON"),
    ):
        a = median([m[mark] for m in ours])
        b = median([m[mark] for m in bare])
        figures.append(
            Figure(
                f"Time to result, shared link in a fresh Chromium context: {what} "
                f"(median of {runs} each, interleaved)",
                f"inspect page {_s(a)}",
                f"bare page (st.title + st.json, same demo client): {theirs} {_s(b)}",
                f"{a / b:.2f}x",
                f"<= {GOAL}x",
                a / b <= GOAL,
            )
        )
    return figures

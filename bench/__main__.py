"""`python -m bench [--quick] [--[no-]browser]`: measure every figure and print one table.

Each figure is measured against a baseline in the same run, because absolute times on a
shared machine mean little. Nothing asserts a time: a missed goal is printed ("NO"), and
the exit status is non-zero only when a benchmark itself broke. `--quick` (CI) uses fewer
repetitions, a small Viewers run (websocket sessions, no browser) and skips the browser
figures (Time to result, Memory; `--browser` adds a small run of them), so that it
finishes in about a minute on a busy machine.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import board, browser, first_paint, history, lookup, sessions, table, viewers
from bench.report import Figure, machine, skipped
from bench.report import table as render_table
from testkit.fake_api import FakeAPIProcess

BOARD_PAGE = Path(__file__).resolve().parent.parent / "pages" / "board.py"


def board_figures(quick: bool) -> list[Figure]:
    if not BOARD_PAGE.exists():
        return [skipped("Board", "n/a (board page not built)", "<= 1.5x bound, >= 8x")]
    return [Figure(name, value, "", "", goal, None) for name, value, goal in board.run(quick)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (CI)")
    parser.add_argument(
        "--browser",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="measure Time to result and Memory in a real Chromium (default: yes, not --quick)",
    )
    args = parser.parse_args(argv)
    q = args.quick
    # AppTest outside a server logs harmless "missing ScriptRunContext" warnings by the score.
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    print(f"Machine: {machine()}", flush=True)
    figures: list[Figure] = []

    def measure(name: str, make: Callable[[], Figure | list[Figure]]) -> None:
        t0 = time.perf_counter()
        try:
            made = make()
        except Exception as exc:
            traceback.print_exc()
            made = Figure(name, f"ERROR: {type(exc).__name__}: {exc}"[:120], "", "", "", False)
        figures.extend(made if isinstance(made, list) else [made])
        print(f"  {name}: done in {time.perf_counter() - t0:.1f} s", flush=True)

    with FakeAPIProcess() as api:
        measure("Lookup", lambda: lookup.lookup_figure(api, 100 if q else 600))
        measure("Connections (client)", lambda: lookup.client_connections_figure(api))
        measure("Connections (sessions)", lambda: sessions.session_connections_figure(api))
        measure("Fan-out", lambda: sessions.fan_out_figure(api))
        measure("Page", lambda: sessions.page_figures(api, 5 if q else 30))
        measure("Board", lambda: board_figures(q))
        measure("Table", lambda: table.table_figures(0.2 if q else 1.0))
        measure("History", lambda: history.history_figures(q))
        levels, reruns = ((4, 8), 1) if q else ((10, 25, 50), 3)
        measure("Viewers", lambda: viewers.viewers_figures(api, levels, reruns))
        if not (args.browser if args.browser is not None else not q):
            why = "skipped (--quick; run with --browser)" if q else "skipped (--no-browser)"
            figures.append(skipped("Time to result", why, "<= 1.15x"))
            figures.append(skipped("Memory", why, "report"))
        else:
            measure("Time to result", lambda: first_paint.first_paint_figures(2 if q else 8))
            measure("Memory", lambda: browser.browser_figures(api, 3 if q else 30))

    mode = "quick" if q else "full"
    print(f"\nSGP Model Inspector benchmarks ({mode}, {time.perf_counter() - started:.0f} s)")
    print(f"Machine: {machine()}\n")
    print(render_table(figures))
    return 1 if any(f.measured.startswith("ERROR") for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())

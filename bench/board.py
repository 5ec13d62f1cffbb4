"""Status board: wall time for many IDs through the board's pool, beside one-by-one fetching.

The keep-alive fake API (`testkit.fake_api`, in a thread) answers each model after 100 ms.
The board's own fetching function (`sgp.api.fetch.fetch_models`, pool of 8, one shared
client) loads N IDs; the same N are then fetched one by one with `SGPClient.get_model`. The
pool's ideal is ceil(N / 8) x 100 ms. Figures are printed, never asserted: `run(quick)`
returns (figure, value, goal) rows for `python -m bench`; `python -m bench.board` prints them.
"""

from __future__ import annotations

import math
import time

from bench import API_KEY
from sgp.api import DEFAULT_WORKERS, SGPClient, SGPError, fetch_models
from testkit.fake_api import KeepAliveAPI

DELAY_S = 0.1
FULL_IDS = 100
QUICK_IDS = 24


def _board_seconds(base_url: str, ids: list[str]) -> float:
    with SGPClient(API_KEY, base_url=base_url, max_retries=0) as client:
        start = time.perf_counter()
        results = fetch_models(client, ids, max_workers=DEFAULT_WORKERS)
        elapsed = time.perf_counter() - start
    failed = [i for i, r in results.items() if isinstance(r, SGPError)]
    if failed:
        raise RuntimeError(f"{len(failed)} board fetches failed, e.g. {results[failed[0]]!r}")
    return elapsed


def _one_by_one_seconds(base_url: str, ids: list[str]) -> float:
    with SGPClient(API_KEY, base_url=base_url, max_retries=0) as client:
        start = time.perf_counter()
        for model_id in ids:
            client.get_model(model_id)
        return time.perf_counter() - start


def run(quick: bool) -> list[tuple[str, str, str]]:
    """Measure once and return (figure, value, goal) rows; also print the ratio."""
    count = QUICK_IDS if quick else FULL_IDS
    ids = [f"board-{n:03d}" for n in range(count)]
    bound = math.ceil(count / DEFAULT_WORKERS) * DELAY_S
    with KeepAliveAPI(delay=DELAY_S) as api:
        board = _board_seconds(api.base_url, ids)
        serial = _one_by_one_seconds(api.base_url, ids)
    speedup = serial / board
    print(
        f"board: {count} IDs in {board:.2f} s with {DEFAULT_WORKERS} workers "
        f"(pool bound {bound:.2f} s, {board / bound:.2f}x of it); one by one {serial:.2f} s; "
        f"ratio one-by-one / board = {speedup:.1f}x"
    )
    return [
        (
            f"Status board, {count} IDs, server answers after {DELAY_S * 1000:.0f} ms",
            f"{board:.2f} s",
            f"close to the pool bound ceil({count}/{DEFAULT_WORKERS}) x "
            f"{DELAY_S * 1000:.0f} ms = {bound:.2f} s (measured {board / bound:.2f}x of it)",
        ),
        (
            f"Same {count} IDs fetched one by one",
            f"{serial:.2f} s",
            f"about {count} x {DELAY_S * 1000:.0f} ms = {count * DELAY_S:.1f} s (baseline)",
        ),
        (
            "Board speed-up over one by one",
            f"{speedup:.1f}x",
            f"close to {DEFAULT_WORKERS}x (the pool size)",
        ),
    ]


if __name__ == "__main__":
    for name, value, goal in run(quick=False):
        print(f"{name}: {value}  (goal: {goal})")

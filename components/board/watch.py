"""Watch all: the board refreshed every few seconds while any of its models is deploying.

With the switch on and a model deploying, the board's results are drawn by a fragment
with `run_every`. Each tick refreshes only the models that are deploying (one request each,
through the shared lookup cache, so the fair-use rules of every lookup apply) and reads the
others from the cache. When none is deploying any more, the fragment calls `st.rerun()` and
the full run draws the board without ticking. Checks follow the one watch clock
(`sgp.watch.WatchClock`), as on the inspect page: when several checks of one tick fail, the
error asking the longest wait sets it. Ticks during a wait make no request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from components.board.data import board_models, forget
from components.cache.lookups import Failed, Found, Lookup
from components.watch.controls import waiting_warning, watch_controls
from components.watch.record import WatchRecord, watch_record
from sgp.api import Connection
from sgp.present import WATCHED_STATUSES

DEFAULT_EVERY_S = 10
KIND = "board"


def deploying(results: dict[str, Lookup]) -> list[str]:
    return [
        model_id
        for model_id, result in results.items()
        if isinstance(result, Found) and result.model.status in WATCHED_STATUSES
    ]


def board_watch_controls() -> tuple[bool, float]:
    help = "Refresh the board every few seconds while any of its models is deploying."
    return watch_controls("Watch all", "board_watch", help, DEFAULT_EVERY_S)


def _tick(
    record: WatchRecord, connection: Connection, ids: list[str], every: float
) -> dict[str, Lookup]:
    """The board's results: from the cache, with the deploying models checked when due."""
    results = board_models(connection, ids)
    if record.fresh:  # drawn by the full run right after it loaded the board: no request
        record.fresh = False
        return results
    watched = deploying(results)
    if not watched or not record.clock.due(time.monotonic()):
        return results
    forget(connection, watched)
    checked = board_models(connection, watched)
    errors = [result.error for result in checked.values() if isinstance(result, Failed)]
    if errors:
        longest = max(errors, key=lambda error: error.retry_after_s or 0.0)
        record.clock.failed(longest, every, time.monotonic())
    else:
        record.clock.succeeded()
    return {**results, **checked}


def live_board(
    connection: Connection,
    ids: list[str],
    every: float,
    draw: Callable[[dict[str, Lookup]], None],
) -> None:
    """The fragment's body: one watch step, the watch's captions, then the board."""
    record = watch_record(KIND, connection, ids)
    results = _tick(record, connection, ids, every)
    if not deploying(results):
        st.rerun()  # the full run draws the final board, without ticking
    st.caption(
        f"Watching: checking the deploying models every {every:g} s · {record.clock.checks} checks",
        help="Stops by itself when no model on the board is deploying.",
    )
    waiting_warning(record.clock)
    draw(results)


def watch_board(
    connection: Connection,
    ids: list[str],
    every: float,
    draw: Callable[[dict[str, Lookup]], None],
) -> None:
    """Draw the board in a ticking fragment until none of its models is deploying."""
    watch_record(KIND, connection, ids).fresh = True
    st.fragment(live_board, run_every=every)(connection, ids, every, draw)

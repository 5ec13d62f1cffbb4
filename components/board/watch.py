"""Watch all: the board refreshed every few seconds while any of its models is deploying.

With the switch on and a model deploying, the board's results are drawn by a fragment
with `run_every`. Each tick refreshes only the models that are deploying (one request each,
through the shared lookup cache, so the fair-use rules of every lookup apply) and reads the
others from the cache. When none is deploying any more, the fragment calls `st.rerun()` and
the full run draws the board without ticking. The same limits as the inspect page's watch:
at least MIN_EVERY_S between checks, and after a failed check it waits twice the interval
(up to the same cap), or what a 429's Retry-After or the person's budget asks if longer;
ticks during the wait make no request. Refreshes go through the lookup cache's fair use (a
model fetched less than 2 s ago keeps its answer) and the person's budget.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components.board.data import board_models, forget
from components.model.watching import MAX_BACKOFF_S, WATCHED_STATUSES, watch_controls
from sgp.api import (
    Connection,
    InferenceModel,
    Outcome,
    RateLimitError,
    SGPError,
    retry_after_seconds,
)
from sgp.team import OverBudgetError

DEFAULT_EVERY_S = 10


@dataclass
class BoardWatch:
    """One session's watch of one board; plain data."""

    checks: int = 0
    wait_s: float = 0.0
    next_check_at: float = 0.0
    problem: str | None = None
    fresh: bool = False

    def failed(self, errors: list[SGPError], every: float, now: float) -> None:
        wait = min(max(self.wait_s, every) * 2, MAX_BACKOFF_S)
        for error in errors:
            if isinstance(error, RateLimitError):
                asked = retry_after_seconds(error.retry_after)  # capped as the client caps it
                if asked is not None:
                    wait = max(wait, asked, every)
            if isinstance(error, OverBudgetError):  # this person's budget: wait until it allows
                wait = max(wait, float(error.wait_s), every)
        self.wait_s, self.next_check_at, self.problem = wait, now + wait, errors[0].title

    def succeeded(self) -> None:
        self.wait_s, self.next_check_at, self.problem = 0.0, 0.0, None


def deploying(results: dict[str, Outcome]) -> list[str]:
    return [
        model_id
        for model_id, result in results.items()
        if isinstance(result, InferenceModel) and result.status in WATCHED_STATUSES
    ]


def _state(connection: Connection, ids: list[str]) -> BoardWatch:
    scope = "|".join(
        [connection.base_url, connection.account_id or "", connection.key_fingerprint, *ids]
    )
    key = "board-watch-" + hashlib.sha256(scope.encode("utf-8")).hexdigest()[:24]
    if key not in st.session_state:
        st.session_state[key] = BoardWatch()
    return st.session_state[key]


def board_watch_controls() -> tuple[bool, float]:
    help = "Refresh the board every few seconds while any of its models is deploying."
    return watch_controls("Watch all", "board_watch", help, DEFAULT_EVERY_S)


def _tick(connection: Connection, ids: list[str], every: float) -> dict[str, Outcome]:
    """The board's results: from the cache, with the deploying models checked when due."""
    state = _state(connection, ids)
    results = board_models(connection, ids)
    if state.fresh:  # drawn by the full run right after it loaded the board: no request
        state.fresh = False
        return results
    watched = deploying(results)
    if not watched or time.monotonic() < state.next_check_at:
        return results
    forget(connection, watched)
    checked = board_models(connection, watched)
    state.checks += 1
    errors = [result for result in checked.values() if isinstance(result, SGPError)]
    if errors:
        state.failed(errors, every, time.monotonic())
    else:
        state.succeeded()
    return {**results, **checked}


def watch_board(
    connection: Connection,
    ids: list[str],
    every: float,
    draw: Callable[[dict[str, Outcome]], None],
) -> None:
    """Draw the board in a ticking fragment until none of its models is deploying."""
    _state(connection, ids).fresh = True

    def live() -> None:
        results = _tick(connection, ids, every)
        state = _state(connection, ids)
        if not deploying(results):
            st.rerun()  # the full run draws the final board, without ticking
        st.caption(
            f"Watching: checking the deploying models every {every:g} s · {state.checks} checks",
            help="Stops by itself when no model on the board is deploying.",
        )
        if state.problem:
            st.warning(
                f"**Could not refresh: {state.problem}.** Next check in {state.wait_s:g} s.",
                icon=":material/hourglass:",
            )
        draw(results)

    st.fragment(live, run_every=every)()

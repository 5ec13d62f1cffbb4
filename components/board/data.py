"""The data behind the status board: many models fetched at once, each one cached.

One shared client serves a bounded pool (`sgp.api.fetch.fetch_models`, 8 threads). The client
is resolved here, in the script thread, because the demo keeps its client in
`st.session_state`, which the pool's threads cannot see; the threads only call the client
and the `st.cache_data` functions below, which touch no session state (the connection and
the client are underscore arguments, so they are not hashed; the cache key holds the key's
fingerprint, never the key). It is the inspect page's cache: a model seen on the board
opens on the inspect page without a second request.

While it waits, the script thread reads the session state every 0.1 s (`on_wait`): that is
one of Streamlit's yield points, where a person's leaving or rerunning stops the run. So the
board stops within a fraction of a second, before any further fetch starts; only the
requests in flight reach the API (measured with 48 models, 8 workers and 1.5 s answers:
1 more request reached the API after leaving when it was noticed only as a fetch ended,
0 now; tests/e2e/test_browse_board.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from components.cache.clients import client_for
from components.cache.lookups import (
    Failed,
    Found,
    Lookup,
    cache_where,
    cached_lookup,
    refresh_lookup,
)
from sgp.api import (
    DEFAULT_WORKERS,
    Connection,
    InferenceModel,
    ModelReader,
    SGPError,
    fetch_models,
)

IDLE_PROBE = "board-fetch-probe"  # never set: only read, to reach the yield point


def board_models(
    connection: Connection,
    ids: Sequence[str],
    on_done: Callable[[int, int], None] | None = None,
    *,
    max_workers: int = DEFAULT_WORKERS,
) -> dict[str, Lookup]:
    """{id: its lookup, found or failed} for each ID, fetched concurrently (or read from the
    cache); a found lookup keeps its fetch time, so its row is built once (`board_row_of`)."""
    try:
        client = client_for(connection)
    except SGPError as exc:  # a key or account ID that no HTTP header can carry
        return {model_id: Failed(model_id, exc) for model_id in ids}
    where = cache_where(connection)
    found: dict[str, Found] = {}  # each key written by one pool thread only

    def get(shared: ModelReader, model_id: str) -> InferenceModel:
        result = cached_lookup(where, model_id, shared)
        if isinstance(result, Failed):
            raise result.error
        found[model_id] = result
        return result.model

    outcomes = fetch_models(
        client, ids, max_workers=max_workers, on_done=on_done, on_wait=_stop_if_left, get=get
    )
    return {
        model_id: Failed(model_id, outcome) if isinstance(outcome, SGPError) else found[model_id]
        for model_id, outcome in outcomes.items()
    }


def _stop_if_left() -> None:
    """Let Streamlit stop this run here if the person left or reran: any read of the session
    state is a point where it raises StopException or RerunException (Streamlit 1.67)."""
    _ = IDLE_PROBE in st.session_state


def forget(connection: Connection, ids: Sequence[str]) -> None:
    """Drop these IDs' cached results, so that the next run fetches them again (in the pool);
    a model fetched less than 2 s ago keeps its answer (fair use, per model)."""
    where = cache_where(connection)
    for model_id in ids:
        refresh_lookup(where, model_id)

"""The data behind the status board: many models fetched at once, each one cached.

One shared client serves a bounded pool (`sgp.api.fetch.fetch_models`, 8 threads). The client
is resolved here, in the script thread, because the demo keeps its client in
`st.session_state`, which the pool's threads cannot see; the threads only call the client
and the `st.cache_data` functions below, which touch no session state (the connection and
the client are underscore arguments, so they are not hashed; the cache key holds the key's
fingerprint, never the key). It is the inspect page's cache: a model seen on the board
opens on the inspect page without a second request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from components.cache.clients import client_for
from components.cache.lookups import Failed, cache_where, cached_lookup, refresh_lookup
from sgp.api import (
    DEFAULT_WORKERS,
    Connection,
    InferenceModel,
    ModelReader,
    Outcome,
    SGPError,
    fetch_models,
)


def board_models(
    connection: Connection,
    ids: Sequence[str],
    on_done: Callable[[int, int], None] | None = None,
    *,
    max_workers: int = DEFAULT_WORKERS,
) -> dict[str, Outcome]:
    """{id: model or error} for each ID, fetched concurrently (or read from the cache)."""
    try:
        client = client_for(connection)
    except SGPError as exc:  # a key or account ID that no HTTP header can carry
        return dict.fromkeys(ids, exc)
    where = cache_where(connection)

    def get(shared: ModelReader, model_id: str) -> InferenceModel:
        result = cached_lookup(where, model_id, shared)
        if isinstance(result, Failed):
            raise result.error
        return result.model

    return fetch_models(client, ids, max_workers=max_workers, on_done=on_done, get=get)


def forget(connection: Connection, ids: Sequence[str]) -> None:
    """Drop these IDs' cached results, so that the next run fetches them again (in the pool);
    a model fetched less than 2 s ago keeps its answer (fair use, per model)."""
    where = cache_where(connection)
    for model_id in ids:
        refresh_lookup(where, model_id)

"""The data behind the status board: many models fetched at once, each one cached.

One shared client serves a bounded pool (`sgp.batch.fetch_models`, 8 threads). The client
is resolved here, in the script thread, because the demo keeps its client in
`st.session_state`, which the pool's threads cannot see; the threads only call the client
and the `st.cache_data` functions below, which touch no session state (the connection and
the client are underscore arguments, so they are not hashed; the cache key holds the key's
fingerprint, never the key). Successes are cached 30 s and failures 5 s, like single lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from components.data import _scope, client_for
from sgp.batch import DEFAULT_WORKERS, Outcome, fetch_models
from sgp.client import SGPClient
from sgp.environments import Connection
from sgp.errors import SGPError
from sgp.schema import InferenceModel

SUCCESS_TTL_S = 30
FAILURE_TTL_S = 5
MAX_ENTRIES = 2048


@st.cache_data(ttl=SUCCESS_TTL_S, max_entries=MAX_ENTRIES, show_spinner=False)
def _model_ok(
    base_url: str,
    account_id: str | None,
    key_fp: str,
    scope: str,
    model_id: str,
    _client: SGPClient,
) -> InferenceModel:
    return _client.get_model(model_id)


@st.cache_data(ttl=FAILURE_TTL_S, max_entries=MAX_ENTRIES, show_spinner=False)
def _outcome(
    base_url: str,
    account_id: str | None,
    key_fp: str,
    scope: str,
    model_id: str,
    _client: SGPClient,
) -> Outcome:
    try:
        return _model_ok(base_url, account_id, key_fp, scope, model_id, _client)
    except SGPError as exc:
        return exc


def board_models(
    connection: Connection,
    ids: Sequence[str],
    on_done: Callable[[int, int], None] | None = None,
    *,
    max_workers: int = DEFAULT_WORKERS,
) -> dict[str, Outcome]:
    """{id: model or error} for each ID, fetched concurrently (or read from the cache)."""
    client = client_for(connection)
    where = (connection.base_url, connection.account_id, connection.key_fingerprint)
    scope = _scope(connection)

    def get(shared: SGPClient, model_id: str) -> InferenceModel:
        result = _outcome(*where, scope, model_id, shared)
        if isinstance(result, SGPError):
            raise result
        return result

    return fetch_models(client, ids, max_workers=max_workers, on_done=on_done, get=get)


def forget(connection: Connection, ids: Sequence[str]) -> None:
    """Drop these IDs' cached results, so that the next run fetches them again."""
    where = (connection.base_url, connection.account_id, connection.key_fingerprint)
    scope = _scope(connection)
    for model_id in ids:
        _outcome.clear(*where, scope, model_id, None)
        _model_ok.clear(*where, scope, model_id, None)

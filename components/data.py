"""The one cached fetch between the pages and `sgp`: shared clients and shared model lookups.

- One SGPClient (one connection pool) per (base URL, account, key fingerprint), shared by
  every browser session through `st.cache_resource`. The raw key is passed as an
  underscore argument, which Streamlit does not hash: the cache key holds only its SHA-256.
- Successful lookups are cached globally for 30 s by (base URL, account, key fingerprint,
  model ID): viewers with the same key share one response, and concurrent identical misses
  wait for the first (Streamlit locks per entry). Different keys never share an entry.
- Failures are cached for a few seconds only, so a 429 is not hammered by reruns, yet
  nobody is served a stale error for long. Refresh clears exactly this entry.
- The demo gets one client per browser session, so its live model is per session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.settings import request_timeout
from sgp.client import DEFAULT_TIMEOUT, SGPClient, validate_model_id
from sgp.demo import demo_client
from sgp.environments import Connection
from sgp.errors import SGPError
from sgp.schema import InferenceModel

SUCCESS_TTL_S = 30
FAILURE_TTL_S = 5
MAX_ENTRIES = 1024
# A model is a few KB; the client accepts bodies up to 10 MB. The byte cap keeps a handful of
# huge answers from holding hundreds of MB (each cache keeps its own pickled copy).
MAX_CACHE_SIZE = "64MB"
CLIENT_TTL_S = 3600


@dataclass(frozen=True)
class Lookup:
    """The outcome of one lookup: the raw response and its model, or an error."""

    model_id: str
    fetched_at: dt.datetime
    raw: dict[str, Any] | None = None
    model: InferenceModel | None = None
    error: SGPError | None = None


def _close_client(client: SGPClient) -> None:
    client.close()


# ttl: a revoked or rotated key is not kept in memory for ever. on_release: a client dropped
# by ttl or max_entries closes its pooled connections instead of leaving them to the GC.
@st.cache_resource(ttl=CLIENT_TTL_S, max_entries=64, show_spinner=False, on_release=_close_client)
def shared_client(
    base_url: str,
    account_id: str | None,
    key_fp: str,
    _api_key: str,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> SGPClient:
    """The one client (one connection pool) for a base URL, account and key, shared by all."""
    return SGPClient(_api_key, base_url=base_url, account_id=account_id, timeout=timeout)


def client_for(connection: Connection) -> SGPClient:
    if connection.is_demo:
        if "demo_client" not in st.session_state:
            st.session_state["demo_client"] = demo_client()
        return st.session_state["demo_client"]
    return shared_client(
        connection.base_url,
        connection.account_id,
        connection.key_fingerprint,
        connection.api_key,
        request_timeout(),
    )


CacheWhere = tuple[str, str | None, str, str]


def cache_where(connection: Connection) -> CacheWhere:
    """The part of a lookup's cache key that names the connection: base URL, account, key
    fingerprint and scope. Demo data changes per session (the live model), so the demo's
    scope is the session's own and it is never shared; elsewhere the scope is empty."""
    scope = ""
    if connection.is_demo:
        scope = st.session_state.setdefault("demo_scope", uuid.uuid4().hex)
    return connection.base_url, connection.account_id, connection.key_fingerprint, scope


@st.cache_data(
    ttl=SUCCESS_TTL_S, max_entries=MAX_ENTRIES, max_size=MAX_CACHE_SIZE, show_spinner=False
)
def _fetch_ok(
    base_url: str, account_id: str | None, key_fp: str, scope: str, model_id: str, _client: Any
) -> tuple[dict[str, Any], InferenceModel, dt.datetime]:
    raw, model = _client.get_model_and_raw(model_id)
    return raw, model, dt.datetime.now(dt.UTC)


@st.cache_data(
    ttl=FAILURE_TTL_S, max_entries=MAX_ENTRIES, max_size=MAX_CACHE_SIZE, show_spinner=False
)
def _lookup(
    base_url: str, account_id: str | None, key_fp: str, scope: str, model_id: str, _client: Any
) -> Lookup:
    try:
        raw, model, fetched_at = _fetch_ok(base_url, account_id, key_fp, scope, model_id, _client)
    except SGPError as exc:
        return Lookup(model_id, dt.datetime.now(dt.UTC), error=exc)
    return Lookup(model_id, fetched_at, raw=raw, model=model)


def cached_lookup(
    where: CacheWhere, model_id: str, client: SGPClient, *, refresh: bool = False
) -> Lookup:
    """A lookup through the shared cache. Touches no session state, so the status board's
    worker threads may call it with a client resolved in the script thread."""
    try:
        model_id = validate_model_id(model_id)
    except SGPError as exc:
        return Lookup(model_id, dt.datetime.now(dt.UTC), error=exc)
    if refresh:
        forget_lookup(where, model_id)
    return _lookup(*where, model_id, client)


def forget_lookup(where: CacheWhere, model_id: str) -> None:
    """Drop one model's cached result (success or failure); the next lookup asks the API."""
    _lookup.clear(*where, model_id, None)
    _fetch_ok.clear(*where, model_id, None)


def lookup_model(connection: Connection, model_id: str, *, refresh: bool = False) -> Lookup:
    """The model for an ID: from the cache when fresh, else one request to the API."""
    try:
        client = client_for(connection)
    except SGPError as exc:  # a key or account ID that no HTTP header can carry
        return Lookup(model_id, dt.datetime.now(dt.UTC), error=exc)
    return cached_lookup(cache_where(connection), model_id, client, refresh=refresh)

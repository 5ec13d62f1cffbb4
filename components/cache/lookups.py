"""The lookup cache between the pages and `sgp`: one model's lookup, found or failed.

The values of secret-looking environment variables are hidden before the answer is kept
(`sgp.present.redact_secrets`). Successful lookups are cached globally for 30 s by (base
URL, account, key fingerprint, scope, model ID): viewers with the same key share one
response, and concurrent identical misses wait for the first. Different keys never share
an entry. Failures are cached for a few seconds only (see `components.cache.ttl`). Refresh
clears exactly one entry, and only when it was fetched 2 s ago or more
(`components.cache.fair_use`): many people refreshing or watching one model cost the API
one request per 2 s.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.cache.clients import client_for
from components.cache.fair_use import may_refresh, note_fetch
from components.cache.ttl import TwoTTLCache
from components.history.sources import recording
from sgp.api import (
    Connection,
    InferenceModel,
    ModelReader,
    SGPError,
    parse_model,
    validate_model_id,
)
from sgp.present import redact_secrets


@dataclass(frozen=True)
class Found:
    """A model the API returned: its raw response, its parsed model and when it was fetched."""

    model_id: str
    fetched_at: dt.datetime
    raw: dict[str, Any]
    model: InferenceModel


@dataclass(frozen=True)
class Failed:
    """A lookup that failed, with the error to show."""

    model_id: str
    error: SGPError


Lookup = Found | Failed


def lookup_name(result: Lookup) -> str:
    """How a page names the model it shows: its name, else the ID that was looked up."""
    name = result.model.name if isinstance(result, Found) else ""
    return name.strip() or result.model_id


CacheWhere = tuple[str, str | None, str, str]


def cache_where(connection: Connection) -> CacheWhere:
    """The part of a lookup's cache key that names the connection: base URL, account, key
    fingerprint and scope. Demo data changes per session (the live model), so the demo's
    scope is the session's own and it is never shared; elsewhere the scope is empty."""
    scope = ""
    if connection.is_demo:
        scope = st.session_state.setdefault("demo_scope", uuid.uuid4().hex)
    return connection.base_url, connection.account_id, connection.key_fingerprint, scope


def _fetch(
    base_url: str, account_id: str | None, key_fp: str, scope: str, model_id: str, _client: Any
) -> Found:
    note_fetch((base_url, account_id, key_fp, scope, model_id))
    raw, model = _client.get_model_and_raw(model_id)
    # Secret-looking environment values are hidden once, here: the page, the downloads,
    # the reports and the compare page all draw from this one answer.
    if (hidden := redact_secrets(raw)) is not None:
        raw, model = hidden, parse_model(hidden)
    return Found(model_id, dt.datetime.now(dt.UTC), raw, model)


_lookups = TwoTTLCache(_fetch)


def cached_lookup(
    where: CacheWhere, model_id: str, client: ModelReader, *, refresh: bool = False
) -> Lookup:
    """A lookup through the shared cache. Touches no session state, so the status board's
    worker threads may call it with a client resolved in the script thread."""
    try:
        model_id = validate_model_id(model_id)
    except SGPError as exc:
        return Failed(model_id, exc)
    if refresh:
        refresh_lookup(where, model_id)
    try:
        result = _lookups(*where, model_id, client)
    except SGPError as exc:  # about this person (over budget), so never cached
        return Failed(model_id, exc)
    return Failed(model_id, result) if isinstance(result, SGPError) else result


def refresh_lookup(where: CacheWhere, model_id: str) -> None:
    """Drop one model's cached result unless it was fetched less than 2 s ago."""
    if may_refresh((*where, model_id)):
        forget_lookup(where, model_id)


def forget_lookup(where: CacheWhere, model_id: str) -> None:
    """Drop one model's cached result (success or failure); the next lookup asks the API."""
    _lookups.forget(*where, model_id)


def lookup_model(connection: Connection, model_id: str, *, refresh: bool = False) -> Lookup:
    """The model for an ID: from the cache when fresh, else one request to the API, whose
    answer is recorded in this run's history (`components.history.sources.recording`)."""
    try:
        client = recording(client_for(connection), connection)
    except SGPError as exc:  # a key or account ID that no HTTP header can carry
        return Failed(model_id, exc)
    return cached_lookup(cache_where(connection), model_id, client, refresh=refresh)

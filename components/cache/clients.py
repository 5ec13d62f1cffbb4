"""The client factory: one SGPClient (one connection pool) per base URL, account and key.

Shared by every browser session through `st.cache_resource`. The raw key is passed as an
underscore argument, which Streamlit does not hash: the cache key holds only its SHA-256.
The demo gets one client per browser session, so its live model is per session.
Every other client is handed out wrapped for the visit's requester (`sgp.team.Visit`,
built by the page shell): its requests are budgeted (operator's key) and audited. Only a
visit gets a client: a bare Connection has nobody to bill, so it is refused, not served
as somebody anonymous.
"""

from __future__ import annotations

import streamlit as st

from sgp.api import DEFAULT_TIMEOUT, Connection, SGPClient
from sgp.demo import demo_client
from sgp.team import MeteredClient, Visit

CLIENT_TTL_S = 3600


def _close_client(client: SGPClient) -> None:
    client.close()


# ttl: a revoked or rotated key is not kept in memory for ever. on_release: a client dropped
# by ttl or max_entries closes its pooled connections instead of leaving them to the GC;
# SGPClient.close() waits for requests other sessions still have in flight with it.
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


def client_for(connection: Connection) -> SGPClient | MeteredClient:
    """The client for this visit; called in the script thread (the demo's is in the session).

    A Watch tick is a fragment run, which skips the page's sign-in gate: the visit's
    `check` runs here, before anything is fetched."""
    if not isinstance(connection, Visit) or connection.requester is None:
        raise TypeError(
            "client_for needs the page's visit (what page() yields), not a bare Connection"
        )
    connection.check()
    if connection.is_demo:
        if "demo_client" not in st.session_state:
            st.session_state["demo_client"] = demo_client(rollout_s=connection.demo_rollout_s)
        return st.session_state["demo_client"]
    shared = shared_client(  # by name: see components.cache.ttl (no signature per call)
        base_url=connection.base_url,
        account_id=connection.account_id,
        key_fp=connection.key_fingerprint,
        _api_key=connection.api_key,
        timeout=connection.timeout,
    )
    return MeteredClient(shared, connection.requester)

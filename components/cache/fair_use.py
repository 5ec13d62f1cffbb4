"""Fair use of the API: one request per model per 2 s, and requests made on a person's behalf.

- Refresh, a watch tick and the board's "Refresh all" ask the API again only when the
  model was last fetched (or claimed for fetching) 2 s ago or more, by anyone with the same
  connection (base URL, account, key fingerprint): otherwise they take the cached answer.
  The check and the claim happen under one lock, so concurrent refreshes of one model
  become one request, and Streamlit's per-entry cache lock makes the others wait for it.
- `metered` wraps the shared client for this run's person (`sgp.team.MeteredClient`):
  budgeted on the operator's key, audited always.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass

import streamlit as st

from components.shell.auth import who
from components.shell.settings import operator_settings, requests_per_minute
from sgp.api import Connection, SGPClient, fingerprint
from sgp.team import MeteredClient, Requester

MIN_REFRESH_S = 2.0
MAX_TRACKED = 4096
RUN_KEY = "_sgp_run"  # this run's person and page, set once by the shell


@dataclass(frozen=True)
class RunFacts:
    """What every request of one page run shares, read once per run (settings read secrets)."""

    who: str
    page: str
    per_minute: int
    operator_key_fp: str | None  # to tell the operator's key from a pasted one; never logged


_fetched: dict[Hashable, float] = {}
_lock = threading.Lock()


def _prune(now: float) -> None:
    if len(_fetched) > MAX_TRACKED:
        for key in [k for k, at in _fetched.items() if now - at >= MIN_REFRESH_S]:
            del _fetched[key]


def note_fetch(key: Hashable) -> None:
    """A request for this entry is being made now."""
    now = time.monotonic()
    with _lock:
        _fetched[key] = now
        _prune(now)


def may_refresh(key: Hashable) -> bool:
    """True (and claimed) when this entry was not fetched in the last 2 s: ask again."""
    now = time.monotonic()
    with _lock:
        if now - _fetched.get(key, float("-inf")) < MIN_REFRESH_S:
            return False
        _fetched[key] = now
        _prune(now)
        return True


def forget_fetch_times() -> None:
    """Forget when anything was fetched (for tests that start from a clean server)."""
    with _lock:
        _fetched.clear()


def start_run(page_title: str) -> None:
    """Note who this run acts for and on which page (the shell calls it once per run)."""
    operator_key = operator_settings().api_key
    st.session_state[RUN_KEY] = RunFacts(
        who=who(),
        page=page_title,
        per_minute=requests_per_minute(),
        operator_key_fp=fingerprint(operator_key) if operator_key else None,
    )


def requester(connection: Connection) -> Requester:
    """Who this run's requests are for, and whether they use the operator's key."""
    facts = st.session_state.get(RUN_KEY)
    if not isinstance(facts, RunFacts):  # a client asked for outside a page run
        start_run("")
        facts = st.session_state[RUN_KEY]
    return Requester(
        who=facts.who,
        page=facts.page,
        environment=connection.environment.name,
        operator_key=facts.operator_key_fp == connection.key_fingerprint,
        per_minute=facts.per_minute,
    )


def metered(client: SGPClient, connection: Connection) -> MeteredClient:
    return MeteredClient(client, requester(connection))

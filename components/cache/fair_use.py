"""Fair use of the API: one request per model per 2 s, however many people ask.

- Refresh, a watch tick and the board's "Refresh all" ask the API again only when the
  model was last fetched (or claimed for fetching) 2 s ago or more, by anyone with the same
  connection (base URL, account, key fingerprint): otherwise they take the cached answer.
  The check and the claim happen under one lock, so concurrent refreshes of one model
  become one request, and Streamlit's per-entry cache lock makes the others wait for it.

Who pays for a request is not decided here: see `components.shell.visit`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable

MIN_REFRESH_S = 2.0
MAX_TRACKED = 4096


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

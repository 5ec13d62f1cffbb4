"""Keeping a shared link through sign-in, so a person lands on the page and model they opened.

Streamlit 1.67 cannot carry it: its sign-in callback (/oauth2callback) always redirects to
the app's root, without the page or the query parameters, and the browser then starts a
new session (session state is gone). So when a signed-out person presses "Sign in", the
link (page script and query parameters) is kept on the server for 10 minutes, keyed by a
hash of the token in the browser's XSRF cookie (`_streamlit_xsrf`): Streamlit turns XSRF
protection on whenever `[auth]` is configured, and keeps that cookie's token across the
redirect, so the same browser presents it again when it comes back. The first signed-in
run in that browser takes the link (once) and goes there. Nothing is written to the URL
or to a cookie; the store is per server process (replicas need session affinity anyway).
"""

from __future__ import annotations

import hashlib
import threading
import time

import streamlit as st

from components.shell.navigation import PAGES, Page

KEEP_S = 600
MAX_LINKS = 10_000
XSRF_COOKIE = "_streamlit_xsrf"
SCRIPTS = {page.script for page in PAGES}

_links: dict[str, tuple[float, str, dict[str, str]]] = {}
_lock = threading.Lock()


def _token(cookie: str) -> bytes | None:
    """The token inside a version 2 XSRF cookie (`2|mask|masked token|time`), unmasked: the
    mask changes every time Streamlit serves the page, the token does not."""
    parts = cookie.split("|")
    try:
        if parts[0] == "2" and len(parts) == 4:
            mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
            if not mask or not masked:
                return None
            return bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked))
    except ValueError:
        return None
    return None


def _browser() -> str | None:
    cookie = st.context.cookies.get(XSRF_COOKIE)
    token = _token(cookie) if cookie else None
    return hashlib.sha256(b"sgp-deep-link|" + token).hexdigest() if token else None


def keep_link(this: Page) -> None:
    """Remember this page and its query parameters for this browser, for after sign-in."""
    browser = _browser()
    if browser is None:
        return
    params = {name: str(value)[:4000] for name, value in st.query_params.to_dict().items()}
    now = time.monotonic()
    with _lock:
        for key in [k for k, (at, _, _) in _links.items() if now - at > KEEP_S]:
            del _links[key]
        if len(_links) >= MAX_LINKS:
            _links.pop(next(iter(_links)))
        _links[browser] = (now, this.script, params)


def take_link() -> tuple[str, dict[str, str]] | None:
    """The link this browser kept before signing in (once), if it is recent."""
    browser = _browser()
    if browser is None:
        return None
    with _lock:
        kept = _links.pop(browser, None)
    if kept is None or time.monotonic() - kept[0] > KEEP_S or kept[1] not in SCRIPTS:
        return None
    return kept[1], kept[2]


def follow_kept_link(this: Page) -> None:
    """After sign-in, go to the link opened before it (when there is one and it is elsewhere)."""
    kept = take_link()
    if kept is None:
        return
    script, params = kept
    if script == this.script and params == st.query_params.to_dict():
        return
    if script == this.script:
        st.query_params.from_dict(params)
        st.rerun()
    st.switch_page(script, query_params=params)

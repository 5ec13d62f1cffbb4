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

Before sign-in anyone may press the button, with a cookie and a query string of their
choosing (Streamlit accepts 512 Ki characters), so what is kept is bounded: only the
parameters the page reads (`Page.params` and `env`), a link of at most MAX_LINK_BYTES
(parameters that do not fit are left out, never cut: a cut ID is another ID), and at
most MAX_STORE_BYTES for all links together (the oldest go first). Measured before these
bounds: 50 presses with a 512 Ki query string kept 105 MB.
"""

from __future__ import annotations

import hashlib
import threading
import time

import streamlit as st

from components.shell.navigation import PAGES, SHARED_PARAMS, Page

KEEP_S = 600
MAX_LINK_BYTES = 8 * 1024  # a board of 200 IDs fits; a 512 Ki query string does not
MAX_STORE_BYTES = 4 * 1024 * 1024
ENTRY_OVERHEAD_BYTES = 512  # the key, the tuple and the dict slot of one kept link
XSRF_COOKIE = "_streamlit_xsrf"
SCRIPTS = {page.script for page in PAGES}

_links: dict[str, tuple[float, str, dict[str, str], int]] = {}
_stored = [0]  # bytes of every kept link, counted as ENTRY_OVERHEAD_BYTES + link_bytes
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


def link_params(this: Page, given: dict[str, str]) -> dict[str, str]:
    """The parameters of a link worth keeping: those the page reads, within MAX_LINK_BYTES."""
    kept: dict[str, str] = {}
    size = len(this.script.encode())
    for name in (*this.params, *SHARED_PARAMS):
        value = given.get(name)
        if value is None:
            continue
        value = str(value)
        cost = len(name.encode()) + len(value.encode())
        if size + cost <= MAX_LINK_BYTES:
            kept[name] = value
            size += cost
    return kept


def _link_bytes(script: str, params: dict[str, str]) -> int:
    return (
        ENTRY_OVERHEAD_BYTES
        + len(script.encode())
        + sum(len(k.encode()) + len(v.encode()) for k, v in params.items())
    )


def _drop(key: str) -> None:
    kept = _links.pop(key, None)
    if kept is not None:
        _stored[0] -= kept[3]


def keep_link(this: Page) -> None:
    """Remember this page and the parameters it reads for this browser, for after sign-in."""
    browser = _browser()
    if browser is None:
        return
    params = link_params(this, st.query_params.to_dict())
    size = _link_bytes(this.script, params)
    now = time.monotonic()
    with _lock:
        kept = _links.get(browser)
        if not params and kept is not None and now - kept[0] <= KEEP_S:
            # "Sign in again" after an expired sign-in starts from the root Streamlit
            # returned to: the link opened before the first sign-in is the one to keep.
            return
        _drop(browser)
        for key in [k for k, (at, *_) in _links.items() if now - at > KEEP_S]:
            _drop(key)
        while _links and _stored[0] + size > MAX_STORE_BYTES:
            _drop(next(iter(_links)))  # the oldest: dicts keep insertion order
        _links[browser] = (now, this.script, params, size)
        _stored[0] += size


def take_link() -> tuple[str, dict[str, str]] | None:
    """The link this browser kept before signing in (once), if it is recent."""
    browser = _browser()
    if browser is None:
        return None
    with _lock:
        kept = _links.get(browser)
        _drop(browser)
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

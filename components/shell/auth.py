"""Sign-in for a shared deployment: Streamlit's `st.login` (OpenID Connect) and an allowlist.

When the operator configures an `[auth]` section in secrets, every page passes
`sign_in_gate` first: a signed-out visitor sees only a short explanation and a "Sign in"
button, and a signed-in person outside the allowlist (see `sgp.team.allowlist`) sees only
a "not allowed" page with their email and "Sign out". Both stop the run before the sidebar
or the page draws anything or asks the API for anything, so a shared link opened while
signed out costs nothing and shows nothing (not even the model's ID). Without `[auth]`
nothing changes: the app is for whoever runs it, and `who` is an anonymous session id.

Sign-in, sign-out and refused sign-ins are audit lines. Streamlit signs a person in on its
own route, so a sign-in is noted by the first run that sees a new identity token (its
`iat`), once per token and server process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shell.deep_link import follow_kept_link, keep_link
from components.shell.navigation import APP_NAME, Page
from components.shell.settings import allowlist, operator_settings
from sgp.team import audit

log = logging.getLogger("sgp_inspector")

MAX_NOTED = 10_000
_noted: set[tuple[str, str, str]] = set()
_noted_lock = threading.Lock()


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse
        return False


def _claims() -> dict[str, Any]:
    return dict(st.user.to_dict()) if auth_configured() else {}


def who() -> str:
    """The person on whose behalf this session acts: the signed-in email, else an anonymous id
    derived from the browser session (never reversible to it)."""
    claims = _claims()
    if claims.get("is_logged_in") and claims.get("email"):
        return str(claims["email"]).strip().lower()
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "no-session"
    return "anonymous-" + hashlib.sha256(session.encode()).hexdigest()[:12]


def _note_once(event: str, email: str, claims: dict[str, Any]) -> None:
    token = f"{claims.get('iss', '')}|{claims.get('sub', '')}|{claims.get('iat', '')}"
    with _noted_lock:
        if (event, email, token) in _noted:
            return
        if len(_noted) >= MAX_NOTED:  # bounded; at worst a sign-in is noted twice
            _noted.clear()
        _noted.add((event, email, token))
    audit(event, email, provider=claims.get("provider"))


def _sign_out(email: str) -> None:
    audit("sign_out", email)
    st.logout()


def _sign_in_page(this: Page) -> None:
    st.title(APP_NAME, anchor=False)
    st.write(
        "This app shows the state of models on the Scale GenAI Platform. It is shared by "
        "your team, so please sign in first. If you opened a link, you will land on it "
        "after signing in."
    )
    if st.button("Sign in", type="primary", icon=":material/login:", key="sign_in"):
        keep_link(this)
        st.login()


def _not_allowed_page(email: str) -> None:
    st.title(APP_NAME, anchor=False)
    st.error("**You are not allowed to use this app.**", icon=":material/block:")
    st.write("You are signed in as:")
    st.text(email or "(no email address)")
    st.caption("Ask the app's operator to add your address, or sign in with another account.")
    st.button(
        "Sign out", key="sign_out", icon=":material/logout:", on_click=_sign_out, args=(email,)
    )


def sign_in_gate(this: Page) -> str | None:
    """Stop the run unless sign-in is off, or the person is signed in and allowed.

    Returns the signed-in email (None when sign-in is not configured)."""
    if not auth_configured():
        warn_if_shared_without_sign_in()
        return None
    claims = _claims()
    if not claims.get("is_logged_in"):
        _sign_in_page(this)
        st.stop()
    email = str(claims.get("email") or "").strip().lower()
    if not allowlist().allows(claims):
        _note_once("sign_in_refused", email, claims)
        _not_allowed_page(email)
        st.stop()
    _note_once("sign_in", email, claims)
    follow_kept_link(this)
    return email


def signed_in_sidebar(email: str) -> None:
    """Who is signed in, and the way out."""
    with st.sidebar:
        st.caption("Signed in as")
        st.text(email)
        st.button(
            "Sign out", key="sign_out", icon=":material/logout:", on_click=_sign_out, args=(email,)
        )


@st.cache_resource(show_spinner=False)
def _warned() -> list[bool]:
    return [False]


def warn_if_shared_without_sign_in() -> None:
    """Once per server process: the operator's key without sign-in serves anyone who can
    reach the app."""
    flag = _warned()
    if flag[0] or not operator_settings().api_key:
        return
    flag[0] = True
    log.warning(
        "The operator's API key (SGP_API_KEY) is configured but sign-in is not: anyone who "
        "can reach this app looks up models with that key. Configure [auth] in "
        ".streamlit/secrets.toml (see the README, 'Run it for a team')."
    )

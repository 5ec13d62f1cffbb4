"""Sign-in for a shared deployment: Streamlit's `st.login` (OpenID Connect) and an allowlist.

When the operator configures an `[auth]` section in secrets, every page passes
`sign_in_gate` first: a signed-out visitor sees only a short explanation and a "Sign in"
button, and a signed-in person outside the allowlist (see `sgp.team.allowlist`) sees only
a "not allowed" page with their email and "Sign out". Both stop the run before the sidebar
or the page draws anything or asks the API for anything, so a shared link opened while
signed out costs nothing and shows nothing (not even the model's ID). Without `[auth]`
nothing changes: the app is for whoever runs it, and `who` is an anonymous session id.

It fails closed. A setup the app cannot trust (a secrets file that does not parse, team
settings written inside `[auth]`) serves nobody, with a page and a log line that say why.
Streamlit's identity cookie lasts 30 days, so the allowlist is checked again on every run,
and a sign-in older than SGP_SIGN_IN_MAX_AGE_H (by the token's `iat`) must be renewed. A
fragment run (a Watch tick) skips the page's gate, so `recheck_sign_in` runs before any
client is handed out and sends a person who no longer passes back to a full run.

Sign-in, sign-out and refused sign-ins are audit lines. Streamlit signs a person in on its
own route, so a sign-in is noted by the first run that sees a new identity token (its
`iat`), once per token and server process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shell.deep_link import follow_kept_link, keep_link
from components.shell.navigation import APP_NAME, Page
from components.shell.settings import (
    allowlist,
    operator_settings,
    setup_problem,
    sign_in_max_age_s,
)
from sgp.team import audit, person, subject

log = logging.getLogger("sgp_inspector")

MAX_NOTED = 10_000
_noted: set[tuple[str, str, str]] = set()
_noted_lock = threading.Lock()
_logged: set[str] = set()  # setup problems and refusal reasons already logged


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse
        return False


def _claims() -> dict[str, Any]:
    return dict(st.user.to_dict()) if auth_configured() else {}


def who() -> str:
    """The person on whose behalf this session acts: the signed-in person (verified email,
    else the provider's `issuer|sub`), else an anonymous id derived from the browser session
    (never reversible to it)."""
    claims = _claims()
    if claims.get("is_logged_in") and (signed_in := person(claims)):
        return signed_in
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "no-session"
    return "anonymous-" + hashlib.sha256(session.encode()).hexdigest()[:12]


def _shown_as(claims: dict[str, Any]) -> str:
    """How a signed-in person is named on their own page: the email they signed in with,
    else the provider's subject."""
    return str(claims.get("email") or "").strip().lower() or subject(claims)


def _log_once(level: int, message: str) -> None:
    with _noted_lock:
        if message in _logged or len(_logged) >= MAX_NOTED:
            return
        _logged.add(message)
    log.log(level, message)


def _note_once(event: str, email: str, claims: dict[str, Any], **fields: Any) -> None:
    token = f"{claims.get('iss', '')}|{claims.get('sub', '')}|{claims.get('iat', '')}"
    with _noted_lock:
        if (event, email, token) in _noted:
            return
        if len(_noted) >= MAX_NOTED:  # bounded; at worst a sign-in is noted twice
            _noted.clear()
        _noted.add((event, email, token))
    audit(event, email, provider=claims.get("provider"), **fields)


def _too_old(claims: dict[str, Any]) -> bool:
    """A sign-in older than the maximum age, or of unknown age, must be renewed."""
    try:
        issued = float(claims.get("iat"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
    return time.time() - issued > sign_in_max_age_s()


def _refusal(claims: dict[str, Any]) -> str | None:
    """Why a signed-in person may not go on (None: they may)."""
    reason = allowlist().refusal(claims)
    if reason is None and _too_old(claims):
        return "expired"
    return reason


def _sign_out(email: str) -> None:
    audit("sign_out", email)
    st.logout()


def _sign_in_page(this: Page, *, again: bool = False) -> None:
    st.title(APP_NAME, anchor=False)
    if again:
        hours = f"{sign_in_max_age_s() / 3600:g}"
        st.write(
            f"Your sign-in is more than {hours} hours old, so please sign in again. If you "
            "opened a link, you will land on it after signing in."
        )
    else:
        st.write(
            "This app shows the state of models on the Scale GenAI Platform. It is shared by "
            "your team, so please sign in first. If you opened a link, you will land on it "
            "after signing in."
        )
    label = "Sign in again" if again else "Sign in"
    if st.button(label, type="primary", icon=":material/login:", key="sign_in"):
        keep_link(this)
        st.login()


def _closed_page() -> None:
    st.title(APP_NAME, anchor=False)
    st.error(
        "**This app is not set up correctly, so it serves nobody for now.** Its operator "
        "has been told why in the server's log.",
        icon=":material/settings_alert:",
    )


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
    """Stop the run unless the setup is sound and sign-in is off, or the person is signed
    in, allowed and signed in recently enough.

    Returns how the signed-in person is named (None when sign-in is not configured)."""
    problem = setup_problem()
    if problem:
        _log_once(logging.ERROR, problem)
        _closed_page()
        st.stop()
    if not auth_configured():
        warn_if_shared_without_sign_in()
        return None
    claims = _claims()
    if not claims.get("is_logged_in"):
        _sign_in_page(this)
        st.stop()
    name, shown = person(claims), _shown_as(claims)
    reason = _refusal(claims)
    if reason == "expired":
        _note_once("sign_in_expired", name, claims)
        _sign_in_page(this, again=True)
        st.stop()
    if reason is not None:
        _note_once("sign_in_refused", name or shown, claims, reason=reason)
        _log_once(logging.WARNING, f"A signed-in person was refused: {reason}.")
        _not_allowed_page(shown)
        st.stop()
    _note_once("sign_in", name, claims)
    follow_kept_link(this)
    return shown


def recheck_sign_in() -> None:
    """Before a client is handed out (in every run, fragment runs included): a person who no
    longer passes the gate (removed from the allowlist, signed in too long ago, or the setup
    broke) gets a full run, whose gate then shows why."""
    if setup_problem():
        st.rerun(scope="app")
    if not auth_configured():
        return
    claims = _claims()
    if not claims.get("is_logged_in") or _refusal(claims) is not None:
        st.rerun(scope="app")


def signed_in_sidebar(email: str) -> None:
    """Who is signed in (their email, else the provider's subject), and the way out."""
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

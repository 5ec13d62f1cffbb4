"""What the operator configured: key, account, custom base URL and timeout, from secrets or
environment, read once per page run.

st.secrets wins over the environment, matching Streamlit's own convention; the names are
the official SDK's (SGP_API_KEY, SGP_ACCOUNT_ID, SGP_CLIENT_BASE_URL), and `base_url` is
also accepted in secrets. An invalid custom base URL is reported, not used.
SGP_TIMEOUT_S (seconds) shortens or lengthens the API read timeout; SGP_DEMO_ROLLOUT_S
(seconds) sets how long the demo's live model deploys; bad values are ignored.

The sidebar reads them once per run (one read of the secrets, which without a secrets
file means one failed search of its paths, not one per name) and passes the timeout on
in the `Connection`.
For a team: SGP_ALLOWED_EMAILS, SGP_ALLOWED_DOMAINS and SGP_ALLOWED_SUBJECTS
(comma-separated, or TOML lists in secrets), SGP_ALLOW_ANY_SIGNED_IN, SGP_SIGN_IN_MAX_AGE_H,
SGP_ALLOWED_ACCOUNTS (the accounts the operator's key may read) and SGP_REQUESTS_PER_MINUTE
(each person's budget on the operator's key).

Nothing here fails open: a secrets file that exists but does not parse, or a team setting
written inside `[auth]` (TOML puts every key after a `[section]` line into it), is a
`setup_problem`: the shell then serves nobody (see `components.shell.auth`), rather than
serving everybody with sign-in or the allowlist silently missing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sgp.api import DEFAULT_TIMEOUT, ConfigurationError, normalize_base_url
from sgp.demo import LIVE_READY_AFTER_S
from sgp.team import DEFAULT_PER_MINUTE, Allowlist

log = logging.getLogger("sgp_inspector")

MAX_DEMO_ROLLOUT_S = 3600.0
DEFAULT_SIGN_IN_MAX_AGE_H = 12.0
TEAM_SETTINGS = (
    "SGP_ALLOWED_EMAILS",
    "SGP_ALLOWED_DOMAINS",
    "SGP_ALLOWED_SUBJECTS",
    "SGP_ALLOW_ANY_SIGNED_IN",
    "SGP_SIGN_IN_MAX_AGE_H",
    "SGP_ALLOWED_ACCOUNTS",
    "SGP_REQUESTS_PER_MINUTE",
    "SGP_API_KEY",
    "SGP_ACCOUNT_ID",
    "SGP_CLIENT_BASE_URL",
)
UNREADABLE = (
    "The app's secrets file (.streamlit/secrets.toml) exists but cannot be read as TOML, so "
    "whether sign-in is configured is unknown: nobody is served until it is fixed."
)


@dataclass(frozen=True)
class OperatorSettings:
    api_key: str = field(default="", repr=False)
    account_id: str = ""
    custom_base_url: str | None = None
    problem: str | None = None  # a custom base URL that is set but invalid
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    accounts: tuple[str, ...] = ()  # SGP_ALLOWED_ACCOUNTS, in the operator's order

    @property
    def operator_accounts(self) -> tuple[str, ...]:
        """The accounts the operator's key may read: the list, else SGP_ACCOUNT_ID, else
        only the key's default account (an empty ID)."""
        if self.accounts:
            return self.accounts
        return (self.account_id,)


class _Unreadable(Exception):
    pass


def _read_secrets() -> Mapping[str, Any]:
    """The secrets, {} when there is no secrets file; raises _Unreadable for a file that
    exists but does not parse (never treated as "no file": that would turn sign-in off)."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError as exc:  # StreamlitSecretNotFoundError: missing or unreadable
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return {}
        raise _Unreadable from None


def _secrets() -> Mapping[str, Any]:
    try:
        return _read_secrets()
    except _Unreadable:  # setup_problem() stops every page before this matters
        return {}


def setup_problem() -> str | None:
    """Why the app must serve nobody, for the page and the log; None when the setup is sound."""
    try:
        secrets = _read_secrets()
    except _Unreadable:
        return UNREADABLE
    auth = secrets.get("auth")
    misplaced = sorted(set(auth) & set(TEAM_SETTINGS)) if isinstance(auth, Mapping) else []
    if misplaced:
        return (
            f"{', '.join(misplaced)} is written inside the [auth] section of "
            ".streamlit/secrets.toml, where it has no effect: move it above the [auth] line. "
            "Nobody is served until then."
        )
    return None


def _setting(secrets: Mapping[str, Any], *names: str) -> str:
    for name in names:
        value = secrets.get(name)
        secret = str(value).strip() if value not in (None, "") else ""
        if value := secret or os.environ.get(name, "").strip():
            return value
    return ""


def request_timeout(value: str) -> tuple[float, float]:
    """The client's (connect, read) timeout in seconds; SGP_TIMEOUT_S sets the read timeout."""
    connect, read = DEFAULT_TIMEOUT
    try:
        chosen = float(value or read)
    except ValueError:
        chosen = read
    if not 0 < chosen <= 300:
        chosen = read
    return min(connect, chosen), chosen


def operator_settings() -> OperatorSettings:
    secrets = _secrets()
    raw_url = _setting(secrets, "SGP_CLIENT_BASE_URL", "base_url")
    custom, problem = None, None
    if raw_url:
        try:
            custom = normalize_base_url(raw_url)
        except ConfigurationError as exc:
            problem = exc.user_message
    return OperatorSettings(
        api_key=_setting(secrets, "SGP_API_KEY"),
        account_id=_setting(secrets, "SGP_ACCOUNT_ID"),
        custom_base_url=custom,
        problem=problem,
        timeout=request_timeout(_setting(secrets, "SGP_TIMEOUT_S")),
        accounts=tuple(
            dict.fromkeys(
                item
                for item in (
                    str(part).strip() for part in _list_setting(secrets, "SGP_ALLOWED_ACCOUNTS")
                )
                if item
            )
        ),
    )


def _list_setting(secrets: Mapping[str, Any], name: str) -> list[Any]:
    """A comma-separated string or a TOML list, from secrets or the environment."""
    value = secrets.get(name)
    if value in (None, ""):
        value = os.environ.get(name, "")
    return value.split(",") if isinstance(value, str) else list(value)


def demo_rollout_s() -> float:
    """Seconds until the demo's live model turns ready; SGP_DEMO_ROLLOUT_S sets it.

    Read once per session, when the session's demo client is made."""
    try:
        chosen = float(_setting(_secrets(), "SGP_DEMO_ROLLOUT_S") or LIVE_READY_AFTER_S)
    except ValueError:
        return LIVE_READY_AFTER_S
    return chosen if 0 <= chosen <= MAX_DEMO_ROLLOUT_S else LIVE_READY_AFTER_S


def allowlist() -> Allowlist:
    """Who may sign in: SGP_ALLOWED_EMAILS, SGP_ALLOWED_DOMAINS, SGP_ALLOWED_SUBJECTS and
    SGP_ALLOW_ANY_SIGNED_IN, from secrets or env."""
    secrets = _secrets()
    emails, domains, subjects = (
        _list_setting(secrets, name)
        for name in ("SGP_ALLOWED_EMAILS", "SGP_ALLOWED_DOMAINS", "SGP_ALLOWED_SUBJECTS")
    )
    anyone = _setting(secrets, "SGP_ALLOW_ANY_SIGNED_IN").lower() in {"true", "1", "yes"}
    return Allowlist.parse(emails, domains, subjects, anyone)


def sign_in_max_age_s() -> float:
    """How old a sign-in may be before the person must sign in again (SGP_SIGN_IN_MAX_AGE_H,
    hours, default 12); a bad value means the default, never "for ever"."""
    try:
        hours = float(_setting(_secrets(), "SGP_SIGN_IN_MAX_AGE_H") or DEFAULT_SIGN_IN_MAX_AGE_H)
    except ValueError:
        hours = DEFAULT_SIGN_IN_MAX_AGE_H
    if not 0 < hours <= 24 * 30:
        hours = DEFAULT_SIGN_IN_MAX_AGE_H
    return hours * 3600


def history_setting() -> str:
    """SGP_HISTORY_URL as the operator set it (secrets, then environment); "" for the default.

    A secret like the key (it may hold a password): never shown or logged."""
    return _setting(_secrets(), "SGP_HISTORY_URL")


def requests_per_minute() -> int:
    """Each person's budget of API requests a minute on the operator's key (default 120)."""
    try:
        chosen = int(_setting(_secrets(), "SGP_REQUESTS_PER_MINUTE") or DEFAULT_PER_MINUTE)
    except ValueError:
        chosen = DEFAULT_PER_MINUTE
    return chosen if chosen > 0 else DEFAULT_PER_MINUTE

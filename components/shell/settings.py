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
For a team: SGP_ALLOWED_EMAILS and SGP_ALLOWED_DOMAINS (comma-separated, or TOML lists in
secrets) and SGP_REQUESTS_PER_MINUTE (each person's budget on the operator's key).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sgp.api import DEFAULT_TIMEOUT, ConfigurationError, normalize_base_url
from sgp.demo import LIVE_READY_AFTER_S
from sgp.team import DEFAULT_PER_MINUTE, Allowlist

MAX_DEMO_ROLLOUT_S = 3600.0


@dataclass(frozen=True)
class OperatorSettings:
    api_key: str = field(default="", repr=False)
    account_id: str = ""
    custom_base_url: str | None = None
    problem: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml, or one that does not parse: fall back to the env
        return {}


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
    )


def demo_rollout_s() -> float:
    """Seconds until the demo's live model turns ready; SGP_DEMO_ROLLOUT_S sets it.

    Read once per session, when the session's demo client is made."""
    try:
        chosen = float(_setting(_secrets(), "SGP_DEMO_ROLLOUT_S") or LIVE_READY_AFTER_S)
    except ValueError:
        return LIVE_READY_AFTER_S
    return chosen if 0 <= chosen <= MAX_DEMO_ROLLOUT_S else LIVE_READY_AFTER_S


def allowlist() -> Allowlist:
    """Who may sign in: SGP_ALLOWED_EMAILS and SGP_ALLOWED_DOMAINS, from secrets or env."""
    secrets = _secrets()
    values = []
    for name in ("SGP_ALLOWED_EMAILS", "SGP_ALLOWED_DOMAINS"):
        value = secrets.get(name)
        values.append(value if value not in (None, "") else os.environ.get(name, ""))
    return Allowlist.parse(*values)


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

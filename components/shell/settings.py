"""What the operator configured: key, account and custom base URL from secrets or environment.

st.secrets wins over the environment, matching Streamlit's own convention; the names are
the official SDK's (SGP_API_KEY, SGP_ACCOUNT_ID, SGP_CLIENT_BASE_URL), and `base_url` is
also accepted in secrets. An invalid custom base URL is reported, not used.
SGP_TIMEOUT_S (seconds) shortens or lengthens the API read timeout; SGP_DEMO_ROLLOUT_S
(seconds) sets how long the demo's live model deploys; bad values are ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import streamlit as st

from sgp.api import DEFAULT_TIMEOUT, ConfigurationError, normalize_base_url
from sgp.demo import LIVE_READY_AFTER_S

MAX_DEMO_ROLLOUT_S = 3600.0


@dataclass(frozen=True)
class OperatorSettings:
    api_key: str = field(default="", repr=False)
    account_id: str = ""
    custom_base_url: str | None = None
    problem: str | None = None


def _secret(name: str) -> str:
    try:
        value = st.secrets.get(name)
    except Exception:  # no secrets.toml, or one that does not parse: fall back to the env
        value = None
    return str(value).strip() if value not in (None, "") else ""


def _setting(*names: str) -> str:
    for name in names:
        if value := _secret(name) or os.environ.get(name, "").strip():
            return value
    return ""


def operator_settings() -> OperatorSettings:
    raw_url = _setting("SGP_CLIENT_BASE_URL", "base_url")
    custom, problem = None, None
    if raw_url:
        try:
            custom = normalize_base_url(raw_url)
        except ConfigurationError as exc:
            problem = exc.user_message
    return OperatorSettings(
        api_key=_setting("SGP_API_KEY"),
        account_id=_setting("SGP_ACCOUNT_ID"),
        custom_base_url=custom,
        problem=problem,
    )


def request_timeout() -> tuple[float, float]:
    """The client's (connect, read) timeout in seconds; SGP_TIMEOUT_S sets the read timeout."""
    connect, read = DEFAULT_TIMEOUT
    try:
        chosen = float(_setting("SGP_TIMEOUT_S") or read)
    except ValueError:
        chosen = read
    if not 0 < chosen <= 300:
        chosen = read
    return min(connect, chosen), chosen


def demo_rollout_s() -> float:
    """Seconds until the demo's live model turns ready; SGP_DEMO_ROLLOUT_S sets it."""
    try:
        chosen = float(_setting("SGP_DEMO_ROLLOUT_S") or LIVE_READY_AFTER_S)
    except ValueError:
        return LIVE_READY_AFTER_S
    return chosen if 0 <= chosen <= MAX_DEMO_ROLLOUT_S else LIVE_READY_AFTER_S

"""The recorder's settings, read exactly as the app reads the operator's (no Streamlit).

SGP_API_KEY, SGP_ACCOUNT_ID, SGP_CLIENT_BASE_URL (or `base_url`), SGP_TIMEOUT_S,
SGP_HISTORY_URL, SGP_HISTORY_DAYS (default 400) and SGP_FOLLOW (comma-separated model
IDs), each from `.streamlit/secrets.toml` first, then the environment. Like the app, the
recorder refuses to use the operator's key anywhere when the secrets file exists but does
not parse, or when a custom base URL is set but invalid: `problem` then says why, in
words that never hold the key or a password.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sgp.api import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, ConfigurationError, normalize_base_url
from sgp.history.settings import history_url
from sgp.settings_file import UnreadableSecrets, read_secrets, secrets_files, setting

DEFAULT_DAYS = 400
MAX_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class RecorderSettings:
    api_key: str = field(default="", repr=False)
    account_id: str = ""
    base_url: str = DEFAULT_BASE_URL
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    history_url: str | None = field(default=None, repr=False)  # None: history is off
    days: int = DEFAULT_DAYS
    follow: tuple[str, ...] = ()
    problem: str | None = None  # why the key must not be used; None when all is sound


def request_timeout(value: str) -> tuple[float, float]:
    """(connect, read) seconds; SGP_TIMEOUT_S sets the read timeout (as in the app)."""
    connect, read = DEFAULT_TIMEOUT
    try:
        chosen = float(value or read)
    except ValueError:
        chosen = read
    if not 0 < chosen <= MAX_TIMEOUT_S:
        chosen = read
    return min(connect, chosen), chosen


def history_days(value: str) -> int:
    try:
        days = int(value or DEFAULT_DAYS)
    except ValueError:
        return DEFAULT_DAYS
    return days if days > 0 else DEFAULT_DAYS


def follow_list(value: str) -> tuple[str, ...]:
    """SGP_FOLLOW's IDs in order, each once, blanks dropped."""
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def operator_values(
    environ: Mapping[str, str] | None = None, app_dir: Path | None = None
) -> dict[str, object]:
    """Every operator value, secrets.toml winning over the environment (for settings read
    elsewhere, such as the notifications'). Call after `load` found the file readable."""
    env = os.environ if environ is None else environ
    return {**env, **read_secrets(secrets_files(app_dir or Path.cwd()))}


def load(
    environ: Mapping[str, str] | None = None,
    files: Sequence[Path] | None = None,
    app_dir: Path | None = None,
) -> RecorderSettings:
    """The settings from the secrets files (Streamlit's two places) and the environment."""
    env = os.environ if environ is None else environ
    app_dir = app_dir or Path.cwd()
    try:
        secrets = read_secrets(files if files is not None else secrets_files(app_dir))
    except UnreadableSecrets as exc:
        return RecorderSettings(
            problem=f"{exc} The operator's key is used nowhere until it is fixed."
        )
    follow = secrets.get("SGP_FOLLOW")
    if isinstance(follow, list):  # a TOML list is accepted too
        follow = ",".join(str(item) for item in follow)
    settings = RecorderSettings(
        api_key=setting(secrets, env, "SGP_API_KEY"),
        account_id=setting(secrets, env, "SGP_ACCOUNT_ID"),
        timeout=request_timeout(setting(secrets, env, "SGP_TIMEOUT_S")),
        history_url=history_url(setting(secrets, env, "SGP_HISTORY_URL"), app_dir),
        days=history_days(setting(secrets, env, "SGP_HISTORY_DAYS")),
        follow=follow_list(str(follow or "") or env.get("SGP_FOLLOW", "")),
    )
    raw_url = setting(secrets, env, "SGP_CLIENT_BASE_URL", "base_url")
    if raw_url:
        try:
            settings = replace(settings, base_url=normalize_base_url(raw_url))
        except ConfigurationError as exc:
            problem = f"SGP_CLIENT_BASE_URL is not valid: {exc.message}"
            return RecorderSettings(problem=problem + " The operator's key is used nowhere.")
    if not settings.api_key:
        return replace(settings, problem="No API key: set SGP_API_KEY (environment or secrets).")
    return settings

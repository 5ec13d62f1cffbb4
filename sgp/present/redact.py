"""Hiding the values of secret-looking environment variables before anything shows them.

A Launch model's `env_vars` often hold credentials (a token for a model hub, a database
password). Everyone allowed into a shared deployment sees every model the operator's key
can read, so the names stay (they explain the configuration) but a value whose name looks
secret becomes REDACTED, in the page and in every download and report alike: all of them
are drawn from the one redacted answer.
"""

from __future__ import annotations

from typing import Any

REDACTED = "•••"
SECRET_WORDS = (
    "KEY",
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "PWD",
    "PASS",
    "CREDENTIAL",
    "AUTH",
    "PRIVATE",
    "CERT",
    "SIGNATURE",
    "SESSION",
    "COOKIE",
    "DSN",
    "WEBHOOK",
)
ENV_KEYS = {"env_vars", "env", "environment", "environment_variables"}


def looks_secret(name: str) -> bool:
    """True when an environment variable's name suggests its value is a secret (any case,
    anywhere in the name: `HF_TOKEN`, `db_password`, `OPENAI_API_KEY`)."""
    upper = str(name).upper()
    return any(word in upper for word in SECRET_WORDS)


def _hide(env: dict[str, Any]) -> dict[str, Any]:
    return {
        name: REDACTED if looks_secret(name) and value not in (None, "") else value
        for name, value in env.items()
    }


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _hide(item) if key in ENV_KEYS and isinstance(item, dict) else _walk(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_walk(item) for item in value]
    return value


def redact_secrets(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The API's answer with secret-looking environment values hidden, or None when it holds
    none (the answer can then be used as it is)."""
    hidden = _walk(raw)
    return None if hidden == raw else hidden

"""The environments a visitor may choose from, and the Connection value that pages receive.

A visitor picks a known environment by name; a free-text base URL exists only when the
operator configures one ("custom"). The Connection carries the key, but never shows it:
its repr hides it and `key_fingerprint` (SHA-256) is what caches and logs may use.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sgp.api.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT

DEMO = "demo"
CUSTOM = "custom"


@dataclass(frozen=True)
class Environment:
    """A named base URL; `label` is what the visitor sees and what a shared link carries."""

    name: str
    label: str
    base_url: str


KNOWN_ENVIRONMENTS: dict[str, Environment] = {
    env.name: env
    for env in (
        Environment(DEMO, "Demo", "https://demo.sgp.invalid"),
        Environment("production", "Production", DEFAULT_BASE_URL),
        Environment(
            "production-multitenant", "Production multitenant", "https://api.sgp.scale.com"
        ),
        Environment("staging", "Staging", "https://api.staging-sgp.scale.com"),
        Environment("development", "Development", "https://api.dev-sgp.scale.com"),
    )
}


def environments(custom_base_url: str | None) -> dict[str, Environment]:
    """The choices for this deployment: the known ones, plus Custom when the operator set one."""
    choices = dict(KNOWN_ENVIRONMENTS)
    if custom_base_url:
        choices = {CUSTOM: Environment(CUSTOM, "Custom", custom_base_url)}
        choices.update(KNOWN_ENVIRONMENTS)
    return choices


def fingerprint(secret: str) -> str:
    """A SHA-256 fingerprint of a key: safe in cache keys, never reversible to the key."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Connection:
    """Everything a page needs to talk to the API, chosen in the sidebar."""

    environment: Environment
    api_key: str = field(repr=False, default="")
    account_id: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT  # (connect, read) seconds

    @property
    def is_demo(self) -> bool:
        return self.environment.name == DEMO

    @property
    def base_url(self) -> str:
        return self.environment.base_url

    @property
    def key_fingerprint(self) -> str:
        return fingerprint(self.api_key)

    @property
    def ready(self) -> bool:
        return self.is_demo or bool(self.api_key)

"""The notifier's settings, read from what the operator configured (environment or secrets).

`notify_settings(values)` takes the operator's settings as a mapping (the recorder builds it
from the environment, then `.streamlit/secrets.toml`, as the app reads them) and returns
`NotifySettings`, or None when no channel is configured. A setting that cannot be used
raises `NotifySettingsError`, whose message names the setting and never a channel URL:
channel URLs hold secrets (webhook tokens, passwords).
"""

from __future__ import annotations

import re
import tomllib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

URLS = "SGP_NOTIFY_URLS"
AFTER = "SGP_NOTIFY_AFTER"
TZ = "SGP_NOTIFY_TZ"
PUBLIC_URL = "SGP_PUBLIC_URL"
RETRY_H = "SGP_NOTIFY_RETRY_H"
ROLLOUTS = "SGP_NOTIFY_ROLLOUTS"
NAMES = (URLS, AFTER, TZ, PUBLIC_URL, RETRY_H, ROLLOUTS)

# A comma starts a new URL only when a scheme follows: `mailto://...?to=a@x,b@y` stays one.
_NEXT_URL = re.compile(r",\s*(?=[A-Za-z][A-Za-z0-9+.-]*://)")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class NotifySettingsError(ValueError):
    """A notification setting that cannot be used; the message is safe to log and show."""


@dataclass(frozen=True)
class NotifySettings:
    urls: tuple[str, ...] = field(repr=False)  # secrets: never in a repr, log or page
    after: int = 2
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    public_url: str | None = None
    retry_h: float = 24.0
    rollouts: bool = False

    def link(self, model_id: str) -> str | None:
        """The model's page at SGP_PUBLIC_URL, its ID percent-encoded; None when unset."""
        if not self.public_url:
            return None
        return f"{self.public_url.rstrip('/')}/?model_id={urllib.parse.quote(model_id, safe='')}"


def notify_settings(values: Mapping[str, Any]) -> NotifySettings | None:
    """The settings from the operator's values; None when SGP_NOTIFY_URLS names no channel."""
    urls = parse_urls(values.get(URLS))
    if not urls:
        return None
    return NotifySettings(
        urls=urls,
        after=_integer(values.get(AFTER), AFTER, default=2),
        tz=_zone(values.get(TZ)),
        public_url=_public_url(values.get(PUBLIC_URL)),
        retry_h=_hours(values.get(RETRY_H)),
        rollouts=_flag(values.get(ROLLOUTS), ROLLOUTS),
    )


def parse_urls(value: Any) -> tuple[str, ...]:
    """Channel URLs from a TOML list (secrets.toml), a list's text, or comma-separated text."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        items = [str(item) for item in value]
    else:
        text = str(value).strip()
        if text.startswith("["):
            try:
                parsed = tomllib.loads(f"urls = {text}")["urls"]
            except tomllib.TOMLDecodeError:
                # The decoder's message quotes the text (the secrets): name the setting only.
                raise NotifySettingsError(
                    f"{URLS} starts with '[' but is not a TOML list of quoted URLs."
                ) from None
            items = [str(item) for item in parsed]
        else:
            items = _NEXT_URL.split(text)
    return tuple(item.strip() for item in items if item.strip())


def _integer(value: Any, name: str, default: int) -> int:
    if value is None or str(value).strip() == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise NotifySettingsError(f"{name} must be a whole number (1 or more).") from None
    if number < 1:
        raise NotifySettingsError(f"{name} must be a whole number (1 or more).")
    return number


def _hours(value: Any) -> float:
    if value is None or str(value).strip() == "":
        return 24.0
    try:
        hours = float(str(value).strip())
    except ValueError:
        hours = -1.0
    if not 0 < hours <= 24 * 30:
        raise NotifySettingsError(f"{RETRY_H} must be a number of hours above 0 (at most 720).")
    return hours


def _zone(value: Any) -> ZoneInfo:
    name = str(value or "").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise NotifySettingsError(
            f"{TZ} must name a time zone such as Europe/Berlin or UTC."
        ) from None


def _public_url(value: Any) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    parts = urllib.parse.urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.username
        or parts.password
    ):
        raise NotifySettingsError(
            f"{PUBLIC_URL} must be the app's address, like https://inspector.example.com"
        )
    return text


def _flag(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise NotifySettingsError(f"{name} must be true or false.")

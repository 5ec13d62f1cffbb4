"""The channels messages go to: Apprise URLs, each sent to on its own, with a time limit.

A channel is named by what may be shown and stored: its kind (Apprise's service name, such
as "Slack" or "JSON webhook") and a fingerprint of its URL (SHA-256, to tell two channels
of one kind apart and to find its outbox rows again after a restart). The URL itself holds
secrets and is never logged, shown, stored or put in an error.

`Channel.send` makes one attempt, bounded by `timeout_s` (Apprise's call deadline, and the
same socket timeouts underneath, so a hanging receiver cannot stall the recorder), and says
in plain words why it failed. Apprise 2.3.0 reports an HTTP error's status code in its log
line but not the Retry-After header, so a 429 is retried on the outbox's own back-off.

Apprise's own log lines can quote a URL's secrets (measured with 2.3.0: an invalid Slack
token is logged as it is), so the `apprise` logger does not pass its lines on to the
process's logs; each call's result still carries them, and only their gist is kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import apprise
from apprise import AppriseResultStatus, NotifyFormat

log = logging.getLogger(__name__)
SEND_TIMEOUT_S = 10.0
KIND_NAMES = {"JSON": "JSON webhook", "Form": "Form webhook", "XML": "XML webhook"}
_HTTP_STATUS = re.compile(r"\berror=(\d{3})\b")
logging.getLogger("apprise").propagate = False


class ChannelError(ValueError):
    """A channel URL Apprise cannot use; the message names its position, never the URL."""


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    error: str | None = None  # plain words, safe to store and show


@dataclass(frozen=True)
class Channel:
    kind: str
    fingerprint: str
    timeout_s: float
    _plugin: apprise.NotifyBase = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        """What the page may show: the kind and the fingerprint's first characters."""
        return f"{self.kind} {self.fingerprint[:6]}"

    def send(self, title: str, body: str) -> Outcome:
        sender = apprise.Apprise()
        sender.add(self._plugin)
        try:
            result = sender.notify(
                body=body,
                title=title,
                body_format=NotifyFormat.TEXT,
                timeout=self.timeout_s,
            )
        except Exception as exc:  # a plugin's own failure: its message may quote the URL
            log.warning("Sending to a %s channel failed (%s)", self.kind, type(exc).__name__)
            return Outcome(False, "Sending failed inside the notification library.")
        if result.status == AppriseResultStatus.SUCCESS:
            return Outcome(True)
        return Outcome(False, _failure_words(result, self.timeout_s))


def fingerprint(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def channels(urls: Iterable[str], timeout_s: float = SEND_TIMEOUT_S) -> list[Channel]:
    """A channel per URL, in order; a URL Apprise cannot use raises `ChannelError`."""
    out: list[Channel] = []
    for position, url in enumerate(urls, start=1):
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            scheme = url.split("://", 1)[0] if "://" in url else "(none)"
            scheme = scheme if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]{0,20}", scheme) else "?"
            raise ChannelError(
                f"SGP_NOTIFY_URLS: channel {position} (scheme {scheme!r}) is not a URL "
                "Apprise can send to; see Apprise's list of services."
            )
        # The call's deadline ends the attempt (reported as a timeout); the socket gives
        # up a second later, so an abandoned thread does not wait on a receiver for long.
        plugin.socket_connect_timeout = min(plugin.socket_connect_timeout, timeout_s)
        plugin.socket_read_timeout = timeout_s + 1
        kind = KIND_NAMES.get(str(plugin.service_name), str(plugin.service_name))
        out.append(Channel(kind, fingerprint(url), timeout_s, plugin))
    return out


def _failure_words(result: apprise.AppriseResult, timeout_s: float) -> str:
    if result.status == AppriseResultStatus.TIMEOUT:
        return f"The channel did not answer within {timeout_s:g} s."
    texts = [str(getattr(entry, "message", entry)) for entry in result.logs()]
    for text in texts:
        found = _HTTP_STATUS.search(text)
        if found:
            code = int(found.group(1))
            if code == 429:
                return "The channel answered 429: too many messages, slow down."
            return f"The channel refused the message (HTTP {code})."
    if any("connection" in text.lower() for text in texts):
        return "Could not connect to the channel."
    return "The channel did not accept the message."

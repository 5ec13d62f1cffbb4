"""The recorder's notification hook: the notifier, built once the history database answers.

The recorder opens its database lazily (it may be down at start), and the notifier needs
the store, so the hook builds it at the first round whose observations were stored and
hands every round to it from then on. With no SGP_NOTIFY_URLS there is no hook at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sgp.api import KNOWN_ENVIRONMENTS
from sgp.history.notify.channels import channels
from sgp.history.notify.notifier import Notifier, ObservedRound
from sgp.history.notify.settings import NotifySettings, notify_settings
from sgp.history.store import Store


def environment_label(base_url: str) -> str:
    """The name people know the API by ("Production"), else "Custom" for the operator's URL."""
    for environment in KNOWN_ENVIRONMENTS.values():
        if environment.base_url.rstrip("/") == base_url.rstrip("/"):
            return environment.label
    return "Custom"


class NotifyHook:
    """`Recorder(after_round=NotifyHook(...))`: notifies after each stored round."""

    def __init__(
        self, store: Callable[[], Store | None], settings: NotifySettings, environment: str
    ) -> None:
        self._store = store
        self._settings = settings
        self._environment = environment
        self.notifier: Notifier | None = None

    def __call__(self, round_: ObservedRound) -> None:
        if self.notifier is None:
            store = self._store()
            if store is None:  # the database has not answered yet: nothing to decide from
                return
            self.notifier = Notifier(store, self._settings, self._environment)
        self.notifier(round_)


def notify_hook(
    values: Mapping[str, Any], store: Callable[[], Store | None], base_url: str
) -> NotifyHook | None:
    """The hook for these settings; None without channels. Raises `NotifySettingsError` or
    `ChannelError` (plain words, no URL) for a setting that cannot be used."""
    settings = notify_settings(values)
    if settings is None:
        return None
    channels(settings.urls)  # parsed now: a URL Apprise cannot use stops the recorder at start
    return NotifyHook(store, settings, environment_label(base_url))

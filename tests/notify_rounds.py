"""The recorder's rounds as the notification tests play them: a clock the test moves, a
notifier on local receivers, and rounds of observations followed by `after_round`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sgp.history.notify import Notifier, notifier_from_settings
from sgp.history.store import Store

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
READY = ("ready", "available", None)
CRASHING = ("failed", None, "Back-off restarting failed container support-bot in pod sb-1")
MODEL = "mdl/support bot"  # a slash and a space: the link must percent-encode them


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def make_notifier(
    store: Store, clock: Clock, *urls: str, timeout_s: float = 10, **values: Any
) -> Notifier:
    settings = {
        "SGP_NOTIFY_URLS": list(urls),
        "SGP_NOTIFY_TZ": "Europe/Berlin",
        "SGP_PUBLIC_URL": "https://inspector.example.com",
        **values,
    }
    made = notifier_from_settings(
        store, settings, "Production", send_timeout_s=timeout_s, clock=clock
    )
    assert made is not None
    return made


def observe(
    store: Store, clock: Clock, seen: dict[str, tuple[str, str | None, str | None]]
) -> None:
    for model_id, (status, availability, reason) in seen.items():
        config = {"name": f"{model_id.split('/')[-1]}", "model_type": "chat_completion"}
        store.observe(model_id, clock(), status, availability, reason, config)


def play(store: Store, clock: Clock, notifier: Notifier, *rounds: dict[str, Any]) -> None:
    """Each round: the recorder observes, then calls the notifier; a minute passes."""
    for seen in rounds:
        observe(store, clock, seen)
        notifier.after_round(seen)
        clock.advance(minutes=1)

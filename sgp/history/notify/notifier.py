"""The notifier: after each recorder round, decide what changed, write it down, send it.

The recorder calls `Notifier.after_round(model_ids)` with the followed models it observed
(after their observations are stored). The notifier reads their periods and what was
already announced from the database, writes the round's new announcements to the outbox
(one message for all the models that changed in the round), then sends every message that
is due on every channel: new ones and retries, its own or those a stopped recorder left.
Sending is bounded per call (`MAX_MESSAGES` per channel, each attempt `timeout_s`), so a
channel that is slow or down never holds the recorder for long; what is left is sent at
the next round.

`notifier_from_settings(store, values, environment)` builds one from the operator's
settings, or returns None when no channel is configured.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from sgp.history.notify import outbox, words
from sgp.history.notify.channels import SEND_TIMEOUT_S, Channel, channels
from sgp.history.notify.decide import FAILING, Decision, decide
from sgp.history.notify.settings import NotifySettings, notify_settings
from sgp.history.store import Store

log = logging.getLogger(__name__)
# How far back a model's periods are read to find the run before the current one.
LOOKBACK = dt.timedelta(days=30)
MAX_MESSAGES = 20


class _Seen(Protocol):
    @property
    def model_id(self) -> str: ...


class ObservedRound(Protocol):
    """What the recorder's after-round hook is given (its `Round`), as far as read here."""

    @property
    def observations(self) -> Sequence[_Seen]: ...

    @property
    def stored(self) -> bool: ...


@dataclass(frozen=True)
class RoundReport:
    decided: int  # announcements this round found (new or already written by another)
    written: int  # delivery rows this notifier added
    sent: int  # messages a channel accepted
    failed: int  # attempts a channel did not accept (to be retried or given up)
    database_failed: bool = False  # the database failed: nothing decided or sent this round


class Notifier:
    """Decides, writes and sends notifications for one environment; one per recorder."""

    def __init__(
        self,
        store: Store,
        settings: NotifySettings,
        environment: str,
        *,
        send_timeout_s: float = SEND_TIMEOUT_S,
        sender_id: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.environment = environment
        self.channels: list[Channel] = channels(settings.urls, send_timeout_s)
        self.sender_id = sender_id or uuid.uuid4().hex
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._lease = dt.timedelta(seconds=send_timeout_s + 30)
        self._retry_for = dt.timedelta(hours=settings.retry_h)

    def __repr__(self) -> str:
        kinds = ", ".join(channel.label for channel in self.channels)
        return f"Notifier({self.environment!r}, channels: {kinds})"

    def __call__(self, round_: ObservedRound) -> None:
        """The recorder's after-round hook: `Recorder(after_round=notifier)`.

        A round whose observations wait in the recorder's buffer (the database is down)
        decides nothing: the next stored round decides from the whole history.
        """
        observed = [seen.model_id for seen in round_.observations] if round_.stored else []
        self.after_round(observed)

    def after_round(self, model_ids: Iterable[str]) -> RoundReport:
        """Decide and write down this round's changes, then send what is due.

        Never raises for a database that fails: the round's decisions are made again from
        the history next round (deciding is idempotent), and the outbox keeps the rest.
        """
        try:
            decided, written = self.decide(model_ids)
            sent, failed = self.deliver()
        except SQLAlchemyError as exc:
            # The class only: a driver's message may quote the host, the user or a query.
            log.warning("Notifications skipped this round: database error (%s)", type(exc).__name__)
            return RoundReport(0, 0, 0, 0, database_failed=True)
        return RoundReport(len(decided), written, sent, failed)

    def decide(self, model_ids: Iterable[str]) -> tuple[list[Decision], int]:
        """The round's changes to announce, written to the outbox (nothing is sent here)."""
        now = self._clock()
        wanted = list(dict.fromkeys(model_ids))
        last = outbox.last_announcements_of(self.store.engine, wanted)
        # One read for all the models: from LOOKBACK ago, or an outstanding failure's start.
        since = min(
            [now - LOOKBACK] + [a.changed_at for a in last.values() if a.transition == FAILING]
        )
        periods = self.store.states_many(wanted, since=since)
        decisions: list[Decision] = []
        for model_id in wanted:
            found = decide(
                model_id,
                periods.get(model_id, []),
                last.get(model_id),
                self.settings.after,
                self.settings.rollouts,
            )
            if found is not None:
                decisions.append(found)
        if not decisions:
            return [], 0
        # One order for every writer (no lock-order deadlock between two recorders on
        # PostgreSQL), and the order a burst's message lists the models in.
        decisions.sort(key=lambda found: found.model_id)
        configs = self.store.configs(d.state.config_id for d in decisions if d.state.config_id)
        written = [self._written(d, configs.get(d.state.config_id or -1)) for d in decisions]
        targets = [(channel.fingerprint, channel.kind) for channel in self.channels]
        new = outbox.write(self.store.engine, written, targets, uuid.uuid4().hex, now)
        return decisions, new

    def deliver(self) -> tuple[int, int]:
        """Send every due message, channel by channel, oldest first; (sent, failed)."""
        outbox.forget_channels(self.store.engine, [c.fingerprint for c in self.channels])
        sent = failed = 0
        for channel in self.channels:
            for _ in range(MAX_MESSAGES):
                now = self._clock()
                claimed = outbox.claim(
                    self.store.engine, channel.fingerprint, self.sender_id, now, self._lease
                )
                if claimed is None:
                    break
                title, body = words.message(claimed.parts)
                outcome = channel.send(title, body)
                outbox.finish(
                    self.store.engine,
                    claimed,
                    self.sender_id,
                    self._clock(),
                    outcome.error,
                    self._retry_for,
                )
                if outcome.accepted:
                    sent += 1
                    continue
                failed += 1
                log.warning("A %s channel did not take a message: %s", channel.kind, outcome.error)
                break  # the channel's messages stay in order: the rest wait for this one
        return sent, failed

    def _written(
        self, decision: Decision, configuration: Mapping[str, Any] | None
    ) -> outbox.Written:
        link = self.settings.link(decision.model_id)
        return outbox.Written(
            model_id=decision.model_id,
            transition=decision.transition,
            changed_at=decision.changed_at,
            summary=words.summary(decision, configuration),
            body=words.section(decision, configuration, self.environment, self.settings.tz, link),
        )


def notifier_from_settings(
    store: Store, values: Mapping[str, Any], environment: str, **options: Any
) -> Notifier | None:
    """A notifier from the operator's settings; None when SGP_NOTIFY_URLS is not set.

    Raises `NotifySettingsError` or `ChannelError` (plain messages, no URL) for a setting
    that cannot be used.
    """
    settings = notify_settings(values)
    if settings is None:
        return None
    return Notifier(store, settings, environment, **options)

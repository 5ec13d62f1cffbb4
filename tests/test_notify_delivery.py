"""Notifications against real local receivers, on SQLite and PostgreSQL: each change that
held is announced once, in plain words, retried on back-off when a channel fails, sent by
a new notifier when the old one stopped before sending, and once by two notifiers at once.
(A notifier process killed mid-way: test_notify_restart.py.)

Time is the test's clock: what is asserted is what receivers got and the retry schedule
the outbox recorded, never how long anything took.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from sgp.history.notify import Notifier, RoundReport, last_announcements, outbox
from sgp.history.store import Store, open_store
from tests.notify_receiver import Receiver
from tests.notify_rounds import CRASHING, MODEL, READY, T0, Clock, make_notifier, observe, play


@pytest.fixture
def store(history_db_url: str) -> Iterator[Store]:
    opened = open_store(history_db_url)
    yield opened
    opened.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def test_a_failure_that_holds_is_announced_once_and_its_recovery_once_even_after_a_restart(
    store: Store, receiver: Receiver, history_db_url: str, api_key: str
) -> None:
    clock = Clock()
    url = receiver.url("hook-SECRET-TOKEN")
    first = make_notifier(store, clock, url)
    play(store, clock, first, *[{MODEL: READY}] * 3, {MODEL: CRASHING})
    assert receiver.messages() == []  # one failing observation: not yet
    play(store, clock, first, *[{MODEL: CRASHING}] * 3, {MODEL: READY})
    assert receiver.titles() == ["Model failing"]
    play(store, clock, first, *[{MODEL: READY}] * 3)
    # A restart: a new store and notifier on the same database announce nothing again.
    again = open_store(history_db_url)
    play(again, clock, make_notifier(again, clock, url), *[{MODEL: READY}] * 3)
    again.close()

    assert receiver.titles() == ["Model failing", "Model working again"]
    failing, recovered = receiver.messages()
    for words in [
        "support bot is failing (Production)",
        "Status: Failed: the deployment did not succeed",
        "Why: The model server starts and crashes again and again.",
        "The platform's reason, as sent: Back-off restarting failed container support-bot",
        "Since: 1 Dec 2026 10:03 CET (Europe/Berlin)",
        "Open: https://inspector.example.com/?model_id=mdl%2Fsupport%20bot",
    ]:
        assert words in failing
    assert "Down for: 4 min, since 1 Dec 2026 10:03 CET" in recovered
    assert "Working again since: 1 Dec 2026 10:07 CET" in recovered
    for text in (failing, recovered):
        assert api_key not in text and "SECRET" not in text and "json://" not in text
    shown = last_announcements(store, MODEL)
    assert [a.transition for a in shown] == ["recovered", "failing"]
    assert all(a.delivered and a.deliveries[0].attempts == 1 for a in shown)
    assert shown[0].deliveries[0].channel_kind == "JSON webhook"
    assert "SECRET" not in repr(shown) and "SECRET" not in repr(first)


def test_a_receiver_that_fails_then_answers_429_then_hangs_gets_the_message_once(
    store: Store,
) -> None:
    clock = Clock()
    with Receiver(["500", "429", "hang"]) as flaky:
        # A busy machine may take a second to answer: the hang is told apart at 2 s.
        notifier = make_notifier(store, clock, flaky.url(), timeout_s=2)
        play(store, clock, notifier, {MODEL: READY}, {MODEL: CRASHING}, {MODEL: CRASHING})
        schedule: list[tuple[dt.timedelta, str | None]] = []
        for _ in range(3):
            [delivery] = last_announcements(store, MODEL)[0].deliveries
            assert delivery.next_attempt_at and delivery.last_attempt_at
            schedule.append(
                (delivery.next_attempt_at - delivery.last_attempt_at, delivery.last_error)
            )
            clock.now = delivery.next_attempt_at - dt.timedelta(seconds=1)
            assert notifier.deliver() == (0, 0)  # not due yet: nothing is sent
            clock.now = delivery.next_attempt_at
            notifier.deliver()
        assert flaky.attempts == ["500", "429", "hang", "ok"]
        assert len(flaky.messages()) == 1
    assert [wait for wait, _ in schedule] == [
        dt.timedelta(seconds=30),
        dt.timedelta(minutes=2),
        dt.timedelta(minutes=8),
    ]
    assert [error for _, error in schedule] == [
        "The channel refused the message (HTTP 500).",
        "The channel answered 429: too many messages, slow down.",
        "The channel did not answer within 2 s.",
    ]
    [delivery] = last_announcements(store, MODEL)[0].deliveries
    assert delivery.delivered and delivery.attempts == 4 and delivery.last_error is None


def test_a_channel_that_never_accepts_is_given_up_after_the_retry_hours_and_the_next_goes(
    store: Store,
) -> None:
    clock = Clock()
    with Receiver(["503"] * 3) as down:
        notifier = make_notifier(store, clock, down.url(), SGP_NOTIFY_RETRY_H="0.05")  # 3 min
        play(store, clock, notifier, {"a": READY}, {"a": CRASHING}, {"a": CRASHING})
        for _ in range(3):
            clock.now = last_announcements(store, "a")[0].deliveries[0].next_attempt_at or T0
            notifier.deliver()
        [delivery] = last_announcements(store, "a")[0].deliveries
        assert delivery.given_up and not delivery.delivered and delivery.attempts == 3
        assert delivery.last_error == "The channel refused the message (HTTP 503)."
        play(store, clock, notifier, {"b": READY}, {"b": CRASHING}, {"b": CRASHING})
        assert down.attempts == ["503"] * 3 + ["ok"]
        assert "b is failing" in down.messages()[0]


def test_a_message_written_but_never_sent_is_sent_once_by_the_next_notifier(
    store: Store, receiver: Receiver
) -> None:
    clock = Clock()
    stopped = make_notifier(store, clock, receiver.url())
    for seen in ({"a": READY}, {"a": CRASHING}, {"a": CRASHING}):
        observe(store, clock, seen)
        stopped.decide(seen)  # written to the outbox; the process stops before sending
        clock.advance(minutes=1)
    assert receiver.messages() == []
    following = make_notifier(store, clock, receiver.url())
    assert following.after_round([]).sent == 1
    assert stopped.deliver() == (0, 0) and following.after_round([]).sent == 0

    # A sender killed after it claimed a message: the claim expires, then it is sent.
    for seen in ({"a": READY}, {"a": READY}):
        observe(store, clock, seen)
        stopped.decide(seen)
        clock.advance(minutes=1)
    channel = following.channels[0].fingerprint
    assert outbox.claim(store.engine, channel, "killed", clock(), dt.timedelta(seconds=60))
    assert following.deliver() == (0, 0)
    clock.advance(seconds=60)
    assert following.deliver() == (1, 0)
    assert receiver.titles() == ["Model failing", "Model working again"]


def test_two_notifiers_at_once_send_each_announcement_once(
    store: Store, receiver: Receiver, history_db_url: str
) -> None:
    clock = Clock()
    second_store = open_store(history_db_url)
    both = [make_notifier(s, clock, receiver.url()) for s in (store, second_store)]
    models = [f"m{i}" for i in range(4)]
    reports: list[RoundReport] = []
    for step in range(10):
        # Model i fails from round i + 1 to round i + 4: changes overlap across rounds.
        seen = {m: CRASHING if i < step <= i + 4 else READY for i, m in enumerate(models)}
        observe(store, clock, seen)
        start = threading.Barrier(2)

        def run(
            notifier: Notifier, seen: dict[str, Any] = seen, start: threading.Barrier = start
        ) -> None:
            start.wait()
            reports.append(notifier.after_round(seen))

        threads = [threading.Thread(target=run, args=(n,)) for n in both]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        clock.advance(minutes=1)
    second_store.close()
    assert sum(report.failed for report in reports) == 0
    text = "\n".join(receiver.messages())
    for model in models:
        assert text.count(f"{model} is failing") == 1
        assert text.count(f"{model} is working again") == 1


def test_a_burst_of_changes_in_one_round_is_one_message_listing_them(
    store: Store, receiver: Receiver
) -> None:
    clock = Clock()
    notifier = make_notifier(store, clock, receiver.url())
    models = ["alpha", "beta", "gamma"]
    play(
        store,
        clock,
        notifier,
        dict.fromkeys(models, READY),
        dict.fromkeys(models, CRASHING),
        dict.fromkeys(models, CRASHING),
    )
    assert receiver.titles() == ["3 followed models changed"]
    [message] = receiver.messages()
    assert message.startswith("3 followed models changed in one round:")
    assert [message.index(f"{m} is failing") for m in models] == sorted(
        message.index(f"{m} is failing") for m in models
    )


@dataclass(frozen=True)
class Seen:
    model_id: str


@dataclass(frozen=True)
class Round:
    """The recorder's after-round argument, as far as the notifier reads it."""

    observations: tuple[Seen, ...]
    stored: bool


def test_the_recorders_hook_decides_only_once_a_rounds_observations_are_stored(
    store: Store, receiver: Receiver
) -> None:
    clock = Clock()
    notifier = make_notifier(store, clock, receiver.url())
    for seen in ({"a": READY}, {"a": CRASHING}, {"a": CRASHING}):
        observe(store, clock, seen)
        clock.advance(minutes=1)
    notifier(Round((Seen("a"),), stored=False))  # still in the recorder's buffer
    assert receiver.messages() == []
    notifier(Round((Seen("a"),), stored=True))
    assert receiver.titles() == ["Model failing"]

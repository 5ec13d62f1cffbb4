"""A real notifier process killed with SIGKILL after writing the outbox, or while its
receiver hangs on the send: the next notifier loses nothing and repeats nothing."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sgp.history.store import open_store
from tests.notify_receiver import Receiver
from tests.notify_rounds import CRASHING, READY, Clock, make_notifier, observe

CHILD = """
import datetime as dt, sys, time
from sgp.history.notify import notifier_from_settings
from sgp.history.store import open_store
url, hook, phase = sys.argv[1:4]
store = open_store(url)
now = dt.datetime.fromisoformat(sys.argv[4])
notifier = notifier_from_settings(
    store, {"SGP_NOTIFY_URLS": [hook]}, "Production", clock=lambda: now, send_timeout_s=30
)
notifier.decide(["a"])
print("written", flush=True)
if phase == "sending":
    notifier.deliver()  # the receiver hangs: killed while sending
time.sleep(120)
"""


def run_until_killed(history_db_url: str, hook: Receiver, phase: str, now: dt.datetime) -> None:
    """A real notifier process, killed with SIGKILL once it wrote (or its send hangs)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, history_db_url, hook.url(), phase, now.isoformat()],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
        if phase == "sending":
            wait_until(lambda: "hang" in hook.attempts)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60  # a bound for a stuck run, not a timed assertion
    while not condition():
        assert time.monotonic() < deadline, "the child never got that far"
        time.sleep(0.05)


def test_a_notifier_killed_after_writing_or_while_sending_loses_nothing_and_repeats_nothing(
    tmp_path: Path,
) -> None:
    # SQLite only: each child process costs seconds of imports, and the claim it leaves is
    # the same rows on PostgreSQL (where test_notify_delivery.py runs two notifiers at once).
    history_db_url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    store = open_store(history_db_url)
    clock = Clock()
    with Receiver() as hook:
        observe(store, clock, {"a": READY})
        clock.advance(minutes=1)
        observe(store, clock, {"a": CRASHING})
        clock.advance(minutes=1)
        observe(store, clock, {"a": CRASHING})
        # Killed after writing the outbox, before sending: the next notifier sends it.
        run_until_killed(history_db_url, hook, "written", clock())
        assert hook.attempts == []
        following = make_notifier(store, clock, hook.url())
        assert following.deliver() == (1, 0)
        assert hook.titles() == ["Model failing"]

        # Killed while sending (its receiver hangs): the claim expires, then it is sent once.
        clock.advance(minutes=1)
        observe(store, clock, {"a": READY})
        clock.advance(minutes=1)
        observe(store, clock, {"a": READY})
        hook.script.append("hang")
        run_until_killed(history_db_url, hook, "sending", clock())
        assert following.deliver() == (0, 0)  # still claimed by the killed sender
        clock.advance(seconds=60)  # its 30 s attempt + 30 s
        assert following.deliver() == (1, 0)
        assert hook.attempts == ["ok", "hang", "ok"]
        assert hook.titles() == ["Model failing", "Model working again"]
    store.close()

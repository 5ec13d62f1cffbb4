"""The recorder's loop: one round every `every_s` seconds, by the active recorder only.

Each round: open the database if need be, take or confirm leadership (`leader`), and, when
active, ask the API for every followed model once (`poll`), write what it said (`writer`,
buffered while the database is down), call `after_round` (the notifications' hook), and
prune the old states once an hour. A standby only checks leadership each round and takes
over once the active recorder's lock or lease is gone. While the database cannot be asked,
a recorder keeps the role it had: the active one keeps polling into its buffer, a standby
keeps waiting (two recorders must never both ask the API), and when the database is back
the standby lets one round pass before it tries for the role, so the active one takes it
again first.

A 429 ends the round early and the next round waits as long as the API asked (at least
one round). `stop` (set by SIGTERM or SIGINT) ends a round between two requests and the
loop at once; the lock or lease is given up so that a standby takes over at its next round.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sgp.api import DEFAULT_WORKERS, SGPClient
from sgp.history.leader import Leadership, leadership
from sgp.history.poll import Round, poll
from sgp.history.writer import Writer

log = logging.getLogger("sgp.history.recorder")

AfterRound = Callable[[Round], None]
"""Called after each active round, once its observations were written (or buffered:
`Round.stored` says which), with what the round observed. An exception it raises is logged
(its kind only) and the recorder carries on. Notifications (sgp/history/notify/) plug in
here."""


class Recorder:
    """Rounds of polling and recording; `run()` loops until `stop` is set."""

    def __init__(
        self,
        client: SGPClient,
        writer: Writer,
        *,
        every_s: float,
        follow: tuple[str, ...] = (),
        after_round: AfterRound | None = None,
        stop: threading.Event | None = None,
        wait: Callable[[float], bool] | None = None,
        max_workers: int = DEFAULT_WORKERS,
        leader_for: Callable[[Writer], Leadership | None] | None = None,
        heartbeat: Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client, self.writer, self.every_s = client, writer, every_s
        self.follow, self.after_round = follow, after_round
        self.stop = stop or threading.Event()
        self._wait = wait or self.stop.wait
        self.max_workers = max_workers
        self._leader_for = leader_for or _leader_of
        self.heartbeat = heartbeat
        self._monotonic = monotonic
        self._leader: Leadership | None = None
        self.active = False
        self.rounds = 0
        self._followed: list[str] = []
        self._unknown_logged = False
        self.left_unwritten = 0  # observations still buffered when it stopped
        self._last_round_s = 0.0
        self._defer = False

    def run(self, rounds: int | None = None) -> None:
        """Loop until stopped (or for `rounds` ticks); gives the leadership up on the way out."""
        ticks = 0
        try:
            while not self.stop.is_set():
                wait_s = self.tick()
                ticks += 1
                self._beat()
                if (rounds is not None and ticks >= rounds) or self.stop.is_set():
                    break
                if self._wait(wait_s):
                    break
        finally:
            self.close()

    def tick(self) -> float:
        """One round (or one standby check); returns the seconds to wait before the next.

        Rounds start every `every_s` (the round's own time is taken off the wait), unless
        a 429 asked for longer: then the wait is what it asked, from the round's end.
        """
        started = self._monotonic()
        # Two rounds, and as long as the last round took on top (a slow API): a lease must
        # not expire while its holder is still asking.
        role = self._check(dt.timedelta(seconds=2 * self.every_s + self._last_round_s))
        round_ = self._round() if role else None
        if round_ is not None:
            self._last_round_s = self._monotonic() - started
        if not role:
            self.writer.write(())  # a buffer left from when it was active still goes in
        if round_ is not None and round_.retry_after_s is not None:
            if round_.retry_after_s > self.every_s:
                wait_s = round_.retry_after_s
                log.warning("The API asked to slow down: the next round waits %.0f s.", wait_s)
                # Keep the lease through the longer wait, so no standby takes over meanwhile.
                self._check(dt.timedelta(seconds=wait_s + self.every_s))
                return wait_s
            log.warning("The API asked to slow down: the round ended early.")
        return max(self.every_s - (self._monotonic() - started), 0.0)

    def _beat(self) -> None:
        """Touch the heartbeat file: a liveness probe restarts a recorder that stopped ticking."""
        if self.heartbeat is not None:
            with contextlib.suppress(OSError):
                self.heartbeat.touch()

    def close(self) -> None:
        """Write what is still buffered (if it can), give the leadership up, close."""
        if self.active and self.writer.pending:
            self.writer.write(())
        self.left_unwritten = self.writer.pending
        if self._leader is not None:
            self._leader.release()
            self._leader = None
        self.writer.close()

    def _check(self, hold_for: dt.timedelta) -> bool:
        if self._leader is None:
            self._leader = self._leader_for(self.writer)
        if self._leader is not None and self._defer and not self.active:
            # The database is back after an outage during which the active recorder kept
            # polling: give it one round to take its lock or lease again, so that the two
            # never both ask the API in the round the database returns.
            self._defer = False
            log.debug("Standby check deferred by one round: the database just came back.")
            return False
        role = self._leader.check(hold_for) if self._leader is not None else None
        if role is None:
            self._defer = not self.active
            if not self._unknown_logged:
                what = "keeps polling" if self.active else "waits"
                log.warning("Cannot tell which recorder is active (no database): %s.", what)
                self._unknown_logged = True
            return self.active
        self._unknown_logged = False
        if role != self.active:
            log.info(
                "This recorder is now the active one."
                if role
                else "Another recorder is active: this one waits and takes over if it stops."
            )
        self.active = role
        if not role:
            log.debug("Standby check: another recorder is active.")
        return role

    def _round(self) -> Round | None:
        ids = self._ids()
        if not ids:
            log.info("No model is followed: follow one in the app or set SGP_FOLLOW.")
            self.writer.prune_if_due()
            return None
        self.rounds += 1
        round_ = poll(
            self.client, ids, number=self.rounds, stop=self.stop, max_workers=self.max_workers
        )
        for model_id, why in round_.failures.items():
            log.warning("Model %r could not be loaded, nothing recorded: %s", model_id, why)
        stored = self.writer.write(round_.observations)
        round_ = replace(round_, stored=stored)
        log.info(
            "Round %d: %d models, %d observed, %d failed, %d not asked; %s.",
            round_.number,
            len(ids),
            len(round_.observations),
            len(round_.failures),
            len(round_.skipped),
            "stored" if stored else f"{self.writer.pending} waiting for the database",
        )
        if self.after_round is not None:
            try:
                self.after_round(round_)
            except Exception as exc:  # a hook's bug must not stop the recording
                log.error("The after-round hook failed (%s).", type(exc).__name__)
        self.writer.prune_if_due()
        return round_

    def _ids(self) -> list[str]:
        followed = self.writer.followed()
        if followed is not None:
            self._followed = followed
        return list(dict.fromkeys([*self._followed, *self.follow]))


def _leader_of(writer: Writer) -> Leadership | None:
    store = writer.open()
    return leadership(store.engine) if store is not None else None

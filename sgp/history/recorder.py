"""`python -m sgp.history.recorder`: record every followed model, every `--every` seconds.

Followed models are those followed in the app plus SGP_FOLLOW. The settings are the app's
(`recorder_settings`); `--once` runs one round and exits. SIGTERM and SIGINT stop it
cleanly, between or inside a round (exit 0). Exit 1: the database did not answer by the
end (what was seen last is not written: the buffer lives in memory). Exit 2: the
settings forbid running (no key, an unreadable secrets file, an invalid custom base URL,
history off, a history URL that can never work, a bad `--every`).
With SGP_NOTIFY_URLS set, it also sends the notifications (`sgp.history.notify`) after
each round. Only one recorder is active at a time (see `recording` and `leader`), so a
rolling update or a second copy never asks the API twice nor writes a change twice.

`--every` is at least 10 s (the API is shared) and at most 120 s: history counts two
observations at most `MAX_GAP` (5 min) apart as covering the time between them, so a
slower recorder would turn every model's history into gaps. Tests lower the minimum with
SGP_RECORDER_MIN_EVERY_S (not an operator setting).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from sqlalchemy.exc import ArgumentError

from sgp.api import SGPClient
from sgp.history import db
from sgp.history.notify import NotifySettingsError
from sgp.history.notify.channels import ChannelError
from sgp.history.notify.hook import notify_hook
from sgp.history.recorder_settings import RecorderSettings, load, operator_values
from sgp.history.recording import AfterRound, Recorder
from sgp.history.states import MAX_GAP
from sgp.history.writer import Writer

DEFAULT_EVERY_S = 60.0
MIN_EVERY_S = 10.0
MAX_EVERY_S = 120.0  # two rounds (one missed) stay within MAX_GAP: never a gap
log = logging.getLogger("sgp.history.recorder")


def _min_every_s() -> float:
    try:
        return float(os.environ.get("SGP_RECORDER_MIN_EVERY_S") or MIN_EVERY_S)
    except ValueError:
        return MIN_EVERY_S


def _every(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    low = _min_every_s()
    if not low <= seconds <= MAX_EVERY_S:
        raise argparse.ArgumentTypeError(
            f"must be between {low:g} and {MAX_EVERY_S:g} seconds: history counts a silence "
            f"longer than {MAX_GAP.total_seconds() / 60:g} minutes as a gap"
        )
    return seconds


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sgp.history.recorder",
        description="Record what the API says about every followed model, every round.",
    )
    parser.add_argument(
        "--every", type=_every, default=DEFAULT_EVERY_S, help="seconds between rounds (60)"
    )
    parser.add_argument("--once", action="store_true", help="run one round, then exit")
    parser.add_argument(
        "--heartbeat",
        type=Path,
        help="a file touched after every round (or standby check), for a liveness probe",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also log each standby check (debug level)"
    )
    return parser.parse_args(argv)


def build(
    settings: RecorderSettings,
    every_s: float,
    after_round: AfterRound | None = None,
    stop: threading.Event | None = None,
    heartbeat: Path | None = None,
) -> Recorder:
    """A recorder for these settings (which must have no `problem` and history on)."""
    assert settings.history_url is not None and settings.problem is None
    client = SGPClient(
        settings.api_key,
        base_url=settings.base_url,
        account_id=settings.account_id or None,
        timeout=settings.timeout,
        max_retries=0,  # the next round is the retry; a 429 must reach the recorder at once
    )
    writer = Writer(settings.history_url, settings.days, first_backoff_s=every_s)
    return Recorder(
        client,
        writer,
        every_s=every_s,
        follow=settings.follow,
        after_round=after_round,
        stop=stop,
        heartbeat=heartbeat,
    )


def main(argv: Sequence[str] | None = None, after_round: AfterRound | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = parse_args(argv)
    if args.verbose:  # the recorder's own lines only (SQLAlchemy's debug would log SQL)
        logging.getLogger("sgp").setLevel(logging.DEBUG)
    stop = threading.Event()
    stop_on_signals(stop)
    settings = load()
    if settings.problem:
        log.error("The recorder cannot start: %s", settings.problem)
        return 2
    if settings.history_url is None:
        log.error("History is off (SGP_HISTORY_URL=off): there is nothing to record into.")
        return 2
    if problem := url_problem(settings.history_url):
        log.error("The recorder cannot start: %s", problem)
        return 2
    recorder = build(settings, args.every, after_round, stop, args.heartbeat)
    if after_round is None:
        try:
            writer = recorder.writer
            recorder.after_round = notify_hook(
                operator_values(), lambda: writer.store, settings.base_url
            )
        except (NotifySettingsError, ChannelError) as exc:
            log.error("The recorder cannot start: %s", exc)
            return 2
    log.info(
        "Recording every %g s into %s (keeping %d days), API %s.",
        args.every,
        db.safe_url(settings.history_url),
        settings.days,
        settings.base_url,
    )
    recorder.run(rounds=1 if args.once else None)
    if recorder.writer.down or recorder.left_unwritten:
        lost = recorder.left_unwritten
        log.error(
            "The history database did not answer: %s.",
            f"{lost} observations were not written"
            if lost
            else "nothing was recorded (a recorder asks the API only once the database "
            "says it is the active one)",
        )
        return 1
    log.info("Recorder stopped%s.", " (signal)" if stop.is_set() else "")
    return 0


def url_problem(url: str) -> str | None:
    """Why SGP_HISTORY_URL can never work (not SQLite or PostgreSQL, unreadable, no driver);
    None when it may (whether the database answers is the writer's to find out)."""
    try:
        db.make_engine(url).dispose()  # builds the engine only: no connection is made
    except (ValueError, ImportError, ArgumentError, OSError) as exc:
        return f"SGP_HISTORY_URL ({db.safe_url(url)}) cannot be used ({type(exc).__name__})."
    return None


def stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM and SIGINT set `stop` (no KeyboardInterrupt, no traceback)."""

    def handle(_signum: int, _frame: FrameType | None) -> None:
        stop.set()  # nothing else here: the handler may run in the middle of a log write

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


if __name__ == "__main__":
    sys.exit(main())

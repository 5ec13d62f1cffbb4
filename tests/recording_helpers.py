"""The recorder built for tests in this process: its waits noted, not slept.

`Waits` is the recorder's `wait` and its clock: it notes each wait asked for and moves
the clock by it, so tests assert on the waits requested, never on the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable

from sgp.api import SGPClient
from sgp.history.poll import Round
from sgp.history.recording import Recorder
from sgp.history.writer import Writer
from testkit.scripted_api import ScriptedAPI

KEY = "sk-recorder-test-key"


class Waits:
    """The recorder's `wait`: notes each wait and moves the writer's clock by it."""

    def __init__(self) -> None:
        self.asked: list[float] = []
        self.now = 1000.0

    def __call__(self, seconds: float) -> bool:
        self.asked.append(seconds)
        self.now += seconds
        return False  # not stopped

    def monotonic(self) -> float:
        return self.now


def recorder(
    api: ScriptedAPI,
    url: str,
    waits: Waits,
    *,
    follow: tuple[str, ...] = (),
    after_round: Callable[[Round], None] | None = None,
    days: int = 400,
    workers: int = 8,
    every_s: float = 60.0,
) -> Recorder:
    client = SGPClient(KEY, base_url=api.base_url, max_retries=0, timeout=(2.0, 5.0))
    writer = Writer(url, days, first_backoff_s=1.0, monotonic=waits.monotonic)
    return Recorder(
        client,
        writer,
        every_s=every_s,
        follow=follow,
        after_round=after_round,
        wait=waits,
        max_workers=workers,
        monotonic=waits.monotonic,  # a round takes no time on this clock
    )

"""The one watch clock: when a watch checks a model next, and how long it waits after a failure.

Plain data, no Streamlit: the inspect page's Watch and the board's "Watch all" keep one
`WatchClock` each, and anything else that polls a model can too. One policy:

- a check is due when the wait after the last failure is over (at once after a success);
- a failure that asks for a wait (`SGPError.retry_after_s`: a 429's Retry-After, capped at
  60 s as the client caps it, or a person's used-up budget) waits what it asks, and never
  less than the interval;
- any other failure waits twice the last wait (at least twice the interval), up to 60 s.

Measured before this clock existed: a 429 asking for 1 s at a 5 s interval waited 5 s on
the inspect page and 10 s on the board; after a 40 s wait, one asking for 30 s waited 30 s
on one and 60 s on the other. Both now wait 5 s and 30 s (tests/test_watch.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sgp.api import SGPError

MAX_BACKOFF_S = 60.0


@dataclass
class WatchClock:
    """One watch's checks: how many were made, and when the next one is due."""

    checks: int = 0
    wait_s: float = 0.0
    next_check_at: float = 0.0
    problem: str | None = None  # the last failure's title while waiting after it

    def due(self, now: float) -> bool:
        return now >= self.next_check_at

    def failed(self, error: SGPError, every: float, now: float) -> float:
        """Count a failed check and back off; returns the seconds until the next check."""
        if error.retry_after_s is not None:
            wait = max(error.retry_after_s, every)
        else:
            wait = min(max(self.wait_s, every) * 2, MAX_BACKOFF_S)
        self.checks += 1
        self.wait_s, self.next_check_at, self.problem = wait, now + wait, error.title
        return wait

    def succeeded(self) -> None:
        """Count a check that got its answer; the next one is due at the next interval."""
        self.checks += 1
        self.wait_s, self.next_check_at, self.problem = 0.0, 0.0, None

"""A per-person budget of API requests made with the operator's key (`limits`, moving window).

Counted in memory, per server process: with several replicas each one keeps its own
count, so a person may make up to the budget times the number of replicas. Only requests
that reach the API are counted; answers served from the cache cost nothing.
"""

from __future__ import annotations

import math
import threading
import time

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from sgp.api import SGPError

DEFAULT_PER_MINUTE = 120


class OverBudgetError(SGPError):
    """This person used up their share of the operator's key; nothing was sent to the API.

    It is about the person, not about the model, so the caches must never keep or share it.
    """

    title = "You have made many requests in the last minute"
    shared = False

    def __init__(self, wait_s: int, per_minute: int) -> None:
        super().__init__(
            f"Over the budget of {per_minute} API requests a minute per person; not sent. "
            f"Wait {wait_s} s.",
            user_message=(
                f"This app shares one API key among its users, so each person may make "
                f"{per_minute} requests a minute. Wait {wait_s} seconds, then try again."
            ),
        )
        self.wait_s = wait_s
        self.retry_after_s = float(wait_s)


class Budget:
    """Requests a minute per person, shared by every session of this process."""

    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._lock = threading.Lock()

    def spend(self, person: str, per_minute: int) -> None:
        """Count one request for this person, or raise OverBudgetError (counting nothing)."""
        item = RateLimitItemPerMinute(max(1, per_minute))
        with self._lock:
            if self._limiter.hit(item, "person", person):
                return
            reset_at = self._limiter.get_window_stats(item, "person", person).reset_time
        raise OverBudgetError(max(1, math.ceil(reset_at - time.time())), per_minute)


BUDGET = Budget()

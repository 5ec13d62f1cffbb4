"""The one cache policy for answers from the API: successes are kept 30 s, failures 5 s.

Both are capped in entries and in bytes (each cache keeps its own pickled copy, and the
client accepts bodies up to 10 MB), and shared by every browser session whose arguments
hash the same: callers pass the connection's key fingerprint, never the key, and pass the
client as an underscore argument, which Streamlit does not hash. Failures are kept briefly
so that reruns do not hammer a failing API (a 429 above all), yet nobody sees a stale error
for long. An error about one person rather than the answer (over their request budget,
`shared = False`) is raised through, never cached.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

import streamlit as st

if TYPE_CHECKING:  # the type st.cache_data returns (not public API, so only for the checker)
    from streamlit.runtime.caching.cache_utils import CachedFunc

from sgp.api import SGPError

SUCCESS_TTL_S = 30
FAILURE_TTL_S = 5
MAX_ENTRIES = 1024
MAX_CACHE_SIZE = "64MB"

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


def _cached(func: Callable[P, R], *, ttl: int) -> CachedFunc[P, R]:
    """`func` in a cache of the shared policy: its entries and bytes capped, no spinner."""
    return st.cache_data(
        ttl=ttl, max_entries=MAX_ENTRIES, max_size=MAX_CACHE_SIZE, show_spinner=False
    )(func)


class TwoTTLCache(Generic[T]):
    """`fetch(*hashed, _unhashed)` cached: its result for 30 s, or its SGPError for 5 s.

    Concurrent identical misses wait for the first (Streamlit locks per entry), so a page
    opened by many viewers at once costs one request.
    """

    def __init__(self, fetch: Callable[..., T]) -> None:
        self._ok = _cached(fetch, ttl=SUCCESS_TTL_S)
        # Calls pass arguments by name: for each positional argument of each call, Streamlit
        # computes the function's signature again to find its name (about 0.15 ms each,
        # several per run); named arguments give the same cache key without that.
        self._names = tuple(inspect.signature(fetch).parameters)

        # wraps() gives the outcome fetch's signature, so underscore arguments stay unhashed;
        # its own qualname gives it a cache of its own (Streamlit keys a cache by qualname).
        @functools.wraps(fetch)
        def outcome(**kwargs: Any) -> T | SGPError:
            try:
                return self._ok(**kwargs)
            except SGPError as exc:
                if not getattr(exc, "shared", True):  # about one person: never cached
                    raise
                return exc

        outcome.__qualname__ = f"{fetch.__qualname__}.outcome"
        self._outcome = _cached(outcome, ttl=FAILURE_TTL_S)

    def _named(self, args: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(self._names, args, strict=True))

    def __call__(self, *args: Any) -> T | SGPError:
        """The answer or its SGPError; raises an error that is not `shared`."""
        return self._outcome(**self._named(args))

    def forget(self, *hashed: Any) -> None:
        """Drop one entry, success or failure: the next call asks the API again."""
        named = self._named((*hashed, None))
        self._outcome.clear(**named)
        self._ok.clear(**named)

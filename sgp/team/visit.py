"""A visit: one page run's connection, and who pays for the requests it makes.

The page shell builds it once per run (`components.shell.visit`) and `page()` yields it.
It is a `Connection` (every component that reads the connection reads it unchanged) that
also carries, explicitly, what the caches need to hand out a client for this run:

- `requester`: who the requests are for, on which page, with which key and budget
  (`sgp.team.Requester`), for the metered client's budget and audit lines;
- `check`: the sign-in re-check. A fragment run (a Watch tick) skips the page's gate but
  reuses the visit it was drawn with, so the client factory calls `check()` before each
  client it hands out, and a person who no longer passes is sent back to a full run;
- `demo_rollout_s`: how long the demo's live model deploys (an operator setting).

So the caches read nothing from session state about who pays and import nothing from the
shell; a bare `Connection` (a notebook, a test) gets no client from them at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sgp.api import Connection
from sgp.demo import LIVE_READY_AFTER_S
from sgp.team.metered import Requester


def _always_allowed() -> None:
    return None


@dataclass(frozen=True)
class Visit(Connection):
    requester: Requester | None = None
    check: Callable[[], None] = field(default=_always_allowed, compare=False, repr=False)
    demo_rollout_s: float = field(default=LIVE_READY_AFTER_S, compare=False)

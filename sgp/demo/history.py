"""The demo's built-in history: a week of each featured model, made relative to now.

No database: these are `State` periods built in memory, seeded into each demo session's
`MemoryHistory` (which then adds the session's own sightings, so the live rollout's
changes appear as they happen). Each featured model's week holds what a team meets: an
out-of-memory failure and its recovery (a rollout of the fix), two hours nobody observed
(the recorder was stopped: drawn as a gap, counted neither up nor down), a configuration
change rolled out, and the status it has now. The demo never writes to the team's database.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sgp.demo.models import FEATURED
from sgp.history.memory import Seed
from sgp.history.states import State
from sgp.history.store import configuration_of

OOM_REASON = (
    "Container exited with code 137 (out of memory) while loading the model. "
    "Increase memory or the number of GPUs."
)
STEP = dt.timedelta(minutes=1)  # the recorder's round: a period's last sighting
_BODIES = {body["id"]: body for body in FEATURED}


def _earlier(configuration: dict[str, Any]) -> dict[str, Any]:
    """The configuration as it was before last week's change: one worker fewer, or an older
    release noted in the metadata when it has no workers to count."""
    earlier = copy.deepcopy(configuration)
    vendor = earlier.get("vendor_configuration")
    if isinstance(vendor, dict) and isinstance(vendor.get("max_workers"), int):
        vendor["max_workers"] = (
            max(1, vendor["max_workers"] - 1) if vendor["max_workers"] > 1 else 2
        )
    else:
        metadata = dict(earlier.get("model_metadata") or {})
        metadata["release"] = "previous"
        earlier["model_metadata"] = metadata
    return earlier


def demo_history(model_id: str, now: dt.datetime) -> Seed | None:
    """A featured model's last week, ending now in its current status; None for others."""
    body = _BODIES.get(model_id)
    if body is None:
        return None
    current = configuration_of(body)
    configurations = [_earlier(current), current]
    now = now.replace(microsecond=0)
    start = now - dt.timedelta(days=7)
    status, availability = str(body["status"]), body.get("model_availability")
    reason = body.get("status_reason")
    # (offset from a week ago, status, availability, reason, configuration index)
    plan: list[tuple[dt.timedelta, str, str | None, str | None, int]] = [
        (dt.timedelta(0), "ready", "available", None, 0),
        (dt.timedelta(days=1, hours=15, minutes=42), "failed", "unavailable", OOM_REASON, 0),
        (dt.timedelta(days=1, hours=16, minutes=30), "deploying", "unknown", None, 0),
        (dt.timedelta(days=1, hours=16, minutes=44), "ready", "available", None, 0),
        # nothing observed from 3 d 9 h to 3 d 11 h: the recorder was stopped
        (dt.timedelta(days=3, hours=11), "ready", "available", None, 0),
        (dt.timedelta(days=5, hours=10, minutes=5), "deploying", "unknown", None, 1),
        (dt.timedelta(days=5, hours=10, minutes=23), "ready", "available", None, 1),
    ]
    if (status, availability, reason) != ("ready", "available", None):
        plan.append((dt.timedelta(days=6, hours=20), status, availability, reason, 1))
    gap_from = start + dt.timedelta(days=3, hours=9)
    periods = []
    for i, (offset, s, a, r, config) in enumerate(plan):
        first = start + offset
        ends = start + plan[i + 1][0] - STEP if i + 1 < len(plan) else now - STEP
        if first < gap_from < ends:
            ends = gap_from
        observations = max(1, int((ends - first) / STEP))
        periods.append(State(model_id, s, a, r, config, first, ends, observations))
    return periods, configurations

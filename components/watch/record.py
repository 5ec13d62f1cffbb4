"""One record per watch in the session state, and only one: the watch drawn last.

A record holds the watch's clock (`sgp.watch.WatchClock`), what it has seen (the statuses
with their times, the last model) and what the next run must do (skip the first tick after
a full run that just fetched, show a toast queued before a rerun). It is keyed by a hash of
the connection and the watched IDs (never the key itself). A session shows one page, so it
runs one watch at a time: taking a record drops every other one, and switching a watch off
drops them all, so a long session keeps at most one record however many models it watched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import streamlit as st

from sgp.api import Connection, InferenceModel
from sgp.watch import WatchClock

RECORD_PREFIX = "watch-record-"
MAX_TIMELINE = 100


@dataclass
class WatchRecord:
    """What one session's watch of one model (or one board) keeps; plain data."""

    clock: WatchClock = field(default_factory=WatchClock)
    timeline: list[tuple[dt.datetime, str]] = field(default_factory=list)
    model: InferenceModel | None = None
    fresh: bool = False  # drawn by a full run that just fetched: the next tick asks nothing
    pending_toast: str | None = None

    def observe(self, model: InferenceModel, seen_at: dt.datetime) -> bool:
        """Record the model; True when its status differs from the last one seen."""
        self.model = model
        last = self.timeline[-1][1] if self.timeline else None
        if last == model.status:
            return False
        self.timeline.append((seen_at, str(model.status)))
        del self.timeline[:-MAX_TIMELINE]
        return last is not None


def forget_watches(keep: str | None = None) -> None:
    """Drop every watch record of this session but `keep`."""
    for key in [k for k in st.session_state if str(k).startswith(RECORD_PREFIX) and k != keep]:
        del st.session_state[key]


def watch_record(kind: str, connection: Connection, ids: Sequence[str]) -> WatchRecord:
    """This watch's record (`kind` is the page's: "model", "board"); all others are dropped."""
    scope = "|".join(
        [kind, connection.base_url, connection.account_id or "", connection.key_fingerprint, *ids]
    )
    key = RECORD_PREFIX + hashlib.sha256(scope.encode("utf-8")).hexdigest()[:24]
    forget_watches(keep=key)
    if key not in st.session_state:
        st.session_state[key] = WatchRecord()
    record: WatchRecord = st.session_state[key]
    return record

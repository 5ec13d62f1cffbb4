"""Where a run's history comes from and goes to: the team's database, the demo's memory, or
nowhere (a visitor's own key, or history turned off).

- The team's history (operator's key): `SGP_HISTORY_URL` (secrets or environment; default
  an SQLite file under `.data/`, `off` for none), opened once per server behind the guard
  (`sgp.history.guard`: a database down, locked or read-only costs at most one slow try per
  30 s, then fails at once), with one background writer, so a fetch never waits on it.
  Cached by a fingerprint of the URL, never the URL (it may hold a password).
- The demo's history: each browser session's own `MemoryHistory`, seeded with the
  featured models' built-in week; it never touches the team's database.
- A visitor's own key: nothing is recorded and nothing is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.history.access import uses_operator_key
from components.shell.settings import history_setting
from sgp.api import Connection, ModelReader
from sgp.demo.history import demo_history
from sgp.history.guard import GuardedStore
from sgp.history.memory import MemoryHistory
from sgp.history.page_writer import BackgroundWriter, Sighting
from sgp.history.recording_reader import RecordingReader
from sgp.history.settings import history_url

APP_DIR = Path(__file__).resolve().parent.parent.parent
DEMO_KEY = "demo_history"


@dataclass(frozen=True)
class TeamHistory:
    """The team's database behind the guard, and the writer that records into it."""

    key: str  # a fingerprint of the URL, for cache keys
    store: GuardedStore
    writer: BackgroundWriter

    def record(self, sighting: Sighting) -> None:
        self.writer.submit(sighting)


def _close(history: TeamHistory) -> None:
    history.store.close()


@st.cache_resource(show_spinner=False, on_release=_close)
def _team_history(url_fp: str, _url: str) -> TeamHistory:
    store = GuardedStore(_url)
    return TeamHistory(key=url_fp, store=store, writer=BackgroundWriter(store))


def team_history() -> TeamHistory | None:
    """The team's history as the operator configured it; None when turned off."""
    url = history_url(history_setting(), APP_DIR)
    if url is None:
        return None
    return _team_history(hashlib.sha256(url.encode()).hexdigest(), url)


def session_demo_history() -> MemoryHistory:
    """This browser session's demo history: the built-in week, then what it looks at."""
    if DEMO_KEY not in st.session_state:
        started = dt.datetime.now(dt.UTC)
        st.session_state[DEMO_KEY] = MemoryHistory(lambda model_id: demo_history(model_id, started))
    history: MemoryHistory = st.session_state[DEMO_KEY]
    return history


def history_source(connection: Connection) -> TeamHistory | MemoryHistory | None:
    """The history this run records into and reads from, if any."""
    if connection.is_demo:
        return session_demo_history()
    return team_history() if uses_operator_key(connection) else None


def recording(reader: ModelReader, connection: Connection) -> ModelReader:
    """`reader`, recording what it fetches into this run's history (unchanged when none).

    Called in the script thread; the sink it captures is plain Python (a queue put, or the
    session's memory), so the board's worker threads may use the wrapped reader."""
    source = history_source(connection)
    if source is None:
        return reader
    if isinstance(source, TeamHistory):
        return RecordingReader(reader, source.record)
    memory = source
    return RecordingReader(reader, lambda seen: memory.observe(*seen))

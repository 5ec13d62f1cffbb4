"""What the history knows about a model: periods of one state, and the figures drawn from them.

The store keeps states, not checks. A `State` is one period in which a model's status,
availability, reason and configuration stayed the same, from the first to the last
observation that saw it. Everything a page, a report, the CSV or a notification says about
the past is computed here from those periods, as pure functions (no database, no clock).

Gaps are honest. Two observations at most `MAX_GAP` apart are taken to cover the time
between them (in the earlier state: the API said so last); a longer silence (the recorder
stopped, nobody looked) is a gap, neither up nor down, and every uptime figure says how
much of its window was observed. The latest period ends at its last observation: nothing is
assumed about the time since. Up means ready and not unavailable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

# The recorder asks every 60 s by default (at most every 120 s), so one missed round is
# not a gap; two in a row are.
MAX_GAP = dt.timedelta(minutes=5)
UP_STATUS = "ready"
DOWN_AVAILABILITY = "unavailable"


@dataclass(frozen=True)
class State:
    """One period of one state of one model, as stored (times are aware, in UTC)."""

    model_id: str
    status: str  # the API's status value ("ready", "failed", ...), kept as sent
    availability: str | None  # the API's model_availability value, kept as sent
    reason: str | None  # the API's status_reason, byte for byte
    config_id: int | None  # the distinct configuration seen, stored once (None: none sent)
    first_seen: dt.datetime
    last_seen: dt.datetime
    observations: int = 1

    @property
    def up(self) -> bool:
        return self.status == UP_STATUS and self.availability != DOWN_AVAILABILITY

    def same_state(self, other: State) -> bool:
        return (self.status, self.availability, self.reason, self.config_id) == (
            other.status,
            other.availability,
            other.reason,
            other.config_id,
        )


@dataclass(frozen=True)
class Span:
    """A stretch of time drawn on the timeline: a state, or a gap (state None)."""

    start: dt.datetime
    end: dt.datetime
    state: State | None

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True)
class Change:
    """What changed between two consecutive periods of a model (or its first sighting)."""

    changed_at: dt.datetime
    before: State | None  # None: the first time the model was seen
    after: State
    lasted_s: float | None  # how long the earlier status had lasted; None when unknown

    @property
    def from_status(self) -> str | None:
        return self.before.status if self.before else None

    @property
    def to_status(self) -> str:
        return self.after.status

    @property
    def config_changed(self) -> bool:
        return self.before is not None and self.before.config_id != self.after.config_id


@dataclass(frozen=True)
class Uptime:
    """Seconds up and observed in a window; the window's length says what was not observed."""

    since: dt.datetime
    until: dt.datetime
    up_s: float
    observed_s: float

    @property
    def window_s(self) -> float:
        return (self.until - self.since).total_seconds()

    @property
    def up_fraction(self) -> float | None:
        """Share of the observed time that was up; None when nothing was observed."""
        return self.up_s / self.observed_s if self.observed_s > 0 else None

    @property
    def observed_fraction(self) -> float:
        return self.observed_s / self.window_s if self.window_s > 0 else 0.0


@dataclass(frozen=True)
class Since:
    """The current status and since when it has held without a gap."""

    state: State
    since: dt.datetime
    at_least: bool  # the run starts at the first sighting or right after a gap: may be older


def spans(states: Sequence[State]) -> list[Span]:
    """Periods (oldest first) as covered spans, with a gap span wherever nothing looked."""
    out: list[Span] = []
    for i, state in enumerate(states):
        following = states[i + 1] if i + 1 < len(states) else None
        end = state.last_seen
        if following is not None and not _gap(state, following):
            end = following.first_seen
        out.append(Span(state.first_seen, end, state))
        if following is not None and following.first_seen > end:
            out.append(Span(end, following.first_seen, None))
    return out


def uptime(states: Sequence[State], since: dt.datetime, until: dt.datetime) -> Uptime:
    """Up and observed seconds of `states` (oldest first) clipped to [since, until]."""
    up_s = observed_s = 0.0
    for span in spans(states):
        if span.state is None:
            continue
        start, end = max(span.start, since), min(span.end, until)
        if end <= start:
            continue
        seconds = (end - start).total_seconds()
        observed_s += seconds
        if span.state.up:
            up_s += seconds
    return Uptime(since=since, until=until, up_s=up_s, observed_s=observed_s)


def changes(states: Sequence[State]) -> list[Change]:
    """Every change between consecutive periods (oldest first), the first sighting included.

    Two periods in the same state split only by a gap are not a change. `lasted_s` is
    how long the earlier status had held, from the start of its run to the change.
    """
    out: list[Change] = []
    run_start: dt.datetime | None = None
    previous: State | None = None
    for state in states:
        if previous is None:
            out.append(Change(state.first_seen, None, state, None))
            run_start = state.first_seen
        elif not previous.same_state(state):
            lasted = (state.first_seen - run_start).total_seconds() if run_start else None
            out.append(Change(state.first_seen, previous, state, lasted))
            if previous.status != state.status:
                run_start = state.first_seen
        previous = state
    return out


def current_since(states: Sequence[State]) -> Since | None:
    """The latest status and the start of its unbroken run; None without history."""
    if not states:
        return None
    latest = states[-1]
    i = len(states) - 1
    while i > 0 and states[i - 1].status == latest.status and not _gap(states[i - 1], states[i]):
        i -= 1
    at_least = i == 0 or _gap(states[i - 1], states[i])
    return Since(state=latest, since=states[i].first_seen, at_least=at_least)


def _gap(earlier: State, later: State) -> bool:
    return later.first_seen - earlier.last_seen > MAX_GAP

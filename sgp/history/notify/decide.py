"""When a followed model's change is worth a message: pure functions of its periods.

A period's condition is "failing" (failed, deployment timed out, or ready but unavailable),
"up" (ready and not unavailable), "deploying", or none (a status this app does not know).
Consecutive periods of one condition form a run; a run *holds* once it has `after`
observations. Only a held run is ever announced: a single flicker is recorded in the
history, never announced, and a flicker inside a run does not split it.

Transitions announced:
- "failing": the latest run is failing and holds, the model had been seen otherwise before
  (a model's first sighting sends nothing), and no failure is outstanding.
- "recovered": the latest run is up and holds while a failure is outstanding (announced
  and not yet followed by "recovered"); down from the failure's start to the run's start.
- "rollout": (optional) the latest run is up and holds, and the held run before it was
  deploying; how long the rollout took.

What was announced comes from the database, so a restart re-announces nothing; each
announcement is identified by (model, transition, the run's start), so deciding the same
change again (the next round, another recorder) finds it already written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sgp.history.states import State

FAILING = "failing"
UP = "up"
DEPLOYING = "deploying"
RECOVERED = "recovered"
ROLLOUT = "rollout"
TRANSITIONS = (FAILING, RECOVERED, ROLLOUT)


@dataclass(frozen=True)
class Run:
    """Consecutive periods of one condition (flickers inside it merged in)."""

    condition: str | None
    periods: tuple[State, ...]
    observations: int

    @property
    def start(self) -> dt.datetime:
        return self.periods[0].first_seen

    @property
    def latest(self) -> State:
        return self.periods[-1]


@dataclass(frozen=True)
class Last:
    """The model's latest announcement, as the database has it."""

    transition: str
    changed_at: dt.datetime


@dataclass(frozen=True)
class Decision:
    """One change to announce: which, when its run started, and the facts the words need."""

    model_id: str
    transition: str
    changed_at: dt.datetime  # the start of the run that holds now
    state: State  # the latest period (status, reason, configuration)
    since: dt.datetime | None = None  # recovered: down since; rollout: deploying since

    @property
    def lasted(self) -> dt.timedelta | None:
        return self.changed_at - self.since if self.since is not None else None


def condition(state: State) -> str | None:
    if state.status in ("failed", "deployment_timeout"):
        return FAILING
    if state.status == "ready":
        return UP if state.up else FAILING
    if state.status == "deploying":
        return DEPLOYING
    return None


def held_runs(periods: Sequence[State], after: int) -> list[Run]:
    """Runs of one condition, oldest first, with runs that never held merged into the
    run before them (a flicker does not split a run); the latest run is kept as it is."""
    runs: list[Run] = []
    for state in periods:
        cond = condition(state)
        if runs and runs[-1].condition == cond:
            last = runs[-1]
            runs[-1] = Run(cond, (*last.periods, state), last.observations + state.observations)
            continue
        if len(runs) >= 2 and runs[-1].observations < after and runs[-2].condition == cond:
            flicker, before = runs.pop(), runs.pop()
            merged = (*before.periods, *flicker.periods, state)
            count = before.observations + flicker.observations + state.observations
            runs.append(Run(cond, merged, count))
            continue
        runs.append(Run(cond, (state,), state.observations))
    return runs


def decide(
    model_id: str,
    periods: Sequence[State],
    last: Last | None,
    after: int,
    rollouts: bool = False,
) -> Decision | None:
    """The change to announce now for a model's periods (oldest first), or None."""
    runs = held_runs(periods, after)
    if not runs or runs[-1].observations < after:
        return None
    current = runs[-1]
    held = [run for run in runs[:-1] if run.observations >= after]
    # Before the current run: the latest run that held, else the first sighting (if earlier).
    before = held[-1] if held else (runs[0] if len(runs) > 1 else None)
    outstanding = last is not None and last.transition == FAILING
    if current.condition == FAILING and not outstanding and before is not None:
        return Decision(model_id, FAILING, current.start, current.latest)
    if current.condition == UP and outstanding and last is not None:
        return Decision(model_id, RECOVERED, current.start, current.latest, last.changed_at)
    if current.condition == UP and rollouts and before and before.condition == DEPLOYING:
        return Decision(model_id, ROLLOUT, current.start, current.latest, before.start)
    return None

"""What a model holds in reserve: GPUs kept running at all times, at peak, GPU-hours a day.

One line a manager understands. No prices (they differ per customer); a missing or
unreadable field makes its part "unknown", never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgp.api import InferenceModel
from sgp.present.hardware import gpu_name
from sgp.present.rules.sizing import sizing

HOURS_PER_DAY = 24


@dataclass(frozen=True)
class Reserve:
    """GPUs kept running (min_workers x gpus), at peak (max_workers x gpus), GPU-hours a day."""

    gpu_type: str | None
    at_minimum: int | None
    at_peak: int | None
    gpu_hours_per_day: int | None
    sentence: str


def _times(workers: int | None, gpus: int | None) -> int | None:
    return None if workers is None or gpus is None else workers * gpus


def _gpus(count: int | None, name: str) -> str:
    if count is None:
        return "an unknown number of GPUs"
    return f"{count} x {name}" if count else "no GPU"


def reserve(model: InferenceModel) -> Reserve | None:
    """The reserve of an LLM Engine or Launch model; None when it has no such configuration."""
    size = sizing(model)
    if size is None:
        return None
    gpus = size.gpus
    low, high = _times(size.min_workers, gpus), _times(size.max_workers, gpus)
    hours = None if low is None else low * HOURS_PER_DAY
    if gpus == 0:
        sentence = "Keeps no GPU running: this model runs on CPUs only."
        return Reserve(None, 0, 0, 0, sentence)
    if gpus is not None and gpus > 0 and not size.gpu_type:
        name = "GPU of an unknown type"
    else:
        name = gpu_name(size.gpu_type)
    hours_text = "unknown" if hours is None else f"{hours:,}"
    kept = "no GPU running when idle" if low == 0 else f"{_gpus(low, name)} running at all times"
    sentence = (
        f"Keeps {kept}, up to {_gpus(high, name)} at peak; "
        f"{hours_text} GPU-hours a day at the minimum."
    )
    return Reserve(size.gpu_type, low, high, hours, sentence)

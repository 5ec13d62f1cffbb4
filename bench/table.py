"""Table: building the configuration table (`sgp.tables.vendor_config_table`) as it grows.

A typical LLM Engine configuration, grown to exactly N leaves with labels and nested extra
settings (what a large real configuration looks like). Time per leaf at each size; the
figure is the largest per-leaf time over the smallest, which stays low if the work is
linear in the number of leaves. Building any pandas table has a fixed cost of a few
milliseconds, which dominates small tables, so the time per leaf above that fixed cost
(a one-leaf table) is printed too: that one shows whether the walk itself scales.
"""

from __future__ import annotations

import time
from typing import Any

from bench.fake_api import model_body
from bench.report import Figure
from sgp.client import parse_model
from sgp.schema import InferenceModel
from sgp.tables import flatten, vendor_config_table

SIZES = (10, 100, 1_000, 10_000)


def model_with_leaves(n: int) -> InferenceModel:
    body = model_body(f"m-{n}-leaves")
    base = dict(body["vendor_configuration"])
    base.pop("labels", None)
    config: dict[str, Any] = dict(list(base.items())[: min(n, len(base))])
    labels: dict[str, str] = {}
    extra: dict[str, dict[str, Any]] = {}
    for i in range(n - len(config)):
        if i % 2:
            labels[f"label-{i}"] = f"value-{i}"
        else:
            extra.setdefault(f"group{i // 100}", {})[f"option{i}"] = i
    if labels:
        config["labels"] = labels
    if extra:
        config["extra_settings"] = extra
    model = parse_model({**body, "vendor_configuration": config})
    leaves = sum(1 for _ in flatten(model.vendor_configuration.model_dump(exclude_unset=True)))
    assert leaves == n, (leaves, n)
    return model


def seconds_per_table(n: int, budget_s: float) -> float:
    """Seconds to build the table of a configuration with n leaves: the best of 7 batches.

    The minimum, not the median: on a shared machine every other number is this one plus
    time lost to other processes.
    """
    model = model_with_leaves(n)
    vendor_config_table(model)  # warm-up
    t0 = time.perf_counter()
    vendor_config_table(model)
    once = time.perf_counter() - t0
    reps = max(1, int(budget_s / 7 / max(once, 1e-6)))
    batches = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            frame = vendor_config_table(model)
        batches.append((time.perf_counter() - t0) / reps)
        assert len(frame) == n
    return min(batches)


def table_figures(budget_s: float) -> list[Figure]:
    """Time per leaf as is, and above the fixed cost of any table (a one-leaf table)."""
    fixed = seconds_per_table(1, budget_s)
    total = {n: seconds_per_table(n, budget_s) for n in SIZES}
    per_leaf = {n: t / n for n, t in total.items()}
    marginal = {n: max(t - fixed, 1e-9) / (n - 1) for n, t in total.items()}
    figures = []
    for label, values in (("per leaf", per_leaf), ("per leaf above the fixed cost", marginal)):
        spread = max(values.values()) / min(values.values())
        figures.append(
            Figure(
                f"Table (time {label})",
                ", ".join(f"{n:,}: {s * 1e6:.1f} µs" for n, s in values.items()),
                f"1 leaf {fixed * 1000:.2f} ms; 10,000 leaves {total[10_000] * 1000:.0f} ms",
                f"{spread:.2f}x spread",
                "<= 2x",
                spread <= 2,
            )
        )
    return figures

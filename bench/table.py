"""Table: building the configuration table (`sgp.present.tables.vendor_config_table`) as it grows.

A typical LLM Engine configuration, grown to exactly N leaves with labels and nested extra
settings (what a large real configuration looks like). Time per leaf at each size; the
figure is the largest per-leaf time over the smallest, which stays low if the work is
linear in the number of leaves. Building any pandas table has a fixed cost of a few
milliseconds (the one-leaf table), which dominates the per-leaf time of small tables, so
the spread is large while nothing grows; the second figure is the growth: how much more a
leaf costs in a bigger table than in a smaller one (above 1 would mean worse than linear).
"""

from __future__ import annotations

import time
from typing import Any

from bench.report import Figure
from sgp.api import InferenceModel, parse_model
from sgp.present import flatten, vendor_config_table
from testkit.bodies import sample_body

SIZES = (10, 100, 1_000, 10_000)
ROUNDS = 7


def model_with_leaves(n: int) -> InferenceModel:
    body = sample_body(f"m-{n}-leaves")
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


def seconds_per_table(sizes: tuple[int, ...], budget_s: float) -> dict[int, float]:
    """Seconds to build the table of a configuration with n leaves, for each n.

    Sizes are measured in turn, batch after batch, so that a burst of load from other
    processes falls on all of them; each keeps its best batch (every other number is that
    one plus time lost to other processes).
    """
    models = {n: model_with_leaves(n) for n in sizes}
    reps = {}
    for n, model in models.items():
        vendor_config_table(model)  # warm-up
        t0 = time.perf_counter()
        vendor_config_table(model)
        once = time.perf_counter() - t0
        reps[n] = max(1, int(budget_s / ROUNDS / max(once, 1e-6)))
    best = dict.fromkeys(sizes, float("inf"))
    for _ in range(ROUNDS):
        for n, model in models.items():
            t0 = time.perf_counter()
            for _ in range(reps[n]):
                frame = vendor_config_table(model)
            best[n] = min(best[n], (time.perf_counter() - t0) / reps[n])
            assert len(frame) == n
    return best


def table_figures(budget_s: float) -> list[Figure]:
    """Time per leaf: its spread across sizes, and its growth from a smaller to a larger size."""
    measured = seconds_per_table((1, *SIZES), budget_s)
    fixed = measured.pop(1)
    per_leaf = {n: t / n for n, t in measured.items()}
    detail = ", ".join(f"{n:,}: {s * 1e6:.1f} µs" for n, s in per_leaf.items())
    baseline = f"1-leaf table {fixed * 1000:.2f} ms; 10,000 leaves {measured[10_000] * 1000:.0f} ms"
    spread = max(per_leaf.values()) / min(per_leaf.values())
    growth = max(per_leaf[big] / per_leaf[small] for small in SIZES for big in SIZES if big > small)
    return [
        Figure(
            "Table (time per leaf, spread)",
            detail,
            baseline,
            f"{spread:.2f}x",
            "<= 2x",
            spread <= 2,
        ),
        Figure(
            "Table (time per leaf, growth with size)",
            "largest per-leaf time in a bigger table / in a smaller one",
            "the same table builder, every size",
            f"{growth:.2f}x",
            "<= 2x",
            growth <= 2,
        ),
    ]

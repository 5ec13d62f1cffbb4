"""The benchmark's figures, the machine they came from, and the printed table.

Each figure is a measured value next to a baseline measured in the same run, their ratio
(or count), and the goal. Nothing here asserts a time: a missed goal is printed, not raised.
"""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    measured: str
    baseline: str
    result: str
    goal: str
    met: bool | None  # None: not measured (skipped, n/a)


def skipped(name: str, why: str, goal: str) -> Figure:
    return Figure(name, why, "", "", goal, None)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}; "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"load average {load}"
    )


def table(figures: list[Figure]) -> str:
    headers = ("figure", "measured", "baseline (same run)", "result", "goal", "met")
    rows = [
        (
            f.name,
            f.measured,
            f.baseline,
            f.result,
            f.goal,
            {True: "yes", False: "NO", None: "-"}[f.met],
        )
        for f in figures
    ]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)

"""Does a model's configuration make sense? Findings from the serving engine's own rules.

Each finding has a severity (problem, warning, note), the configuration fields it is about
(dotted paths as in the configuration table), one plain sentence and the rule it comes from.
Every rule and number is LLM Engine's own (scaleapi/llm-engine: the create-time checks in
`model-engine/model_engine_server/common/resource_limits.py` and `.../domain/use_cases/`,
the sizing advice in `clients/python/llmengine/model.py`); docs/rules.md lists each rule
with its source file. A value that is missing or unreadable, a model name with no parameter
count or a GPU type the engine does not know gives no finding, never a guess. A healthy
configuration has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sgp.api import InferenceModel
from sgp.present.finding import ENGINE, NOTE, PROBLEM, SEVERITIES, WARNING, Finding
from sgp.present.hardware_findings import (
    gpu_memory_findings,
    gpu_type_findings,
    limits_findings,
    rule_of_thumb_findings,
    storage_findings,
)
from sgp.present.sizing import (
    MAX_WORKERS,
    Sizing,
    sizing,
)


def _shards(size: Sizing) -> list[Finding]:
    if size.kind != "llmengine" or size.gpus is None or size.num_shards is None:
        return []
    if size.num_shards == size.gpus:
        return []
    return [
        Finding(
            "shards",
            PROBLEM,
            "Shards differ from GPUs",
            (size.field("num_shards"), size.field("gpus")),
            f"num_shards is {size.num_shards} but gpus is {size.gpus}: the engine needs them "
            "equal (it splits the model over num_shards GPUs).",
            f'{ENGINE} refuses it at create: "Num shard {{n}} must be equal to the number of '
            'GPUs {g}."',
        )
    ]


def _scaling(size: Sizing) -> list[Finding]:
    low, high = size.min_workers, size.max_workers
    if low is None or high is None:
        return []
    fields = (size.field("min_workers"), size.field("max_workers"))
    found = []
    if low > high:
        found.append(
            Finding(
                "min_above_max",
                PROBLEM,
                "Minimum above maximum",
                fields,
                f"min_workers ({low}) is greater than max_workers ({high}).",
                f"{ENGINE}: min_workers <= max_workers (stated by its client; the server "
                "does not check it).",
            )
        )
    if high > MAX_WORKERS:
        found.append(
            Finding(
                "max_workers_too_high",
                PROBLEM,
                "Too many workers",
                (size.field("max_workers"),),
                f"max_workers is {high}; the platform allows at most {MAX_WORKERS}.",
                f'{ENGINE} refuses it at create: "Requested max workers {{n}} too high".',
            )
        )
    if low == 0 and high > 1:
        found.append(
            Finding(
                "scale_from_zero_max",
                WARNING,
                "Scale from zero goes to 1 only",
                fields,
                f"min_workers is 0 and max_workers is {high}: scale-from-zero goes from 0 to "
                "1 worker only, so with min_workers 0 max_workers must be 1.",
                f"{ENGINE}: scale-from-zero goes from 0 to 1 only.",
            )
        )
    if low == 0 and high >= 1 and size.high_priority:
        found.append(
            Finding(
                "cold_start",
                NOTE,
                "Slow first answer after idle",
                (size.field("min_workers"), size.field("high_priority")),
                "This high-priority model keeps no worker running (min_workers 0): the first "
                "request after idle waits for a worker, and maybe a new GPU machine (minutes).",
                f"{ENGINE}: min_workers 0 means scale-from-zero; new GPU nodes take 5-15 min.",
            )
        )
    return found


RULES: tuple[Callable[[Sizing], list[Finding]], ...] = (
    _shards,
    gpu_type_findings,
    limits_findings,
    gpu_memory_findings,
    _scaling,
    rule_of_thumb_findings,
    storage_findings,
)


def findings(model: InferenceModel) -> tuple[Finding, ...]:
    """The findings about a model's configuration, problems first; none for a healthy one."""
    size = sizing(model)
    if size is None:
        return ()
    found = [finding for rule in RULES for finding in rule(size)]
    return tuple(sorted(found, key=lambda f: SEVERITIES.index(f.severity)))


def has_problem(found: Iterable[Finding]) -> bool:
    return any(f.severity == PROBLEM for f in found)


def field_severity(found: Iterable[Finding]) -> dict[str, str]:
    """The worst severity per configuration field named by a finding (for highlighting)."""
    worst: dict[str, str] = {}
    for finding in sorted(found, key=lambda f: SEVERITIES.index(f.severity), reverse=True):
        worst.update(dict.fromkeys(finding.fields, finding.severity))
    return worst


def problem_difference(left: InferenceModel, right: InferenceModel) -> str:
    """A sentence naming problems that one side has and the other not; "" when none."""
    a, b = ({f.title: f for f in findings(m) if f.severity == PROBLEM} for m in (left, right))
    parts = []
    for tag, mine, theirs in (("A", a, b), ("B", b, a)):
        only = [title for title in mine if title not in theirs]
        if only:
            parts.append(f"Only {tag} has a configuration problem: {'; '.join(only)}.")
    return " ".join(parts)

"""Does a model's configuration make sense? Findings from the serving engine's own rules.

Each finding has a severity (problem, warning, note), the configuration fields it is about
(dotted paths as in the configuration table), one plain sentence and the rule it comes from.
Every rule and number is from /work/shared/api/failures-and-hardware.md (LLM Engine's
source): a value that is missing or unreadable, a model name with no parameter count or a
GPU type the engine does not know gives no finding, never a guess. A healthy configuration
has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sgp.api import InferenceModel
from sgp.present.hardware import gpu_name
from sgp.present.sizing import (
    CPUS_PER_GPU,
    GIB,
    GPU_MEMORY_GB,
    GPU_MEMORY_USED,
    MAX_WORKERS,
    MEMORY_GI_PER_GPU,
    Sizing,
    gb,
    gi,
    limits_for,
    params_billions,
    sizing,
    weights_bytes,
)

PROBLEM, WARNING, NOTE = "problem", "warning", "note"
SEVERITIES = (PROBLEM, WARNING, NOTE)
ENGINE = "LLM Engine (model-engine)"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str  # a few words, for a table cell
    fields: tuple[str, ...]
    sentence: str
    source: str


def _gpus(n: int) -> str:
    return f"{n} GPU" + ("" if n == 1 else "s")


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


def _gpu_type(size: Sizing) -> list[Finding]:
    if not size.gpus or size.gpus <= 0 or size.gpu_type:
        return []
    return [
        Finding(
            "gpu_type_missing",
            PROBLEM,
            "GPU type missing",
            (size.field("gpus"), size.field("gpu_type")),
            f"gpus is {size.gpus} but no gpu_type is set.",
            f'{ENGINE} refuses it at create: "Must provide gpu_type if gpus > 0".',
        )
    ]


def _limits(size: Sizing) -> list[Finding]:
    limits = limits_for(size)
    if limits is None:
        return []
    checks = (
        ("cpus", size.cpus, size.cpus_text, limits.cpus, str(limits.cpus)),
        ("memory", size.memory, size.memory_text, limits.memory_gi * GIB, f"{limits.memory_gi}Gi"),
        (
            "storage",
            size.storage,
            size.storage_text,
            limits.storage_gi * GIB,
            f"{limits.storage_gi}Gi",
        ),
    )
    found = []
    for name, value, text, most, most_text in checks:
        if value is not None and value > most:
            found.append(
                Finding(
                    f"above_limit_{name}",
                    PROBLEM,
                    f"Too much {'CPU' if name == 'cpus' else name} for the hardware",
                    (size.field(name),),
                    f"{name} is {text}, above the most a worker may ask for on "
                    f"{limits.hardware} ({most_text}).",
                    f"{ENGINE} refuses it at create: per-GPU-type limits ({limits.hardware}: "
                    f"{limits.cpus} CPUs, {limits.memory_gi}Gi memory, "
                    f"{limits.storage_gi}Gi storage).",
                )
            )
    return found


def _gpu_memory(size: Sizing) -> list[Finding]:
    if size.kind != "llmengine" or not size.gpus or size.gpus <= 0:
        return []
    per_gpu = GPU_MEMORY_GB.get(str(size.gpu_type))
    weights = weights_bytes(size)
    if per_gpu is None or weights is None:
        return []
    needed, have = weights / GPU_MEMORY_USED, size.gpus * per_gpu * 10**9
    if needed <= have:
        return []
    params = params_billions(size.model_name)
    fields = ("model", "gpus", "gpu_type", *(("quantize",) if size.quantize else ()))
    return [
        Finding(
            "gpu_memory",
            PROBLEM,
            "GPU memory too small",
            tuple(size.field(f) for f in fields),
            f"{size.model_name} has {params} billion parameters: for its weights alone it "
            f"needs at least {gb(needed)} of GPU memory; "
            f"{size.gpus} x {gpu_name(size.gpu_type)} has {gb(have)}.",
            f"{ENGINE}: weights at 2 bytes per parameter (fewer when quantized), divided by "
            f"{GPU_MEMORY_USED} (vLLM uses 90% of GPU memory); GPU memory per type.",
        )
    ]


def _rule_of_thumb(size: Sizing) -> list[Finding]:
    if size.kind != "llmengine" or not size.gpus or size.gpus <= 0:
        return []
    source = (
        f'{ENGINE} client: cpus "8 * GPU count", memory "24Gi * GPU count" '
        "(rule of thumb for an LLM)."
    )
    found = []
    cpus_wanted = CPUS_PER_GPU * size.gpus
    if size.cpus is not None and size.cpus < cpus_wanted:
        found.append(
            Finding(
                "cpus_below_thumb",
                WARNING,
                "Few CPUs for the GPUs",
                (size.field("cpus"),),
                f"cpus is {size.cpus_text}, below the engine's rule of thumb of "
                f"{CPUS_PER_GPU} per GPU ({cpus_wanted} for {_gpus(size.gpus)}).",
                source,
            )
        )
    memory_wanted = MEMORY_GI_PER_GPU * size.gpus * GIB
    if size.memory is not None and size.memory < memory_wanted:
        found.append(
            Finding(
                "memory_below_thumb",
                WARNING,
                "Little memory for the GPUs",
                (size.field("memory"),),
                f"memory is {size.memory_text}, below the engine's rule of thumb of "
                f"{MEMORY_GI_PER_GPU}Gi per GPU ({gi(memory_wanted)} for {_gpus(size.gpus)}).",
                source,
            )
        )
    return found


def _storage(size: Sizing) -> list[Finding]:
    if size.kind != "llmengine" or size.storage is None:
        return []
    weights = weights_bytes(size)
    if weights is None or size.storage >= weights:
        return []
    return [
        Finding(
            "storage_below_weights",
            WARNING,
            "Disk smaller than the weights",
            (size.field("storage"),),
            f"storage is {size.storage_text}, less than the model's weights "
            f"({gb(weights)}): downloading them can fill the disk.",
            f"{ENGINE}: weights at 2 bytes per parameter; its client sizes storage "
            '"40Gi for 7B models, 80Gi for 13B models and 200Gi for 70B models".',
        )
    ]


RULES: tuple[Callable[[Sizing], list[Finding]], ...] = (
    _shards,
    _gpu_type,
    _limits,
    _gpu_memory,
    _scaling,
    _rule_of_thumb,
    _storage,
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

"""Findings about a model's hardware: GPU type, the per-GPU-type limits, GPU memory against
the weights, CPUs and memory per GPU, and storage. Every rule and number is LLM Engine's own
(scaleapi/llm-engine; docs/rules.md names each rule's source file, `sgp.present.sizing` holds
the numbers); unknown inputs give no finding."""

from __future__ import annotations

from sgp.present.finding import ENGINE, PROBLEM, WARNING, Finding
from sgp.present.hardware import gpu_name
from sgp.present.sizing import (
    CPUS_PER_GPU,
    GIB,
    GPU_MEMORY_GB,
    GPU_MEMORY_USED,
    MEMORY_GI_PER_GPU,
    Sizing,
    gb,
    gi,
    limits_for,
    params_billions,
    weights_bytes,
)


def _gpus(n: int) -> str:
    return f"{n} GPU" + ("" if n == 1 else "s")


def gpu_type_findings(size: Sizing) -> list[Finding]:
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


def limits_findings(size: Sizing) -> list[Finding]:
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


def gpu_memory_findings(size: Sizing) -> list[Finding]:
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


def rule_of_thumb_findings(size: Sizing) -> list[Finding]:
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


def storage_findings(size: Sizing) -> list[Finding]:
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

"""Hardware facts of LLM Engine (scaleapi/llm-engine, `model-engine/`) and a model's sizing.

Every number here is the engine's own, from scaleapi/llm-engine: the per-hardware limits and
the worker cap in `model-engine/model_engine_server/common/resource_limits.py`, the GPU
types in `.../domain/entities/gpu_type.py` (their memory is the cards' own), the parameter
count and the 0.9 share of GPU memory in `.../domain/use_cases/llm_model_endpoint_use_cases.py`,
the per-GPU advice in `clients/python/llmengine/model.py`; docs/rules.md lists each. Nothing
is estimated. `sizing` reads what a model asks for from its LLM Engine or Launch
configuration, with None for anything missing or unreadable: callers say "unknown" then,
never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sgp.api import InferenceModel, LaunchVendorConfiguration, LLMEngineVendorConfiguration

GIB = 2**30
GB = 10**9

# GPU memory per type, in GB.
GPU_MEMORY_GB: dict[str, int] = {
    "nvidia-tesla-t4": 16,
    "nvidia-ampere-a10": 24,
    "nvidia-ampere-a100": 40,
    "nvidia-ampere-a100e": 80,
    "nvidia-hopper-h100": 80,
    "nvidia-hopper-h100-1g20gb": 20,
    "nvidia-hopper-h100-3g40gb": 40,
}
KNOWN_GPU_TYPES = frozenset(GPU_MEMORY_GB)
# vLLM uses 90% of GPU memory (the issue's and the facts' floor for a 70B model: 140 / 0.9).
GPU_MEMORY_USED = 0.9


@dataclass(frozen=True)
class Limits:
    """The most a worker may ask for on one kind of hardware (create-time rejections)."""

    hardware: str
    cpus: int
    memory_gi: int
    storage_gi: int


CPU_ONLY = Limits("CPU only", 7, 30, 640)
_T4_A10 = Limits("T4 and A10", 63, 250, 640)
_A100 = Limits("A100 and A100 80GB", 95, 1000, 640)
LIMITS: dict[str, Limits] = {
    "nvidia-tesla-t4": _T4_A10,
    "nvidia-ampere-a10": _T4_A10,
    "nvidia-ampere-a100": _A100,
    "nvidia-ampere-a100e": _A100,
    "nvidia-hopper-h100": Limits("H100", 191, 2000, 1300),
    "nvidia-hopper-h100-1g20gb": Limits("H100 1g.20gb slice", 47, 500, 640),
    "nvidia-hopper-h100-3g40gb": Limits("H100 3g.40gb slice", 95, 1000, 640),
}
MAX_WORKERS = 250

# Model-engine's rule of thumb per GPU for an LLM (its client's docstring).
CPUS_PER_GPU = 8
MEMORY_GI_PER_GPU = 24

# The engine's special cases, checked in this order before the last "(\d+)b" in the name.
SPECIAL_PARAMS_B: tuple[tuple[str, int], ...] = (
    ("mixtral-8x7b", 47),
    ("mixtral-8x22b", 140),
    ("phi-3-mini", 4),
    ("phi-3-small", 8),
    ("phi-3-medium", 15),
    ("deepseek-coder-v2-lite", 16),
    ("deepseek-coder-v2", 237),
)
_PARAMS = re.compile(r"(\d+)b")
_BITS = re.compile(r"(?i)(\d+)[-_ ]?bits?\b|\b(?:int|fp)(\d+)\b")

_QUANTITY = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGTPE]i?|[kmu]?)\s*$")
_FACTORS = {
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
    "E": 10**18,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "Ei": 2**60,
}


def quantity_bytes(value: object) -> float | None:
    """A Kubernetes quantity ("24Gi", "500M", "1Ti") in bytes; None when unreadable."""
    match = _QUANTITY.match(str(value)) if isinstance(value, str | int) else None
    if not match or match.group(2) in ("m", "u"):
        return None
    return float(Decimal(match.group(1)) * _FACTORS[match.group(2)])


def cpu_count(value: object) -> float | None:
    """A CPU request (8, "8", "1.5", "500m") as a number of CPUs; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    try:
        if text.endswith("m"):
            return float(Decimal(text[:-1]) / 1000)
        return float(Decimal(text))
    except (InvalidOperation, ValueError):
        return None


def params_billions(model_name: str | None) -> int | None:
    """The parameter count the engine reads from a model name; None when it reads none."""
    if not model_name:
        return None
    for prefix, count in SPECIAL_PARAMS_B:
        if prefix in model_name:
            return count
    numbers = _PARAMS.findall(model_name)
    return int(numbers[-1]) if numbers else None


def bytes_per_param(quantize: str | None) -> float | None:
    """2 at 16 bits; 1 or 0.5 when `quantize` says 8 or 4 bits; None when it says neither."""
    if not quantize:
        return 2.0
    match = _BITS.search(quantize)
    bits = int(match.group(1) or match.group(2)) if match else None
    return {8: 1.0, 4: 0.5}.get(bits) if bits else None


@dataclass(frozen=True)
class Sizing:
    """What one worker of a model asks for; None where the configuration does not say."""

    kind: str  # "llmengine" or "launch"
    prefix: str  # the dotted path of the fields in the configuration table
    gpus: int | None
    gpu_type: str | None
    cpus: float | None
    cpus_text: str | None
    memory: float | None
    memory_text: str | None
    storage: float | None
    storage_text: str | None
    min_workers: int | None
    max_workers: int | None
    high_priority: bool
    num_shards: int | None = None
    model_name: str | None = None
    quantize: str | None = None

    def field(self, name: str) -> str:
        return self.prefix + name


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def sizing(model: InferenceModel) -> Sizing | None:
    """The sizing of an LLM Engine or Launch model; None for any other configuration."""
    config = model.vendor_configuration
    if isinstance(config, LLMEngineVendorConfiguration):
        return Sizing(
            "llmengine",
            "",
            config.gpus,
            config.gpu_type,
            cpu_count(config.cpus),
            _text(config.cpus),
            quantity_bytes(config.memory),
            _text(config.memory),
            quantity_bytes(config.storage),
            _text(config.storage),
            config.min_workers,
            config.max_workers,
            config.high_priority is True,
            num_shards=config.num_shards,
            model_name=config.model,
            quantize=config.quantize,
        )
    if isinstance(config, LaunchVendorConfiguration):
        infra = config.model_infra
        return Sizing(
            "launch",
            "model_infra.",
            infra.gpus,
            infra.gpu_type,
            cpu_count(infra.cpus),
            _text(infra.cpus),
            quantity_bytes(infra.memory),
            _text(infra.memory),
            quantity_bytes(infra.storage),
            _text(infra.storage),
            infra.min_workers,
            infra.max_workers,
            infra.high_priority is True,
        )
    return None


def limits_for(size: Sizing) -> Limits | None:
    """The per-hardware limits that apply, or None when the GPU type is unknown or missing."""
    if size.gpus == 0:
        return CPU_ONLY
    if size.gpus and size.gpu_type:
        return LIMITS.get(str(size.gpu_type))
    return None


def weights_bytes(size: Sizing) -> float | None:
    """The model's weights in bytes (parameters x bytes per parameter), or None if unknown."""
    params = params_billions(size.model_name)
    per_param = bytes_per_param(size.quantize)
    if params is None or per_param is None:
        return None
    return params * GB * per_param


def gb(value: float) -> str:
    """Bytes as whole GB, rounded up (a floor must not be understated)."""
    whole = -(-value // GB)
    return f"{int(whole)} GB"


def gi(value: float) -> str:
    """Bytes as Gi, without a trailing .0."""
    return f"{value / GIB:g}Gi"

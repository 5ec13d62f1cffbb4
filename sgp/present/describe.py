"""Plain-language descriptions of a model: human names, status sentences, hardware summary.

Everything here turns API values into words a non-engineer understands. Values this
version does not know are passed through as they are, marked unknown, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sgp.api import (
    InferenceModel,
    InferenceModelStatus,
    LaunchVendorConfiguration,
    LLMEngineVendorConfiguration,
)

VENDOR_NAMES = {
    "openai": "OpenAI",
    "cohere": "Cohere",
    "vertex_ai": "Vertex AI",
    "anthropic": "Anthropic",
    "azure": "Azure OpenAI",
    "gemini": "Gemini",
    "launch": "Launch",
    "llmengine": "LLM Engine",
    "model_zoo": "Model Zoo",
    "bedrock": "Amazon Bedrock",
    "xai": "xAI",
    "fireworks_ai": "Fireworks AI",
}

MODEL_TYPE_NAMES = {
    "generic": "Generic",
    "completion": "Completion",
    "chat_completion": "Chat completion",
}

IDENTITY_NAMES = {"user": "user", "service_account": "service account"}

AVAILABILITY_NAMES = {
    "available": "Available",
    "unavailable": "Unavailable",
    "unknown": "Availability unknown",
}

GPU_NAMES = {
    "nvidia-tesla-t4": "NVIDIA T4",
    "nvidia-ampere-a10": "NVIDIA A10",
    "nvidia-ampere-a100": "NVIDIA A100",
    "nvidia-ampere-a100e": "NVIDIA A100 80GB",
    "nvidia-hopper-h100": "NVIDIA H100",
    "nvidia-hopper-h100-1g20gb": "NVIDIA H100 (1g.20gb slice)",
    "nvidia-hopper-h100-3g40gb": "NVIDIA H100 (3g.40gb slice)",
}

FRAMEWORK_NAMES = {
    "vllm": "vLLM",
    "text_generation_inference": "Text Generation Inference",
    "deepspeed": "DeepSpeed",
    "lightllm": "LightLLM",
    "tensorrt_llm": "TensorRT-LLM",
    "sglang": "SGLang",
}


@dataclass(frozen=True)
class StatusInfo:
    label: str
    color: str
    icon: str
    sentence: str
    known: bool = True


STATUSES = {
    InferenceModelStatus.ready: StatusInfo(
        "Ready",
        "green",
        ":material/check_circle:",
        "Ready: the model is deployed and answering requests.",
    ),
    InferenceModelStatus.deploying: StatusInfo(
        "Deploying",
        "blue",
        ":material/progress_activity:",
        "Deploying: the model is starting up and cannot answer requests yet.",
    ),
    InferenceModelStatus.failed: StatusInfo(
        "Failed",
        "red",
        ":material/error:",
        "Failed: the deployment did not succeed, so the model cannot answer requests.",
    ),
    InferenceModelStatus.deployment_timeout: StatusInfo(
        "Deployment timed out",
        "orange",
        ":material/timer_off:",
        "Deployment timed out: the model did not become ready in time and is not answering.",
    ),
}
UNKNOWN_STATUS = StatusInfo(
    "Unknown status",
    "gray",
    ":material/help:",
    "This app does not know this status yet; it is shown exactly as the API sent it.",
    known=False,
)


def status_info(status: str) -> StatusInfo:
    return STATUSES.get(status, UNKNOWN_STATUS)  # type: ignore[call-overload]


def vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def model_type_name(model_type: str) -> str:
    return MODEL_TYPE_NAMES.get(model_type, model_type)


def identity_name(identity: str) -> str:
    return IDENTITY_NAMES.get(identity, identity)


def availability_name(availability: str | None) -> str:
    if availability is None:
        return "Availability not reported"
    return AVAILABILITY_NAMES.get(availability, availability)


def gpu_name(gpu_type: str | None) -> str:
    if not gpu_type:
        return "GPU"
    return GPU_NAMES.get(gpu_type, gpu_type)


def _hardware_parts(
    gpus: int | None, gpu_type: str | None, cpus: object, memory: str | None
) -> list[str]:
    parts = []
    if gpus:
        parts.append(f"{gpus} x {gpu_name(gpu_type)}")
    elif gpus == 0:
        parts.append("no GPU")
    if cpus not in (None, ""):
        parts.append(f"{cpus} CPU" + ("" if str(cpus) == "1" else "s"))
    if memory:
        parts.append(f"{memory} memory")
    return parts


def _workers(min_workers: int, max_workers: int) -> str:
    if min_workers == max_workers:
        return f"{min_workers} worker" + ("" if min_workers == 1 else "s")
    return f"{min_workers}-{max_workers} workers"


def hardware_summary(model: InferenceModel) -> str | None:
    """One line on what the model runs on, or None when there is nothing to summarise."""
    config = model.vendor_configuration
    if isinstance(config, LLMEngineVendorConfiguration):
        framework = FRAMEWORK_NAMES.get(config.inference_framework, config.inference_framework)
        parts = [f"{config.model} on {framework}"]
        parts += _hardware_parts(config.gpus, config.gpu_type, config.cpus, config.memory)
        parts.append(_workers(config.min_workers, config.max_workers))
        return " · ".join(parts)
    if isinstance(config, LaunchVendorConfiguration):
        image, infra = config.model_image, config.model_infra
        parts = [f"{image.repository}:{image.tag}"]
        parts += _hardware_parts(infra.gpus, infra.gpu_type, infra.cpus, infra.memory)
        parts.append(_workers(infra.min_workers, infra.max_workers))
        return " · ".join(parts)
    if config is None:
        return f"Hosted by {vendor_name(model.model_vendor)}: no deployment configuration."
    return None


TIME_UNITS = (
    ("year", 31_536_000),
    ("month", 2_592_000),
    ("day", 86_400),
    ("hour", 3_600),
    ("minute", 60),
)


def time_ago(when: datetime, now: datetime) -> str:
    """'3 days ago', 'in 2 hours', 'just now': the coarsest unit that fits."""
    seconds = (now - when).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds < 45:
        return "just now"
    unit, size = next((u, s) for u, s in TIME_UNITS if seconds >= s or u == "minute")
    count = max(1, round(seconds / size))
    text = f"{count} {unit}{'' if count == 1 else 's'}"
    return f"in {text}" if future else f"{text} ago"


def plural(count: int, noun: str) -> str:
    """'model' or 'models' for a count."""
    return noun if count == 1 else f"{noun}s"

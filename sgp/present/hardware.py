"""What a model runs on, read once: the one source of the hardware words.

`hardware_of` reads a Launch or LLM Engine configuration into a `Hardware` value of
phrases ("2 x NVIDIA H100", "8 CPUs", "24Gi memory"); the inspect page's one-line
`hardware_summary` and the compare sentence (`sgp.present.compare`) are both built from
it. A value the API did not send is None, never zero: LLM Engine's `gpus`, `cpus` and
`memory` may be absent, and absent is "not stated", not "no GPU". (Launch's fields have
contract defaults, e.g. `gpus: 0`, so for Launch an absent value is the default.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sgp.api import (
    InferenceModel,
    LaunchVendorConfiguration,
    LLMEngineVendorConfiguration,
)
from sgp.present.describe import vendor_name
from sgp.present.words import counted, plural

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
class Hardware:
    """One deployment's hardware and scale as phrases; None where the API did not say."""

    kind: str  # "llmengine" or "launch"
    serves: str  # the model (LLM Engine) or the image (Launch)
    framework: str | None  # LLM Engine's inference framework, by its human name
    gpus: str | None  # "2 x NVIDIA H100", "no GPU", "NVIDIA A10 (how many not stated)"
    cpus: str | None  # "8 CPUs"
    memory: str | None  # "24Gi memory"
    min_workers: int
    max_workers: int

    def parts(self) -> list[str]:
        """The summary's phrases, in order; what was not stated is left out."""
        software = f"{self.serves} on {self.framework}" if self.framework else self.serves
        stated = [p for p in (self.gpus, self.cpus, self.memory) if p]
        return [software, *stated, workers_phrase(self.min_workers, self.max_workers)]


def gpu_name(gpu_type: str | None) -> str:
    if not gpu_type:
        return "GPU"
    return GPU_NAMES.get(gpu_type, gpu_type)


def gpus_phrase(gpus: int | None, gpu_type: str | None) -> str | None:
    """'2 x NVIDIA H100', 'no GPU' for zero, None when neither a count nor a type was sent."""
    if gpus is None:
        return f"{gpu_name(gpu_type)} (how many not stated)" if gpu_type else None
    if gpus == 0:
        return "no GPU"
    return f"{gpus} x {gpu_name(gpu_type)}"


def cpus_phrase(cpus: object) -> str | None:
    if cpus is None or cpus == "":
        return None
    count = 1 if str(cpus) == "1" else 2  # the API may send "0.5" or "8": only "1" is one
    return f"{cpus} {plural(count, 'CPU')}"


def memory_phrase(memory: str | None) -> str | None:
    return f"{memory} memory" if memory else None


def workers_phrase(min_workers: int, max_workers: int) -> str:
    if min_workers == max_workers:
        return counted(min_workers, "worker")
    return f"{min_workers}-{max_workers} workers"


def hardware_of(model: InferenceModel) -> Hardware | None:
    """The model's hardware, or None when it has no Launch or LLM Engine configuration."""
    config = model.vendor_configuration
    if isinstance(config, LLMEngineVendorConfiguration):
        return Hardware(
            kind="llmengine",
            serves=config.model,
            framework=FRAMEWORK_NAMES.get(config.inference_framework, config.inference_framework),
            gpus=gpus_phrase(config.gpus, config.gpu_type),
            cpus=cpus_phrase(config.cpus),
            memory=memory_phrase(config.memory),
            min_workers=config.min_workers,
            max_workers=config.max_workers,
        )
    if isinstance(config, LaunchVendorConfiguration):
        image, infra = config.model_image, config.model_infra
        return Hardware(
            kind="launch",
            serves=f"{image.repository}:{image.tag}",
            framework=None,
            gpus=gpus_phrase(infra.gpus, infra.gpu_type),
            cpus=cpus_phrase(infra.cpus),
            memory=memory_phrase(infra.memory),
            min_workers=infra.min_workers,
            max_workers=infra.max_workers,
        )
    return None


def hardware_summary(model: InferenceModel) -> str | None:
    """One line on what the model runs on, or None when there is nothing to summarise."""
    hardware = hardware_of(model)
    if hardware is not None:
        return " · ".join(hardware.parts())
    if model.vendor_configuration is None:
        return f"Hosted by {vendor_name(model.model_vendor)}: no deployment configuration."
    return None

"""Builders of realistic demo model bodies: an LLM Engine configuration sized by the engine's
own rule of thumb (8 CPUs and 24Gi per GPU, storage for the weights), and a model body."""

from __future__ import annotations

from typing import Any


def storage_for(model: str) -> str:
    """Room for the weights (2 bytes per parameter), in the engine client's sizes."""
    if "mixtral" in model or "-70b" in model:
        return "200Gi"
    return "80Gi" if "-13b" in model or "-34b" in model else "40Gi"


def llm_engine(model: str, gpus: int, gpu_type: str, **extra: Any) -> dict[str, Any]:
    config = {
        "model": model,
        "inference_framework": "vllm",
        "inference_framework_image_tag": "0.6.3",
        "source": "hugging_face",
        "num_shards": gpus,
        "cpus": 8 * gpus,
        "memory": f"{24 * gpus}Gi",
        "storage": storage_for(model),
        "gpus": gpus,
        "gpu_type": gpu_type,
        "min_workers": 0,
        "max_workers": 1,
        "per_worker": 10,
        "endpoint_type": "streaming",
    }
    config.update(extra)
    return config


def sample_model(
    model_id: str, name: str, status: str, created_at: str, **fields: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": model_id,
        "object": "model",
        "name": name,
        "model_type": "chat_completion",
        "model_vendor": "llmengine",
        "status": status,
        "model_availability": "available" if status == "ready" else "unavailable",
        "created_at": created_at,
        "created_by_user_id": "user_7f3c2a91",
        "created_by_identity_type": "user",
    }
    body.update(fields)
    return body

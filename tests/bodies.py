"""Minimal valid InferenceModel bodies for tests that need a model but not a particular one."""

from __future__ import annotations

from typing import Any

# A realistic healthy LLM Engine configuration: llama-2-7b on 1 x A10, 8 CPUs, 24Gi, 40Gi.
SEVEN_B = {
    "model": "llama-2-7b",
    "gpus": 1,
    "num_shards": 1,
    "gpu_type": "nvidia-ampere-a10",
    "cpus": 8,
    "memory": "24Gi",
    "storage": "40Gi",
}


def model_body(model_id: str, **fields: Any) -> dict[str, Any]:
    """A valid model named "Model <id>"; `fields` override or add to it."""
    return {
        "id": model_id,
        "name": f"Model {model_id}",
        "model_type": "chat_completion",
        "model_vendor": "llmengine",
        "status": "ready",
        "created_at": "2026-10-01T12:00:00Z",
        "created_by_user_id": "user_1",
        "created_by_identity_type": "user",
        **fields,
    }

"""The one builder of valid model bodies (GET /v5/models/{id} answers) for tests and benches.

Two kinds, named for what they hold:
- `minimal_body`: only the contract's required fields (no vendor configuration), for a test
  that needs some valid model but not a particular one;
- `sample_body`: the demo's first sample, a realistic ready LLM Engine model (llama-2-7b on
  one A10), for a test or bench that needs a full page: configuration, findings, tables.
Both take the ID, an optional name and fields that override or add to the body.
"""

from __future__ import annotations

import copy
from typing import Any

from sgp.demo import FEATURED

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


def minimal_body(model_id: str, name: str | None = None, **fields: Any) -> dict[str, Any]:
    """A valid ready model with only the required fields, named "Model <id>" by default."""
    return {
        "id": model_id,
        "name": name if name is not None else f"Model {model_id}",
        "model_type": "chat_completion",
        "model_vendor": "llmengine",
        "status": "ready",
        "created_at": "2026-10-01T12:00:00Z",
        "created_by_user_id": "user_1",
        "created_by_identity_type": "user",
        **fields,
    }


def sample_body(model_id: str, name: str | None = None, **fields: Any) -> dict[str, Any]:
    """The demo's Llama 2 sample under another ID, named "Model <id>" by default (a copy:
    changing it changes no other test's body)."""
    body = copy.deepcopy(FEATURED[0])
    body.update(id=model_id, name=name if name is not None else f"Model {model_id}", **fields)
    return body

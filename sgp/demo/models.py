"""The built-in sample models of the demo: realistic InferenceModel bodies, as the API sends them.

Hand-written models show every path of the app (ready, deploying, failed, timed out,
hosted without configuration, newer than the contract) and each kind of explained failure
and configuration finding (Kubernetes' scheduling words, an out-of-memory crash, an image
that cannot be pulled, a model still loading, a 70B model on one A10, scale-from-zero
with 3 workers: `troubled`); a family of generated ones fills the list endpoint so that browsing and
paging can be demoed.
"""

from __future__ import annotations

from typing import Any

from sgp.demo.bodies import llm_engine as _llm_engine
from sgp.demo.bodies import sample_model as _model
from sgp.demo.troubled import TROUBLED

LIVE_MODEL_ID = "demo-live-rollout"


FEATURED: list[dict[str, Any]] = [
    _model(
        "demo-llama-2-7b-chat",
        "Llama 2 7B Chat (support bot)",
        "ready",
        "2026-10-02T14:21:07.512Z",
        vendor_configuration=_llm_engine(
            "llama-2-7b-chat", 1, "nvidia-ampere-a10", labels={"team": "support", "env": "prod"}
        ),
        model_metadata={
            "owner": "support-automation",
            "description": "Answers first-line support questions in the help centre.",
            "eval": {"helpfulness": 0.87, "toxicity": 0.002},
            "tags": ["chat", "llama", "production"],
        },
    ),
    _model(
        "demo-launch-embeddings",
        "Document embeddings (Launch)",
        "deploying",
        "2026-11-27T07:58:40Z",
        model_type="generic",
        model_vendor="launch",
        model_availability="unknown",
        created_by_user_id="svc_ingest_pipeline",
        created_by_identity_type="service_account",
        vendor_configuration={
            "model_image": {
                "registry": "692474966980.dkr.ecr.us-west-2.amazonaws.com",
                "repository": "embeddings/bge-large",
                "tag": "2026.11.3",
                "command": ["python", "-m", "server", "--port", "5005"],
                "predict_route": "/predict",
                "env_vars": {"HF_HOME": "/models/cache", "BATCH_SIZE": "32"},
                "readiness_delay": 120,
            },
            "model_infra": {
                "endpoint_type": "sync",
                "cpus": 4,
                "gpus": 1,
                "gpu_type": "nvidia-tesla-t4",
                "memory": "16Gi",
                "storage": "16Gi",
                "min_workers": 1,
                "max_workers": 3,
                "per_worker": 10,
                "labels": {"team": "search", "cost-center": "cc-4410"},
            },
        },
        model_metadata={"owner": "search-infra", "dimensions": 1024},
    ),
    _model(
        "demo-mixtral-failed",
        "Mixtral 8x7B Instruct (eval)",
        "failed",
        "2026-11-20T09:03:11Z",
        status_reason=(
            "Container exited with code 137 (out of memory) while loading "
            "mixtral-8x7b-instruct shards. Increase memory or the number of GPUs."
        ),
        vendor_configuration=_llm_engine(
            "mixtral-8x7b-instruct", 2, "nvidia-ampere-a100", memory="48Gi", num_shards=2
        ),
        model_metadata={"owner": "research-evals", "ticket": "EVAL-1182"},
    ),
    _model(
        "demo-codellama-timeout",
        "Code Llama 34B Instruct",
        "deployment_timeout",
        "2026-11-25T18:44:52Z",
        model_type="completion",
        status_reason="The endpoint did not become ready within 3600 seconds.",
        vendor_configuration=_llm_engine(
            "codellama-34b-instruct", 4, "nvidia-ampere-a100e", max_workers=2, min_workers=1
        ),
        model_metadata={"owner": "dev-tools"},
    ),
    _model(
        "demo-gpt-4o",
        "GPT-4o (hosted)",
        "ready",
        "2026-06-11T08:00:00Z",
        model_vendor="openai",
        created_by_user_id="svc_platform_admin",
        created_by_identity_type="service_account",
        model_metadata={"provider_model": "gpt-4o-2024-08-06", "max_context": 128000},
    ),
    _model(
        "demo-next-gen",
        "Qwen 2.5 72B (newer than this app)",
        "ready",
        "2026-11-26T12:30:00Z",
        model_vendor="nvidia_nim",
        model_availability="degraded",
        deployment_region="us-east-1",
        vendor_configuration={"container": "nvcr.io/nim/qwen2.5-72b", "replicas": 2},
        model_metadata={"owner": "platform-preview"},
    ),
    _model(
        LIVE_MODEL_ID,
        "Gemma 7B Instruct (live rollout)",
        "deploying",
        "2026-11-27T08:00:00Z",
        model_availability="unknown",
        vendor_configuration=_llm_engine("gemma-7b-instruct", 1, "nvidia-hopper-h100"),
        model_metadata={"owner": "demo", "note": "Turns ready about 20 s after you open it."},
    ),
    *TROUBLED,
]

_FAMILY = [
    ("mistral-7b-instruct", 1, "nvidia-ampere-a10"),
    ("llama-2-13b-chat", 1, "nvidia-ampere-a100"),
    ("llama-2-70b-chat", 4, "nvidia-hopper-h100"),
    ("gemma-7b-instruct", 1, "nvidia-ampere-a10"),
    ("codellama-34b-instruct", 2, "nvidia-ampere-a100e"),
    ("mixtral-8x7b-instruct", 2, "nvidia-hopper-h100"),
]
_STATUSES = ["ready", "ready", "ready", "deploying", "failed", "ready"]
_TEAMS = ["support", "search", "sales", "research", "legal"]
_PULL_FAILED = (
    'ErrImagePull: failed to pull and unpack image "692474966980.dkr.ecr.us-west-2.amazonaws.com/'
    'llm-engine/vllm:0.6.3-{base}": not found'
)


def _generated() -> list[dict[str, Any]]:
    models = []
    for i in range(18):
        base, gpus, gpu = _FAMILY[i % len(_FAMILY)]
        team = _TEAMS[i % len(_TEAMS)]
        status = _STATUSES[i % len(_STATUSES)]
        extra = {"status_reason": _PULL_FAILED.format(base=base)} if status == "failed" else {}
        models.append(
            _model(
                f"demo-{team}-{base}-{i // len(_TEAMS) + 1}",
                f"{base} for {team}",
                status,
                f"2026-{1 + i % 11:02d}-{1 + (i * 3) % 27:02d}T{(i * 5) % 24:02d}:15:00Z",
                vendor_configuration=_llm_engine(base, gpus, gpu, labels={"team": team}),
                model_metadata={"owner": team},
                **extra,
            )
        )
    return models


SAMPLE_MODELS: list[dict[str, Any]] = FEATURED + _generated()
FEATURED_IDS: list[str] = [m["id"] for m in FEATURED]

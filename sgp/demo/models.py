"""The built-in sample models of the demo: realistic InferenceModel bodies, as the API sends them.

Hand-written models show every path of the app (ready, deploying, failed, timed out,
hosted without configuration, newer than the contract) and each kind of explained failure
and configuration finding (Kubernetes' scheduling words, an out-of-memory crash, an image
that cannot be pulled, a model still loading, a 70B model on one A10, scale-from-zero
with 3 workers); a family of generated ones fills the list endpoint so that browsing and
paging can be demoed.
"""

from __future__ import annotations

from typing import Any

LIVE_MODEL_ID = "demo-live-rollout"


def _storage(model: str) -> str:
    """Room for the weights (2 bytes per parameter), in the engine client's sizes."""
    if "mixtral" in model or "-70b" in model:
        return "200Gi"
    return "80Gi" if "-13b" in model or "-34b" in model else "40Gi"


def _llm_engine(model: str, gpus: int, gpu_type: str, **extra: Any) -> dict[str, Any]:
    config = {
        "model": model,
        "inference_framework": "vllm",
        "inference_framework_image_tag": "0.6.3",
        "source": "hugging_face",
        "num_shards": gpus,
        "cpus": 8 * gpus,
        "memory": f"{24 * gpus}Gi",
        "storage": _storage(model),
        "gpus": gpus,
        "gpu_type": gpu_type,
        "min_workers": 0,
        "max_workers": 1,
        "per_worker": 10,
        "endpoint_type": "streaming",
    }
    config.update(extra)
    return config


def _model(model_id: str, name: str, status: str, created_at: str, **fields: Any) -> dict[str, Any]:
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
    _model(
        "demo-llama-3-70b-unschedulable",
        "Llama 3 70B Instruct (analytics)",
        "failed",
        "2026-11-24T10:12:09Z",
        status_reason=(
            "FailedScheduling: 0/12 nodes are available: 4 Insufficient nvidia.com/gpu, "
            "8 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are "
            "available: 4 No preemption victims found for incoming pod, 8 Preemption is not "
            "helpful for scheduling."
        ),
        vendor_configuration=_llm_engine(
            "llama-3-70b-instruct",
            2,
            "nvidia-hopper-h100",
            cpus=20,
            memory="160Gi",
            min_workers=1,
            max_workers=2,
        ),
        model_metadata={"owner": "analytics", "ticket": "DATA-2290"},
    ),
    _model(
        "demo-llama-2-13b-oom",
        "Llama 2 13B Chat (summaries)",
        "failed",
        "2026-11-26T16:40:31Z",
        status_reason=(
            "Back-off restarting failed container main in pod "
            "llm-engine-endpoint-id-cm8x2-5d9f7c6b4-qx2lz: last state: Terminated, "
            "reason: OOMKilled, exitCode: 137"
        ),
        vendor_configuration=_llm_engine(
            "llama-2-13b-chat", 1, "nvidia-ampere-a100", memory="12Gi", min_workers=1
        ),
        model_metadata={"owner": "customer-success"},
    ),
    _model(
        "demo-reranker-image-pull",
        "Search reranker (Launch)",
        "deployment_timeout",
        "2026-11-27T06:05:44Z",
        model_type="generic",
        model_vendor="launch",
        created_by_user_id="svc_ingest_pipeline",
        created_by_identity_type="service_account",
        status_reason=(
            'ImagePullBackOff: Back-off pulling image "692474966980.dkr.ecr.us-west-2.'
            'amazonaws.com/rerank/bge-reranker:2026.11.9-rc2"'
        ),
        vendor_configuration={
            "model_image": {
                "registry": "692474966980.dkr.ecr.us-west-2.amazonaws.com",
                "repository": "rerank/bge-reranker",
                "tag": "2026.11.9-rc2",
                "command": ["python", "-m", "server", "--port", "5005"],
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
                "max_workers": 2,
                "per_worker": 10,
            },
        },
        model_metadata={"owner": "search-infra"},
    ),
    _model(
        "demo-llama-2-70b-one-a10",
        "Llama 2 70B Chat (pilot)",
        "failed",
        "2026-11-28T11:22:05Z",
        status_reason=(
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 448.00 MiB. GPU 0 "
            "has a total capacity of 22.05 GiB of which 118.06 MiB is free."
        ),
        vendor_configuration=_llm_engine("llama-2-70b-chat", 1, "nvidia-ampere-a10"),
        model_metadata={"owner": "legal-pilot"},
    ),
    _model(
        "demo-mistral-scale-from-zero",
        "Mistral 7B Instruct (batch jobs)",
        "ready",
        "2026-11-12T09:30:00Z",
        vendor_configuration=_llm_engine(
            "mistral-7b-instruct", 1, "nvidia-ampere-a10", min_workers=0, max_workers=3
        ),
        model_metadata={"owner": "sales-ops"},
    ),
    _model(
        "demo-gemma-loading",
        "Gemma 7B Instruct (starting up)",
        "ready",
        "2026-11-28T21:02:17Z",
        model_availability="unavailable",
        status_reason=(
            'Readiness probe failed: Get "http://10.42.7.19:5005/readyz": dial tcp '
            "10.42.7.19:5005: connect: connection refused"
        ),
        vendor_configuration=_llm_engine("gemma-7b-instruct", 1, "nvidia-ampere-a10"),
        model_metadata={"owner": "research"},
    ),
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

"""Demo models in trouble, one per kind of explained failure and configuration finding.

Kubernetes' own scheduling words, an out-of-memory crash, an image that cannot be pulled,
a 70B model on one A10 (its GPU memory too small), scale-from-zero with 3 workers, and a
model that is ready but still loading. The reasons are written as the platform and
Kubernetes write them.
"""

from __future__ import annotations

from typing import Any

from sgp.demo.bodies import llm_engine, sample_model

TROUBLED: list[dict[str, Any]] = [
    sample_model(
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
        vendor_configuration=llm_engine(
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
    sample_model(
        "demo-llama-2-13b-oom",
        "Llama 2 13B Chat (summaries)",
        "failed",
        "2026-11-26T16:40:31Z",
        status_reason=(
            "Back-off restarting failed container main in pod "
            "llm-engine-endpoint-id-cm8x2-5d9f7c6b4-qx2lz: last state: Terminated, "
            "reason: OOMKilled, exitCode: 137"
        ),
        vendor_configuration=llm_engine(
            "llama-2-13b-chat", 1, "nvidia-ampere-a100", memory="12Gi", min_workers=1
        ),
        model_metadata={"owner": "customer-success"},
    ),
    sample_model(
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
    sample_model(
        "demo-llama-2-70b-one-a10",
        "Llama 2 70B Chat (pilot)",
        "failed",
        "2026-11-28T11:22:05Z",
        status_reason=(
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 448.00 MiB. GPU 0 "
            "has a total capacity of 22.05 GiB of which 118.06 MiB is free."
        ),
        vendor_configuration=llm_engine("llama-2-70b-chat", 1, "nvidia-ampere-a10"),
        model_metadata={"owner": "legal-pilot"},
    ),
    sample_model(
        "demo-mistral-scale-from-zero",
        "Mistral 7B Instruct (batch jobs)",
        "ready",
        "2026-11-12T09:30:00Z",
        vendor_configuration=llm_engine(
            "mistral-7b-instruct", 1, "nvidia-ampere-a10", min_workers=0, max_workers=3
        ),
        model_metadata={"owner": "sales-ops"},
    ),
    sample_model(
        "demo-gemma-loading",
        "Gemma 7B Instruct (starting up)",
        "ready",
        "2026-11-28T21:02:17Z",
        model_availability="unavailable",
        status_reason=(
            'Readiness probe failed: Get "http://10.42.7.19:5005/readyz": dial tcp '
            "10.42.7.19:5005: connect: connection refused"
        ),
        vendor_configuration=llm_engine("gemma-7b-instruct", 1, "nvidia-ampere-a10"),
        model_metadata={"owner": "research"},
    ),
]

"""Why a model failed: each known cause recognised from the platform's and Kubernetes' own
full messages (the causes table in docs/rules.md), near-misses not recognised, and the
explanation a failing model gets (with the configuration named where it explains the cause).
"""

from __future__ import annotations

from typing import Any

import pytest

from sgp.api import InferenceModel
from sgp.present import NOT_KNOWN, explain, match_causes
from testkit.bodies import SEVEN_B, minimal_body


def model(status: str = "failed", reason: str | None = None, **config: Any) -> InferenceModel:
    availability = "available" if status == "ready" else "unavailable"
    return InferenceModel.model_validate(
        minimal_body(
            "m-1",
            status=status,
            status_reason=reason,
            model_availability=config.pop("availability", availability),
            vendor_configuration={**SEVEN_B, **config},
        )
    )


def keys(reason: str) -> set[str]:
    return {cause.key for cause in match_causes(reason)}


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "0/12 nodes are available: 12 Insufficient nvidia.com/gpu. preemption: 0/12 nodes "
            "are available: 12 No preemption victims found for incoming pod.",
            {"no_gpu"},
        ),
        ("Warning FailedScheduling 2m default-scheduler 0/3 nodes are available.", {"no_gpu"}),
        ("0/8 nodes are available: 8 Insufficient cpu.", {"no_room"}),
        (
            "0/5 nodes are available: 2 Insufficient memory, 3 Insufficient nvidia.com/gpu.",
            {"no_gpu", "no_room"},
        ),
        ("0/4 nodes are available: 4 Insufficient ephemeral-storage.", {"no_room"}),
        (
            "0/9 nodes are available: 9 node(s) didn't match Pod's node affinity/selector. "
            "preemption: 0/9 nodes are available: 9 Preemption is not helpful for scheduling.",
            {"no_machine_kind"},
        ),
        (
            "0/6 nodes are available: 6 node(s) had untolerated taint {nvidia.com/gpu: present}.",
            {"reserved"},
        ),
        (
            'ImagePullBackOff: Back-off pulling image "123.dkr.ecr.us-west-2.amazonaws.com/'
            'llm-engine:0.6.3"',
            {"image_pull"},
        ),
        (
            'ErrImagePull: failed to pull and unpack image "docker.io/acme/server:v2": not found',
            {"image_pull"},
        ),
        (
            'InvalidImageName: couldn\'t parse image reference "Acme/Server:v2": invalid '
            "reference format",
            {"image_pull"},
        ),
        ('ErrImageNeverPull: Container image "server:v2" is not present', {"image_pull"}),
        ("RegistryUnavailable: registry 123.dkr.ecr.amazonaws.com is down", {"image_pull"}),
        (
            "CrashLoopBackOff: back-off 5m0s restarting failed container=main "
            "pod=llm-engine-7f9c-x2(ab12)",
            {"crash_loop"},
        ),
        ("Back-off restarting failed container vllm in pod llm-engine-7f9c-x2", {"crash_loop"}),
        ("Container main terminated: reason OOMKilled", {"out_of_memory"}),
        ("Container main was terminated with exit code 137", {"out_of_memory"}),
        ("lastState: terminated: exitCode: 137, reason: Error", {"out_of_memory"}),
        ("Container exited with code 137 (out of memory) while loading", {"out_of_memory"}),
        (
            'CreateContainerConfigError: secret "hf-token" not found for container main',
            {"missing_secret"},
        ),
        (
            "Error: couldn't find key HUGGING_FACE_HUB_TOKEN in Secret llm-engine/hf-token",
            {"missing_secret"},
        ),
        (
            "The node was low on resource: ephemeral-storage. Pod ephemeral local storage "
            "usage exceeds the total limit of containers 40Gi.",
            {"disk_full"},
        ),
        ('Container main exceeded its local ephemeral storage limit "40Gi".', {"disk_full"}),
        (
            'Readiness probe failed: Get "http://10.1.2.3:5005/readyz": dial tcp 10.1.2.3:5005: '
            "connect: connection refused",
            {"still_loading"},
        ),
        (
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has "
            "a total capacity of 22.05 GiB of which 1.02 GiB is free.",
            {"gpu_too_small"},
        ),
        (
            "ValueError: No available memory for the cache blocks. Try increasing "
            "`gpu_memory_utilization` when initializing the engine.",
            {"gpu_too_small"},
        ),
        (
            "ValueError: The model's max seq len (32768) is larger than the maximum number of "
            "tokens that can be stored in KV cache (19456). Try increasing "
            "`gpu_memory_utilization` or decreasing `max_model_len`.",
            {"gpu_too_small"},
        ),
        ("Endpoint deployment failed due to an internal error.", {"internal_error"}),
        (
            "Image build failed. Check that the bundle's image and dependencies are valid and "
            "accessible.",
            {"image_build"},
        ),
        ("0/12 NODES ARE AVAILABLE: 12 INSUFFICIENT NVIDIA.COM/GPU", {"no_gpu"}),
        ("0/2 nodes are available:\n  2 Insufficient\n  nvidia.com/gpu.", {"no_gpu"}),
        (
            "Back-off restarting failed container main: OOMKilled (exit code 137) "
            + "x" * 420
            + "…",
            {"crash_loop", "out_of_memory"},
        ),
    ],
)
def test_each_known_cause_is_recognised_from_the_full_message(
    reason: str, expected: set[str]
) -> None:
    assert keys(reason) == expected


@pytest.mark.parametrize(
    "reason",
    [
        "Image pull failed: manifest unknown.",
        "Insufficient permissions to read the model weights from s3://bucket/llama.",
        "10/12 nodes are available.",
        "Container exited with code 1.",
        "Process exited with exit code 1370.",
        "Readiness probe succeeded after 3 attempts.",
        "An internal error occurred while listing endpoints.",
        "Worker ran out of memory while tokenizing.",
        "Image build succeeded.",
        "The endpoint did not become ready within 3600 seconds.",
        "Requested nvidia.com/gpu: 2",
        "",
    ],
)
def test_reasons_that_look_close_are_not_taken_for_a_known_cause(reason: str) -> None:
    assert keys(reason) == set()


def test_gpu_out_of_memory_is_not_taken_for_ram_out_of_memory() -> None:
    assert keys("RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB") == {
        "gpu_too_small"
    }


@pytest.mark.parametrize(
    ("status", "availability"),
    [("ready", "available"), ("deploying", "unavailable"), ("ready", "unknown")],
)
def test_a_model_that_is_not_failing_gets_no_explanation(status: str, availability: str) -> None:
    assert explain(model(status, "0/3 nodes are available", availability=availability)) is None


def test_unknown_reason_is_kept_verbatim_and_called_not_a_known_cause() -> None:
    reason = "Quota exceeded for project acme-ml (see <a href=x>console</a>)"
    why = explain(model("failed", reason))
    assert why is not None
    assert not why.known and why.causes == ()
    assert why.headline == NOT_KNOWN and why.reason == reason
    assert why.short == "Unknown cause"


def test_timeout_without_reason_says_what_a_timeout_usually_means() -> None:
    why = explain(model("deployment_timeout"))
    assert why is not None and why.short == "Timed out"
    assert why.context is not None
    assert "30 minutes" in why.context and "5-15 minutes" in why.context


def test_ready_but_unavailable_says_the_pods_may_be_in_trouble() -> None:
    why = explain(model("ready", availability="unavailable"))
    assert why is not None and why.short == "Not answering"
    assert why.context is not None and "waiting for GPUs" in why.context


def test_failed_without_reason_says_no_reason_was_given() -> None:
    why = explain(model("failed"))
    assert why is not None and why.short == "No reason given" and why.reason is None


def test_several_causes_in_one_reason_are_each_shown_with_a_next_step() -> None:
    why = explain(
        model(
            "failed",
            "0/12 nodes are available: 4 Insufficient nvidia.com/gpu, 8 node(s) "
            "didn't match Pod's node affinity/selector.",
        )
    )
    assert why is not None
    assert [c.cause.key for c in why.causes] == ["no_gpu", "no_machine_kind"]
    assert why.short == "No free GPU (+1)"
    assert why.headline.startswith("No machine has enough free GPUs")
    assert "Who acts: whoever deployed the model" in why.headline
    assert all(c.cause.next_step for c in why.causes)


def test_platform_error_says_the_platform_team_acts() -> None:
    why = explain(model("failed", "Endpoint deployment failed due to an internal error."))
    assert why is not None and "Who acts: the platform team" in why.headline


@pytest.mark.parametrize(
    ("reason", "config", "field", "words"),
    [
        ("OOMKilled", {"memory": "12Gi"}, "memory", "12Gi"),
        (
            "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector.",
            {"gpu_type": "nvidia-rtx-4090"},
            "gpu_type",
            "not a GPU type this engine knows",
        ),
        ("CUDA out of memory", {"model": "llama-2-70b", "storage": "200Gi"}, "gpus", "156 GB"),
        ("0/4 nodes are available: 4 Insufficient cpu.", {"cpus": 64}, "cpus", "63"),
        (
            "Pod ephemeral local storage usage exceeds 40Gi",
            {"model": "llama-2-70b"},
            "storage",
            "140 GB",
        ),
    ],
)
def test_configuration_that_explains_the_cause_is_named(
    reason: str, config: dict[str, Any], field: str, words: str
) -> None:
    why = explain(model("failed", reason, **config))
    assert why is not None and len(why.causes) == 1
    found = why.causes[0]
    assert field in found.fields
    assert found.note is not None and words in found.note


@pytest.mark.parametrize(
    "reason",
    [
        "OOMKilled",
        "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector.",
        "CUDA out of memory",
        "0/4 nodes are available: 4 Insufficient cpu.",
        "Pod ephemeral local storage usage exceeds 40Gi",
    ],
)
def test_a_healthy_configuration_is_not_blamed_for_the_cause(reason: str) -> None:
    why = explain(model("failed", reason))
    assert why is not None
    assert [(c.note, c.fields) for c in why.causes] == [(None, ())]

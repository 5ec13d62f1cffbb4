"""Does the configuration make sense: each rule of docs/rules.md firing and not
firing at its boundary, unknown inputs giving no finding, and no finding at all for the
healthy configurations the engine itself recommends or the demo shows as healthy."""

from __future__ import annotations

from typing import Any

import pytest

from sgp.api import InferenceModel
from sgp.demo import FEATURED
from sgp.present import (
    NOTE,
    PROBLEM,
    WARNING,
    field_severity,
    findings,
    params_billions,
    problem_difference,
    reserve,
)
from testkit.bodies import SEVEN_B, minimal_body

INFRA = {"endpoint_type": "sync", "gpus": 0, "cpus": 2, "memory": "8Gi", "storage": "16Gi"}
IMAGE = {"registry": "r.example", "repository": "server", "tag": "1", "command": ["serve"]}
DEMO_HEALTHY = [
    "demo-llama-2-7b-chat",
    "demo-launch-embeddings",
    "demo-gpt-4o",
    "demo-next-gen",
    "demo-live-rollout",
    "demo-codellama-timeout",
    "demo-reranker-image-pull",
    "demo-gemma-loading",
    "demo-llama-3-70b-unschedulable",
]


def llm(**config: Any) -> InferenceModel:
    body = minimal_body("m-1", vendor_configuration={**SEVEN_B, **config})
    return InferenceModel.model_validate(body)


def launch(**infra: Any) -> InferenceModel:
    config = {"model_image": IMAGE, "model_infra": {**INFRA, **infra}}
    return InferenceModel.model_validate(
        minimal_body("m-2", model_vendor="launch", vendor_configuration=config)
    )


def rules(model: InferenceModel) -> dict[str, str]:
    return {f.rule: f.severity for f in findings(model)}


def test_a_realistic_llama_2_7b_on_one_a10_has_no_finding() -> None:
    assert findings(llm()) == ()


@pytest.mark.parametrize("model_id", DEMO_HEALTHY)
def test_demo_models_with_a_sound_configuration_have_no_finding(model_id: str) -> None:
    body = next(m for m in FEATURED if m["id"] == model_id)
    assert findings(InferenceModel.model_validate(body)) == ()


@pytest.mark.parametrize(
    ("name", "gpus", "gpu_type", "extra"),
    [
        ("llama-2-7b", 1, "nvidia-hopper-h100-1g20gb", {}),
        ("llama-3-8b", 1, "nvidia-hopper-h100-1g20gb", {}),
        ("llama-2-13b", 1, "nvidia-hopper-h100-3g40gb", {"storage": "80Gi"}),
        ("llama-2-13b", 2, "nvidia-ampere-a10", {"storage": "80Gi"}),
        ("codellama-34b", 1, "nvidia-hopper-h100", {"storage": "80Gi"}),
        ("llama-2-70b", 2, "nvidia-hopper-h100", {"storage": "200Gi"}),
        ("mixtral-8x7b", 2, "nvidia-hopper-h100", {"storage": "200Gi"}),
        ("qwen2-72b", 4, "nvidia-hopper-h100", {"storage": "320Gi"}),
        ("mixtral-8x22b", 8, "nvidia-hopper-h100", {"storage": "640Gi"}),
        ("llama-2-70b", 4, "nvidia-ampere-a10", {"storage": "200Gi", "quantize": "int8"}),
    ],
)
def test_the_engines_own_hardware_picks_have_no_finding(
    name: str, gpus: int, gpu_type: str, extra: dict[str, Any]
) -> None:
    model = llm(
        model=name,
        gpus=gpus,
        num_shards=gpus,
        gpu_type=gpu_type,
        cpus=8 * gpus,
        memory=f"{24 * gpus}Gi",
        **extra,
    )
    assert findings(model) == ()


@pytest.mark.parametrize(
    ("config", "rule", "severity"),
    [
        ({"num_shards": 2}, "shards", PROBLEM),
        ({"min_workers": 2, "max_workers": 1}, "min_above_max", PROBLEM),
        ({"min_workers": 1, "max_workers": 251}, "max_workers_too_high", PROBLEM),
        ({"min_workers": 0, "max_workers": 2}, "scale_from_zero_max", WARNING),
        ({"min_workers": 0, "high_priority": True}, "cold_start", NOTE),
        ({"gpu_type": None}, "gpu_type_missing", PROBLEM),
        ({"cpus": 64}, "above_limit_cpus", PROBLEM),
        ({"memory": "251Gi"}, "above_limit_memory", PROBLEM),
        ({"storage": "641Gi"}, "above_limit_storage", PROBLEM),
        ({"model": "llama-3-11b"}, "gpu_memory", PROBLEM),
        ({"model": "llama-3-8b", "gpu_type": "nvidia-tesla-t4"}, "gpu_memory", PROBLEM),
        ({"cpus": 7}, "cpus_below_thumb", WARNING),
        ({"memory": "23Gi"}, "memory_below_thumb", WARNING),
        (
            {
                "model": "llama-2-70b",
                "storage": "130Gi",
                "gpus": 2,
                "num_shards": 2,
                "gpu_type": "nvidia-hopper-h100",
                "cpus": 16,
                "memory": "48Gi",
            },
            "storage_below_weights",
            WARNING,
        ),
    ],
)
def test_each_rule_fires_past_its_boundary(
    config: dict[str, Any], rule: str, severity: str
) -> None:
    assert rules(llm(**config)).get(rule) == severity


@pytest.mark.parametrize(
    "config",
    [
        {"num_shards": 1},
        {"min_workers": 1, "max_workers": 1},
        {"min_workers": 1, "max_workers": 250},
        {"min_workers": 0, "max_workers": 1},
        {"min_workers": 1, "high_priority": True},
        {"min_workers": 0, "high_priority": False},
        {"cpus": 63, "memory": "250Gi", "storage": "640Gi"},
        {"model": "llama-3-10b"},
        {"model": "llama-2-7b", "gpu_type": "nvidia-tesla-t4"},
        {"cpus": 8, "memory": "24Gi"},
        {
            "model": "llama-2-70b",
            "storage": "131Gi",
            "gpus": 2,
            "num_shards": 2,
            "gpu_type": "nvidia-hopper-h100",
            "cpus": 16,
            "memory": "48Gi",
        },
    ],
)
def test_no_rule_fires_at_its_boundary(config: dict[str, Any]) -> None:
    assert findings(llm(**config)) == ()


def test_seventy_b_on_one_a10_names_both_numbers_and_the_fields() -> None:
    (finding,) = [f for f in findings(llm(model="llama-2-70b-chat")) if f.rule == "gpu_memory"]
    assert "needs at least 156 GB of GPU memory; 1 x NVIDIA A10 has 24 GB" in finding.sentence
    assert set(finding.fields) == {"model", "gpus", "gpu_type"}
    assert finding.source


@pytest.mark.parametrize(
    ("quantize", "fires"),
    [(None, True), ("int8", False), ("8bit", False), ("4-bit", False), ("awq", False)],
)
def test_quantized_weights_take_fewer_bytes_and_unknown_bits_give_no_finding(
    quantize: str | None, fires: bool
) -> None:
    model = llm(
        model="llama-2-70b",
        gpus=4,
        num_shards=4,
        cpus=32,
        memory="96Gi",
        storage="200Gi",
        quantize=quantize,
    )
    assert ("gpu_memory" in rules(model)) is fires


@pytest.mark.parametrize(
    "config",
    [
        {"model": "bge-large-en", "gpu_type": "nvidia-tesla-t4"},
        {"model": "Llama-2-70B"},
        {"model": "llama-2-70b", "gpu_type": "nvidia-blackwell-b200", "storage": "200Gi"},
        {"cpus": "many", "memory": "lots", "storage": "big"},
        {"cpus": None, "memory": None, "storage": None},
        {"gpus": None, "num_shards": 1},
    ],
)
def test_unknown_inputs_give_no_finding(config: dict[str, Any]) -> None:
    assert findings(llm(**config)) == ()


@pytest.mark.parametrize(
    ("name", "billions"),
    [
        ("llama-2-70b-chat", 70),
        ("llama-3.1-8b-instruct", 8),
        ("qwen2-72b-instruct", 72),
        ("mixtral-8x7b-instruct", 47),
        ("mixtral-8x22b-instruct", 140),
        ("phi-3-mini-4k-instruct", 4),
        ("phi-3-small-128k-instruct", 8),
        ("phi-3-medium-4k-instruct", 15),
        ("deepseek-coder-v2-lite-instruct", 16),
        ("deepseek-coder-v2-instruct", 237),
        ("bge-large-en", None),
        ("Llama-2-70B", None),
    ],
)
def test_parameter_count_is_read_from_the_name_as_the_engine_reads_it(
    name: str, billions: int | None
) -> None:
    assert params_billions(name) == billions


@pytest.mark.parametrize(
    ("infra", "rule"),
    [
        ({"cpus": 8}, "above_limit_cpus"),
        ({"memory": "31Gi"}, "above_limit_memory"),
        ({"gpus": 1, "gpu_type": "nvidia-hopper-h100", "storage": "1301Gi"}, "above_limit_storage"),
        ({"gpus": 2}, "gpu_type_missing"),
        ({"min_workers": 0, "max_workers": 3}, "scale_from_zero_max"),
    ],
)
def test_launch_limits_fire_past_their_boundary(infra: dict[str, Any], rule: str) -> None:
    assert rule in rules(launch(**infra))


@pytest.mark.parametrize(
    "infra",
    [
        {"cpus": 7, "memory": "30Gi", "storage": "640Gi"},
        {"gpus": 1, "gpu_type": "nvidia-hopper-h100", "storage": "1300Gi"},
        {"gpus": 1, "gpu_type": "nvidia-tesla-t4", "cpus": 2, "memory": "4Gi"},
    ],
)
def test_launch_within_limits_has_no_finding(infra: dict[str, Any]) -> None:
    assert findings(launch(**infra)) == ()


def test_fields_are_highlighted_with_their_worst_severity() -> None:
    found = findings(llm(model="llama-2-70b", memory="8Gi", storage="200Gi"))
    worst = field_severity(found)
    assert worst["gpus"] == PROBLEM and worst["memory"] == WARNING
    assert [f.severity for f in found] == sorted(
        (f.severity for f in found), key=[PROBLEM, WARNING, NOTE].index
    )


def test_compare_names_a_problem_only_one_side_has() -> None:
    ok, bad = llm(), llm(model="llama-2-70b", storage="200Gi")
    assert (
        problem_difference(ok, bad) == "Only B has a configuration problem: GPU memory too small."
    )
    assert problem_difference(bad, bad) == ""


@pytest.mark.parametrize(
    ("model", "numbers", "words"),
    [
        (llm(min_workers=1, max_workers=3, gpus=2, num_shards=2), (2, 6, 48), "2 x NVIDIA A10"),
        (llm(min_workers=0, max_workers=3), (0, 3, 0), "no GPU running when idle"),
        (llm(gpus=None), (None, None, None), "unknown GPU-hours"),
        (launch(min_workers=2, max_workers=4), (0, 0, 0), "CPUs only"),
    ],
)
def test_reserve_counts_gpus_kept_running_and_gpu_hours(
    model: InferenceModel, numbers: tuple[int | None, ...], words: str
) -> None:
    held = reserve(model)
    assert held is not None
    assert (held.at_minimum, held.at_peak, held.gpu_hours_per_day) == numbers
    assert words in held.sentence and "$" not in held.sentence


def test_hosted_model_has_no_reserve_line() -> None:
    assert (
        reserve(InferenceModel.model_validate(minimal_body("m-3", model_vendor="openai"))) is None
    )

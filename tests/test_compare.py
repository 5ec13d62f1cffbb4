"""sgp.present.compare: the field-by-field difference of two configurations, in one sentence."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sgp.api import InferenceModel, parse_model
from sgp.demo import SAMPLE_MODELS
from sgp.present import config_diff, difference_sentence
from sgp.present.compare import IDENTICAL

DEMO = {m["id"]: m for m in SAMPLE_MODELS}


def model(model_id: str, **changes: Any) -> InferenceModel:
    body = copy.deepcopy(DEMO[model_id])
    config = changes.pop("config", None)
    if config is not None:
        body["vendor_configuration"].update(config)
    body.update(changes)
    return parse_model(body)


def changes(left: InferenceModel, right: InferenceModel) -> dict[str, str]:
    diff = config_diff(left, right)
    return dict(zip(diff["field"], diff["change"], strict=True))


def test_a_bigger_deployment_is_described_from_b_in_one_sentence() -> None:
    small = model("demo-llama-2-7b-chat")
    big = model(
        "demo-llama-2-7b-chat",
        config={"gpus": 2, "num_shards": 2, "gpu_type": "nvidia-hopper-h100", "max_workers": 4},
    )
    assert difference_sentence(small, big) == (
        "B runs on 2 x NVIDIA H100 instead of 1 x NVIDIA A10 and scales to 4 workers instead of 1."
    )


def test_the_sentence_names_model_framework_memory_and_cpus() -> None:
    left = model("demo-llama-2-7b-chat")
    right = model(
        "demo-llama-2-7b-chat",
        config={
            "model": "mistral-7b-instruct",
            "inference_framework": "tensorrt_llm",
            "memory": "48Gi",
            "cpus": 16,
        },
    )
    sentence = difference_sentence(left, right)
    assert "serves mistral-7b-instruct instead of llama-2-7b-chat" in sentence
    assert "uses TensorRT-LLM instead of vLLM" in sentence
    assert "has 48Gi memory instead of 24Gi memory" in sentence
    assert "has 16 CPUs instead of 8 CPUs" in sentence
    assert "runs on" not in sentence  # the hardware is the same


def test_identical_configurations_say_so_and_have_only_same_rows() -> None:
    left, right = model("demo-llama-2-7b-chat"), model("demo-llama-2-7b-chat", name="Copy")
    assert difference_sentence(left, right) == IDENTICAL
    assert set(changes(left, right).values()) == {"same"}


def test_minor_differences_are_named_by_field() -> None:
    left = model("demo-llama-2-7b-chat")
    right = model("demo-llama-2-7b-chat", config={"storage": "80Gi", "per_worker": 4})
    assert difference_sentence(left, right) == (
        "The configurations differ only in 2 details: storage, per_worker."
    )


def test_fields_only_on_one_side_are_added_or_removed() -> None:
    left = model("demo-llama-2-7b-chat")
    right = model("demo-mixtral-failed")
    found = changes(left, right)
    assert found["labels.team"] == "removed"  # only A has labels
    assert found["gpus"] == "changed"
    assert found["inference_framework"] == "same"
    reverse = changes(right, left)
    assert reverse["labels.team"] == "added"


def test_a_hosted_model_without_configuration_is_compared_not_an_error() -> None:
    hosted, launch = model("demo-gpt-4o"), model("demo-launch-embeddings")
    sentence = difference_sentence(hosted, launch)
    assert sentence.startswith(
        "A is hosted by OpenAI with no configuration; B runs on 1 x NVIDIA T4"
    )
    assert "scales to 3 workers" in sentence
    assert set(changes(hosted, launch).values()) == {"added"}
    assert set(changes(launch, hosted).values()) == {"removed"}
    assert difference_sentence(launch, hosted).endswith(
        "B is hosted by OpenAI with no configuration."
    )


def test_different_vendors_are_named_before_the_differences() -> None:
    sentence = difference_sentence(model("demo-llama-2-7b-chat"), model("demo-launch-embeddings"))
    assert sentence.startswith("A is deployed with LLM Engine and B with Launch. B runs on")
    assert "1 x NVIDIA T4 instead of 1 x NVIDIA A10" in sentence


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("demo-gpt-4o", "demo-gpt-4o", "Neither has a configuration: both are hosted by OpenAI."),
        ("demo-next-gen", "demo-next-gen", IDENTICAL),
    ],
)
def test_models_without_a_known_configuration_on_both_sides(
    left: str, right: str, expected: str
) -> None:
    assert difference_sentence(model(left), model(right)) == expected


def test_an_unknown_configuration_against_none_is_described() -> None:
    sentence = difference_sentence(model("demo-next-gen"), model("demo-gpt-4o"))
    assert sentence == (
        "A has a configuration of a kind this app does not know (vendor nvidia_nim); "
        "B is hosted by OpenAI with no configuration."
    )


def test_a_true_flag_is_not_the_same_as_the_number_one() -> None:
    # A configuration of unknown shape keeps its values as sent, so 1 and true both reach here.
    left = model("demo-next-gen", config={"replicas": 1})
    right = model("demo-next-gen", config={"replicas": True})
    assert changes(left, right)["replicas"] == "changed"


def test_no_gpu_on_one_side_reads_plainly() -> None:
    left = model("demo-llama-2-7b-chat")
    right = model("demo-llama-2-7b-chat", config={"gpus": 0})
    assert difference_sentence(left, right).startswith("B runs on no GPU instead of 1 x NVIDIA A10")


def test_a_path_that_occurs_twice_keeps_both_values_apart() -> None:
    base = model("demo-gpt-4o", vendor_configuration={"model": "m", "a.b": 1, "a": {"b": 2}})
    other = model("demo-gpt-4o", vendor_configuration={"model": "m", "a.b": 3})
    diff = config_diff(base, other).set_index("field")
    assert diff.loc["a.b", "left"] == 1 and diff.loc["a.b", "right"] == 3
    assert diff.loc["a.b #2", "left"] == 2 and diff.loc["a.b #2", "change"] == "removed"

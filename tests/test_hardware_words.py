"""What a model runs on, in words: the inspect summary and the compare sentence agree, and a
value the API did not send is "not stated", never zero ("no GPU") or none."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sgp.api import InferenceModel, parse_model
from sgp.demo import SAMPLE_MODELS
from sgp.present import difference_sentence, hardware_summary
from sgp.present.hardware import hardware_of

DEMO = {m["id"]: m for m in SAMPLE_MODELS}
LLAMA = "demo-llama-2-7b-chat"  # LLM Engine: 1 x NVIDIA A10, 8 CPUs, 24Gi memory


def model(model_id: str, drop: tuple[str, ...] = (), **config: Any) -> InferenceModel:
    body = copy.deepcopy(DEMO[model_id])
    for name in drop:
        del body["vendor_configuration"][name]
    body["vendor_configuration"].update(config)
    return parse_model(body)


def test_compare_does_not_say_no_gpu_when_the_api_did_not_say_how_many() -> None:
    stated, unstated = model(LLAMA), model(LLAMA, drop=("gpus", "gpu_type"))
    assert difference_sentence(stated, unstated) == (
        "B does not state its GPUs (A runs on 1 x NVIDIA A10)."
    )
    assert difference_sentence(unstated, stated) == (
        "B runs on 1 x NVIDIA A10 (A does not state its GPUs)."
    )


def test_compare_does_not_say_none_when_memory_or_cpus_are_not_stated() -> None:
    stated, unstated = model(LLAMA), model(LLAMA, drop=("memory", "cpus"))
    assert difference_sentence(unstated, stated) == (
        "B has 24Gi memory (A does not state its memory) and has 8 CPUs "
        "(A does not state its CPUs)."
    )
    sentence = difference_sentence(stated, unstated)
    assert sentence == (
        "B does not state its memory (A has 24Gi memory) and does not state its CPUs "
        "(A has 8 CPUs)."
    )
    assert "none" not in sentence and "no stated" not in sentence


def test_zero_gpus_stated_still_reads_no_gpu() -> None:
    # An LLM on no GPU also breaks the engine's rules: the sentence goes on to say so.
    assert difference_sentence(model(LLAMA), model(LLAMA, gpus=0)).startswith(
        "B runs on no GPU instead of 1 x NVIDIA A10. Only B has a configuration problem: "
    )


def test_inspect_summary_leaves_out_what_the_api_did_not_state() -> None:
    summary = hardware_summary(model(LLAMA, drop=("gpus", "gpu_type", "cpus", "memory")))
    assert summary == "llama-2-7b-chat on vLLM · 0-1 workers"


def test_a_gpu_type_without_a_count_is_named_without_inventing_a_count() -> None:
    unstated = model(LLAMA, drop=("gpus",))
    assert hardware_summary(unstated) == (
        "llama-2-7b-chat on vLLM · NVIDIA A10 (how many not stated) · 8 CPUs · 24Gi memory"
        " · 0-1 workers"
    )
    assert difference_sentence(model(LLAMA), unstated) == (
        "B runs on NVIDIA A10 (how many not stated) instead of 1 x NVIDIA A10."
    )


@pytest.mark.parametrize(
    "model_id", [m["id"] for m in SAMPLE_MODELS if hardware_of(parse_model(m)) is not None]
)
def test_compare_and_inspect_name_the_hardware_in_the_same_words(model_id: str) -> None:
    original = parse_model(DEMO[model_id])
    summary = hardware_summary(original)
    hardware = hardware_of(original)
    assert summary is not None and hardware is not None
    bigger = copy.deepcopy(DEMO[model_id])
    config = bigger["vendor_configuration"]
    infra = config.get("model_infra", config)  # Launch nests its hardware
    infra.update(gpus=7, cpus=99, memory="999Gi")
    sentence = difference_sentence(original, parse_model(bigger))
    for phrase in (hardware.gpus, hardware.cpus, hardware.memory):
        assert phrase in summary
        assert f"instead of {phrase}" in sentence

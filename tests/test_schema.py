"""The pydantic models match the contract, and stay tolerant of what the API adds later."""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime
from enum import StrEnum
from typing import Any

import pytest

import sgp.api.schema
from sgp.api import (
    GpuType,
    IdentifierTypeEnum,
    InferenceModel,
    InferenceModelStatus,
    InferenceModelVendor,
    LaunchEndpointType,
    LaunchVendorConfiguration,
    LLMEngineVendorConfiguration,
    ValidationDetail,
    parse_model,
)

# Enums the contract declares inline, by (schema, property).
INLINE_ENUMS = {
    ("LaunchModelEndpointConfiguration", "endpoint_type"): LaunchEndpointType,
    ("LaunchModelEndpointConfiguration", "gpu_type"): GpuType,
}


def contract_schemas(contract: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return contract["components"]["schemas"]


# --- the models are the contract ------------------------------------------------------------


# The 422 error body is read by the client's error handling (ValidationDetail), not modelled.
ERROR_BODIES = {"HTTPValidationError", "ValidationError"}


def test_every_contract_object_has_a_model_with_the_same_fields_and_defaults(openapi_contract):
    schemas = contract_schemas(openapi_contract)
    objects = {n: s for n, s in schemas.items() if "properties" in s and n not in ERROR_BODIES}
    assert len(objects) == 5
    assert set(schemas) >= ERROR_BODIES

    for name, schema in objects.items():
        model = getattr(sgp.api.schema, name)
        fields = model.model_fields
        assert list(fields) == list(schema["properties"]), name
        required = set(schema.get("required", []))
        for field, spec in schema["properties"].items():
            info = fields[field]
            assert info.is_required() == (field in required), f"{name}.{field}"
            if field in required:
                continue
            default = info.get_default(call_default_factory=True)
            expected = spec.get("default")  # no default in the contract: None here
            assert default == expected, f"{name}.{field}: {default!r} != {expected!r}"


def test_a_rejected_field_is_reported_with_every_field_the_contract_requires(openapi_contract):
    item = contract_schemas(openapi_contract)["ValidationError"]
    assert set(item["required"]) == {f.name for f in dataclasses.fields(ValidationDetail)}


def test_every_contract_enum_has_exactly_the_contract_values(openapi_contract):
    schemas = contract_schemas(openapi_contract)
    enums = {name: s["enum"] for name, s in schemas.items() if "enum" in s}
    for (name, field), enum in INLINE_ENUMS.items():
        enums[enum.__name__] = schemas[name]["properties"][field]["enum"]
    assert len(enums) == 7

    for name, values in enums.items():
        enum = getattr(sgp.api.schema, name)
        assert issubclass(enum, StrEnum)
        assert [member.value for member in enum] == values, name


def test_known_enum_values_become_enum_members(launch_model_json):
    model = InferenceModel.model_validate(launch_model_json)

    assert model.status is InferenceModelStatus.ready
    assert model.model_vendor is InferenceModelVendor.launch
    assert model.created_by_identity_type is IdentifierTypeEnum.user
    assert model.vendor_configuration.model_infra.gpu_type is GpuType.nvidia_ampere_a10
    assert model.unknown_values() == {}
    assert model.unknown_fields() == []


# --- what the API adds later ----------------------------------------------------------------


def body_from_the_future(body: dict[str, Any]) -> dict[str, Any]:
    future = copy.deepcopy(body)
    future.update(
        model_vendor="acme_ai",
        status="paused",
        model_type="embedding",
        model_availability="throttled",
        created_by_identity_type="robot",
        region="eu-west-1",
        cost={"per_hour": 1.5},
    )
    infra = future["vendor_configuration"]["model_infra"]
    infra.update(gpu_type="nvidia-blackwell-b200", endpoint_type="batch", spot=True)
    future["vendor_configuration"]["model_image"]["sbom"] = {"format": "spdx"}
    future["vendor_configuration"]["autoscaler"] = "keda"
    return future


UNKNOWN_VALUES = {
    "model_type": "embedding",
    "model_vendor": "acme_ai",
    "status": "paused",
    "model_availability": "throttled",
    "created_by_identity_type": "robot",
    "vendor_configuration.model_infra.endpoint_type": "batch",
    "vendor_configuration.model_infra.gpu_type": "nvidia-blackwell-b200",
}
UNKNOWN_FIELDS = {
    "region",
    "cost",
    "vendor_configuration.autoscaler",
    "vendor_configuration.model_image.sbom",
    "vendor_configuration.model_infra.spot",
}


def test_unknown_enum_values_are_kept_as_text_and_reported(launch_model_json):
    model = parse_model(body_from_the_future(launch_model_json))

    assert model.unknown_values() == UNKNOWN_VALUES
    assert model.status == "paused"
    assert type(model.status) is str
    assert isinstance(model.vendor_configuration, LaunchVendorConfiguration)


def test_extra_fields_are_kept_and_listed(launch_model_json):
    model = parse_model(body_from_the_future(launch_model_json))

    assert set(model.unknown_fields()) == UNKNOWN_FIELDS
    assert model.region == "eu-west-1"
    assert model.cost == {"per_hour": 1.5}
    assert model.vendor_configuration.model_infra.spot is True


def test_unknown_values_and_fields_survive_a_round_trip(launch_model_json):
    body = body_from_the_future(launch_model_json)
    model = parse_model(body)

    again = InferenceModel.model_validate(model.model_dump())
    from_json = InferenceModel.model_validate_json(model.model_dump_json())

    for copy_ in (again, from_json):
        assert copy_ == model
        assert copy_.unknown_values() == UNKNOWN_VALUES
        assert set(copy_.unknown_fields()) == UNKNOWN_FIELDS
    assert model.model_dump(mode="json", exclude_unset=True) == body


@pytest.mark.parametrize("fixture", ["launch_model_json", "llm_engine_model_json"])
def test_dump_gives_back_exactly_what_the_api_sent(request, fixture):
    body = request.getfixturevalue(fixture)
    model = parse_model(body)

    dumped = model.model_dump(mode="json", exclude_unset=True)

    # created_at is re-written in one canonical form; the instant is the same.
    assert datetime.fromisoformat(dumped.pop("created_at")) == datetime.fromisoformat(
        body.pop("created_at")
    )
    assert dumped == body


def test_llm_engine_unknown_field_is_listed(llm_engine_model_json):
    model = parse_model(llm_engine_model_json)

    assert model.unknown_fields() == ["vendor_configuration.warm_pool"]
    assert model.unknown_values() == {}


# --- vendor configuration -------------------------------------------------------------------


def test_configuration_with_model_image_and_model_infra_is_launch(launch_model_json):
    config = parse_model(launch_model_json).vendor_configuration

    assert isinstance(config, LaunchVendorConfiguration)
    assert config.model_image.command == ["python", "-m", "serve", "--port", "5005"]
    assert config.model_infra.storage == "16Gi"  # the contract's default, filled in


def test_configuration_with_model_is_llm_engine(llm_engine_model_json):
    config = parse_model(llm_engine_model_json).vendor_configuration

    assert isinstance(config, LLMEngineVendorConfiguration)
    assert config.model == "llama-2-7b"
    assert config.gpus == 1
    assert config.per_worker == 10
    assert config.nodes_per_worker == 1


@pytest.mark.parametrize(
    "config",
    [
        {"deployment": "gpt-4o", "api_version": "2024-02-01"},
        {},
        {"model_image": {"registry": "r"}, "model_infra": {}},  # Launch-like, image incomplete
        {"model": 42},  # LLM Engine-like, model not text
    ],
    ids=["azure-like", "empty", "launch-incomplete", "model-not-text"],
)
def test_configuration_of_no_known_shape_is_kept_as_the_mapping_it_is(hosted_model_json, config):
    model = parse_model({**hosted_model_json, "vendor_configuration": config})

    assert type(model.vendor_configuration) is dict
    assert model.vendor_configuration == config


def test_launch_shape_wins_when_a_configuration_has_both_shapes(launch_model_json):
    launch_model_json["vendor_configuration"]["model"] = "llama-2-7b"

    config = parse_model(launch_model_json).vendor_configuration

    assert isinstance(config, LaunchVendorConfiguration)
    assert config.model == "llama-2-7b"


def test_launch_like_configuration_with_a_model_falls_back_to_llm_engine(hosted_model_json):
    config = {"model": "llama-2-7b", "model_image": {"registry": "r"}, "model_infra": {}}

    parsed = parse_model({**hosted_model_json, "vendor_configuration": config})

    assert isinstance(parsed.vendor_configuration, LLMEngineVendorConfiguration)
    assert parsed.vendor_configuration.model_image == {"registry": "r"}


@pytest.mark.parametrize("config", ["absent", None])
def test_hosted_model_without_configuration_has_none(hosted_model_json, config):
    if config != "absent":
        hosted_model_json["vendor_configuration"] = config

    model = parse_model(hosted_model_json)

    assert model.vendor_configuration is None
    assert model.model_metadata is None
    assert model.object == "model"

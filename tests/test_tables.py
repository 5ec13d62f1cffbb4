"""The vendor configuration as a flat table: one row per leaf, dotted paths, and the
contract's default beside each value."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from sgp.api import parse_model
from sgp.present import vendor_config_table
from sgp.present.tables import CONFIG_COLUMNS

COLUMNS = ["section", "field", "value", "default", "is_default"]


def rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The table by field, for lookups; fails if a field appears twice."""
    assert frame["field"].is_unique
    return {row["field"]: row for row in frame.to_dict("records")}


@pytest.fixture
def launch_table(launch_model_json) -> pd.DataFrame:
    return vendor_config_table(parse_model(launch_model_json))


@pytest.fixture
def llm_engine_table(llm_engine_model_json) -> pd.DataFrame:
    return vendor_config_table(parse_model(llm_engine_model_json))


# --- shape ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    ["launch", "llm_engine", "mapping", "none"],
)
def test_configuration_table_has_exactly_the_documented_columns(
    launch_model_json, llm_engine_model_json, hosted_model_json, config
):
    body = {
        "launch": launch_model_json,
        "llm_engine": llm_engine_model_json,
        "mapping": {**hosted_model_json, "vendor_configuration": {"deployment": "gpt-4o"}},
        "none": hosted_model_json,
    }[config]

    frame = vendor_config_table(parse_model(body))

    assert list(frame.columns) == COLUMNS == CONFIG_COLUMNS
    assert frame["is_default"].dtype == bool
    assert list(frame.index) == list(range(len(frame)))


def test_no_configuration_gives_an_empty_table_with_the_same_columns(hosted_model_json):
    frame = vendor_config_table(parse_model(hosted_model_json))

    assert frame.empty
    assert list(frame.columns) == COLUMNS
    assert frame["is_default"].dtype == bool


# --- Launch ---------------------------------------------------------------------------------


def test_launch_rows_are_dotted_paths_from_the_root_in_the_contracts_order(launch_table):
    # Typed fields come in the contract's order (the same for every model), whatever order
    # the API sent them in; inside a free-form mapping (env_vars, labels) the sent order.
    assert list(launch_table["field"]) == [
        "model_image.registry",
        "model_image.repository",
        "model_image.tag",
        "model_image.command",
        "model_image.request_schema",
        "model_image.env_vars.HF_HOME",
        "model_image.env_vars.LOG_LEVEL",
        "model_image.readiness_delay",
        "model_infra.endpoint_type",
        "model_infra.gpus",
        "model_infra.gpu_type",
        "model_infra.memory",
        "model_infra.min_workers",
        "model_infra.max_workers",
        "model_infra.labels.team",
        "model_infra.labels.cost-center",
    ]


def test_launch_section_is_the_top_level_key(launch_table):
    by_field = rows(launch_table)

    for field, row in by_field.items():
        assert row["section"] == field.split(".")[0]
    assert set(launch_table["section"]) == {"model_image", "model_infra"}


def test_a_list_is_one_row_holding_the_whole_list(launch_table):
    command = rows(launch_table)["model_image.command"]

    assert command["value"] == ["python", "-m", "serve", "--port", "5005"]
    assert not launch_table["field"].str.startswith("model_image.command.").any()


def test_an_empty_object_or_list_is_one_row(launch_model_json):
    launch_model_json["vendor_configuration"]["model_image"]["command"] = []
    launch_model_json["vendor_configuration"]["model_infra"]["labels"] = {}

    by_field = rows(vendor_config_table(parse_model(launch_model_json)))

    assert by_field["model_image.command"]["value"] == []
    assert by_field["model_image.request_schema"]["value"] == {}
    assert by_field["model_infra.labels"]["value"] == {}


def test_rows_show_what_the_api_sent_not_defaults_filled_in(launch_table):
    fields = set(launch_table["field"])

    # The API sent no storage, predict_route or high_priority: no row invents one.
    for absent in ("model_infra.storage", "model_image.predict_route", "model_infra.high_priority"):
        assert absent not in fields


def test_defaults_and_is_default_come_from_the_contract(launch_table):
    by_field = rows(launch_table)

    expected = {
        # field: (value, contract default, is_default)
        "model_image.registry": ("123456789.dkr.ecr.us-west-2.amazonaws.com", None, False),
        "model_image.request_schema": ({}, {}, True),
        "model_image.readiness_delay": (120, 120, True),
        "model_infra.endpoint_type": ("sync", "sync", True),
        "model_infra.gpus": (1, 0, False),
        "model_infra.gpu_type": ("nvidia-ampere-a10", None, False),
        "model_infra.memory": ("24Gi", "8Gi", False),
        "model_infra.min_workers": (0, 0, True),
        "model_infra.max_workers": (2, 1, False),
        "model_infra.labels.team": ("support", None, False),
        "model_image.env_vars.HF_HOME": ("/cache/hf", None, False),
    }
    for field, (value, default, is_default) in expected.items():
        row = by_field[field]
        assert (row["value"], row["default"], row["is_default"]) == (value, default, is_default), (
            field
        )


def test_enum_values_are_shown_as_plain_text(launch_table):
    by_field = rows(launch_table)

    for field in ("model_infra.endpoint_type", "model_infra.gpu_type"):
        assert type(by_field[field]["value"]) is str
    assert type(by_field["model_infra.endpoint_type"]["default"]) is str


def test_true_is_not_taken_for_a_default_of_one_nor_zero_for_false(launch_model_json):
    infra = launch_model_json["vendor_configuration"]["model_infra"]
    infra.update(high_priority=False, public_inference=True, cpus="3")

    by_field = rows(vendor_config_table(parse_model(launch_model_json)))

    assert by_field["model_infra.high_priority"]["is_default"]
    assert not by_field["model_infra.public_inference"]["is_default"]
    # The contract's default for cpus is the number 3; the text "3" is shown as sent.
    assert by_field["model_infra.cpus"]["value"] == "3"
    assert not by_field["model_infra.cpus"]["is_default"]


def test_unknown_values_and_fields_are_listed_without_defaults(launch_model_json):
    infra = launch_model_json["vendor_configuration"]["model_infra"]
    infra.update(gpu_type="nvidia-blackwell-b200", spot={"max_price": 1.2})

    by_field = rows(vendor_config_table(parse_model(launch_model_json)))

    assert by_field["model_infra.gpu_type"]["value"] == "nvidia-blackwell-b200"
    assert by_field["model_infra.spot.max_price"]["value"] == 1.2
    assert by_field["model_infra.spot.max_price"]["default"] is None
    assert not by_field["model_infra.spot.max_price"]["is_default"]


# --- LLM Engine -----------------------------------------------------------------------------


def test_llm_engine_fields_are_grouped_so_gpus_and_workers_are_found_at_a_glance(
    llm_engine_table,
):
    by_field = rows(llm_engine_table)

    expected = {
        "model": "model",
        "num_shards": "hardware",
        "cpus": "hardware",
        "gpus": "hardware",
        "gpu_type": "hardware",
        "memory": "hardware",
        "storage": "hardware",
        "min_workers": "scaling",
        "max_workers": "scaling",
        "per_worker": "scaling",
        "inference_framework": "serving",
        "endpoint_type": "serving",
        "labels.team": "other",
        "warm_pool": "other",
    }
    assert {field: row["section"] for field, row in by_field.items()} == expected


def test_llm_engine_sections_come_in_reading_order(llm_engine_table):
    sections = list(dict.fromkeys(llm_engine_table["section"]))

    assert sections == ["model", "hardware", "scaling", "serving", "other"]
    # Within a section, the contract's order is kept.
    hardware = llm_engine_table[llm_engine_table["section"] == "hardware"]["field"]
    assert list(hardware) == ["num_shards", "cpus", "gpus", "memory", "gpu_type", "storage"]


def test_llm_engine_defaults_are_its_own_not_launchs(llm_engine_table):
    by_field = rows(llm_engine_table)

    assert by_field["per_worker"]["default"] == 2  # Launch's per_worker default is 10
    assert not by_field["per_worker"]["is_default"]
    assert by_field["inference_framework"]["is_default"]
    assert by_field["num_shards"]["is_default"]
    assert by_field["gpus"]["default"] is None  # no default in the contract


def test_an_unknown_key_holding_a_dot_is_not_filed_under_a_known_section(llm_engine_model_json):
    llm_engine_model_json["vendor_configuration"]["gpus.note"] = "shared with team B"

    by_field = rows(vendor_config_table(parse_model(llm_engine_model_json)))

    assert by_field["gpus.note"]["section"] == "other"
    assert by_field["gpus"]["section"] == "hardware"


# --- a configuration of no known shape ------------------------------------------------------


def test_unrecognised_configuration_is_listed_without_defaults(hosted_model_json):
    hosted_model_json["vendor_configuration"] = {
        "deployment": "gpt-4o",
        "limits": {"tpm": 30000, "regions": ["eastus", "westeurope"]},
    }

    frame = vendor_config_table(parse_model(hosted_model_json))

    assert frame.to_dict("records") == [
        {
            "section": "deployment",
            "field": "deployment",
            "value": "gpt-4o",
            "default": None,
            "is_default": False,
        },
        {
            "section": "limits",
            "field": "limits.tpm",
            "value": 30000,
            "default": None,
            "is_default": False,
        },
        {
            "section": "limits",
            "field": "limits.regions",
            "value": ["eastus", "westeurope"],
            "default": None,
            "is_default": False,
        },
    ]


def test_an_empty_unrecognised_configuration_is_one_row(hosted_model_json):
    hosted_model_json["vendor_configuration"] = {}

    frame = vendor_config_table(parse_model(hosted_model_json))

    assert frame.to_dict("records") == [
        {"section": "", "field": "", "value": {}, "default": None, "is_default": False}
    ]

"""Metadata as a flat table, and the pieces the tables are built from: the leaf walk and the
contract's defaults."""

from __future__ import annotations

import pytest

from sgp.api import parse_model
from sgp.present import flatten, metadata_table
from sgp.present.tables import METADATA_COLUMNS, contract_default

# --- metadata -------------------------------------------------------------------------------


def test_metadata_nested_keys_are_dotted(launch_model_json):
    frame = metadata_table(parse_model(launch_model_json))

    assert list(frame.columns) == METADATA_COLUMNS == ["key", "value"]
    assert frame.to_dict("records") == [
        {"key": "owner", "value": "ana"},
        {"key": "eval.mmlu", "value": 0.61},
        {"key": "eval.suite.version", "value": "3"},
    ]


@pytest.mark.parametrize("metadata", ["absent", None, {}])
def test_no_metadata_gives_an_empty_table_with_key_and_value(hosted_model_json, metadata):
    if metadata != "absent":
        hosted_model_json["model_metadata"] = metadata

    frame = metadata_table(parse_model(hosted_model_json))

    assert frame.empty
    assert list(frame.columns) == ["key", "value"]


def test_metadata_keeps_lists_empty_objects_and_empty_keys(hosted_model_json):
    hosted_model_json["model_metadata"] = {
        "tags": ["a", "b"],
        "notes": {},
        "": "an owner's empty key",
        "nested": {"": {"x": 1}},
    }

    frame = metadata_table(parse_model(hosted_model_json))

    assert frame.to_dict("records") == [
        {"key": "tags", "value": ["a", "b"]},
        {"key": "notes", "value": {}},
        {"key": "", "value": "an owner's empty key"},
        {"key": "nested..x", "value": 1},
    ]


# --- the pieces -----------------------------------------------------------------------------


def test_flatten_yields_every_leaf_in_order():
    data = {"b": 1, "a": {"z": [], "y": {}, "x": {"w": None}}, "": {"k": "v"}}

    assert list(flatten(data)) == [
        ("b", 1),
        ("a.z", []),
        ("a.y", {}),
        ("a.x.w", None),
        (".k", "v"),
    ]


def test_flatten_of_an_empty_object_is_one_leaf():
    assert list(flatten({})) == [("", {})]
    assert list(flatten({}, "labels")) == [("labels", {})]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("model_infra.gpus", (True, 0)),
        ("model_infra.endpoint_type", (True, "sync")),
        ("model_infra.public_inference", (True, False)),
        ("model_image.env_vars", (True, {})),
        ("model_image.predict_route", (True, "/predict")),
        ("model_image.registry", (False, None)),  # required: no default
        ("model_infra.gpu_type", (False, None)),  # no default in the contract
        ("model_infra.labels.team", (False, None)),  # inside a free-form mapping
        ("model_infra.nonexistent", (False, None)),
        ("nonexistent", (False, None)),
    ],
)
def test_contract_default_looks_up_a_dotted_path(launch_model_json, path, expected):
    config = parse_model(launch_model_json).vendor_configuration

    assert contract_default(config, path) == expected


def test_contract_default_of_an_unrecognised_configuration_is_none():
    assert contract_default({"gpus": 0}, "gpus") == (False, None)

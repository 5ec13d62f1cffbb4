"""Property-based: bodies generated from the OpenAPI contract itself always parse, and the
tables hold exactly one row per leaf of what the API sent.

The JSON schema is derived from tests/data/get-model.openapi.yaml at import time: the
contract's components/schemas become a `definitions` section and every
`#/components/schemas/X` reference is pointed at `#/definitions/X`. Nothing is copied by hand,
so a new contract version is tested as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema

from sgp.api import LaunchVendorConfiguration, LLMEngineVendorConfiguration, parse_model
from sgp.present import metadata_table, vendor_config_table
from sgp.present.tables import LLM_ENGINE_SECTIONS

CONTRACT_PATH = Path(__file__).parent / "data" / "get-model.openapi.yaml"
COMPONENTS_PREFIX = "#/components/schemas/"


def _pointed_at_definitions(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: "#/definitions/" + value.removeprefix(COMPONENTS_PREFIX)
            if key == "$ref" and value.startswith(COMPONENTS_PREFIX)
            else _pointed_at_definitions(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_pointed_at_definitions(item) for item in node]
    return node


def json_schema_of(name: str) -> dict[str, Any]:
    """The contract's schema `name` as a self-contained JSON schema."""
    contract = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
    definitions = _pointed_at_definitions(contract["components"]["schemas"])
    return {"$ref": f"#/definitions/{name}", "definitions": definitions}


INFERENCE_MODEL = json_schema_of("InferenceModel")

PROPERTY_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def leaves(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every leaf of JSON: a scalar, a list (whole) or an empty object; written independently
    of sgp.present.tables.flatten so that the two can be compared."""
    if isinstance(value, dict) and len(value) > 0:
        for key in value:
            yield from leaves(value[key], (*path, key))
    else:
        yield path, value


def as_rows(pairs: Iterator[tuple[str, Any]]) -> list[str]:
    """(path, value) pairs in a comparable, order-free form."""
    return sorted(json.dumps([path, value], sort_keys=True) for path, value in pairs)


def test_the_derived_schema_has_no_reference_left_to_components():
    assert COMPONENTS_PREFIX not in json.dumps(INFERENCE_MODEL)
    assert set(INFERENCE_MODEL["definitions"]) >= {"InferenceModel", "LaunchVendorConfiguration"}


@PROPERTY_SETTINGS
@given(body=from_schema(INFERENCE_MODEL))
def test_every_body_the_contract_allows_parses_and_tables_hold_one_row_per_leaf(body):
    model = parse_model(body)

    # Every enum value the contract allows is known to this version.
    assert model.unknown_values() == {}
    # created_at (an RFC 3339 date-time, offset included, from the generator) is an aware
    # time at the instant the API sent.
    sent_time = datetime.fromisoformat(body["created_at"])
    assert sent_time.tzinfo is not None
    assert model.created_at.tzinfo is not None
    assert model.created_at == sent_time

    sent_config = body.get("vendor_configuration")
    table = vendor_config_table(model)
    assert list(table.columns) == ["section", "field", "value", "default", "is_default"]
    if sent_config is None:
        assert table.empty
    else:
        # A configuration valid under the contract is always typed, never a bare mapping.
        config = model.vendor_configuration
        assert isinstance(config, LaunchVendorConfiguration | LLMEngineVendorConfiguration)
        sent = list(leaves(sent_config))
        assert len(table) == len(sent)
        # Each row shows a leaf exactly as the API sent it, under its dotted path.
        shown = zip(table["field"], table["value"], strict=True)
        assert as_rows(shown) == as_rows((".".join(path), value) for path, value in sent)
        # The section comes from the top-level key the leaf was sent under.
        top_keys: dict[str, set[str]] = {}
        for path, _ in sent:
            top_keys.setdefault(".".join(path), set()).add(path[0])
        for field, section in zip(table["field"], table["section"], strict=True):
            if isinstance(config, LLMEngineVendorConfiguration):
                allowed = {LLM_ENGINE_SECTIONS.get(top, "other") for top in top_keys[field]}
            else:
                allowed = top_keys[field]
            assert section in allowed, (field, section)
        assert not (table["is_default"] & table["default"].isna()).any()

    sent_metadata = body.get("model_metadata") or {}
    metadata = metadata_table(model)
    expected = [(".".join(p), v) for p, v in leaves(sent_metadata)] if sent_metadata else []
    assert len(metadata) == len(expected)
    assert as_rows(zip(metadata["key"], metadata["value"], strict=True)) == as_rows(expected)

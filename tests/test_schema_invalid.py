"""Answers the contract refuses are named field by field; times always carry a timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sgp.api import InvalidResponseError, parse_model

# --- created_at -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "offset"),
    [
        ("2024-05-01T12:30:00Z", timedelta(0)),
        ("2024-05-01T14:30:00+02:00", timedelta(hours=2)),
        ("2024-05-01T07:00:00.123456-05:30", timedelta(hours=-5, minutes=-30)),
        ("2024-05-01T12:30:00", timedelta(0)),  # no offset: read as UTC, not refused
    ],
)
def test_created_at_is_timezone_aware(hosted_model_json, sent, offset):
    hosted_model_json["created_at"] = sent

    created = parse_model(hosted_model_json).created_at

    assert created.tzinfo is not None
    assert created.utcoffset() == offset
    instant = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert created.astimezone(UTC).replace(microsecond=0) == instant


def test_created_at_that_is_not_a_time_names_the_field(hosted_model_json):
    hosted_model_json["created_at"] = "yesterday"

    with pytest.raises(InvalidResponseError) as caught:
        parse_model(hosted_model_json)

    assert caught.value.problems[0].startswith("created_at: ")


# --- invalid bodies -------------------------------------------------------------------------


def test_missing_required_fields_are_named(hosted_model_json):
    for field in ("id", "name", "status", "created_by_identity_type"):
        del hosted_model_json[field]

    with pytest.raises(InvalidResponseError) as caught:
        parse_model(hosted_model_json, status_code=200, request_id="req_1")

    error = caught.value
    named = {problem.split(":")[0] for problem in error.problems}
    assert named == {"id", "name", "status", "created_by_identity_type"}
    for field in named:
        assert field in str(error)
    assert (error.status_code, error.request_id) == (200, "req_1")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", 123),
        ("name", None),
        ("status", 1),
        ("model_metadata", ["not", "an", "object"]),
        ("created_by_user_id", {"id": "u"}),
    ],
)
def test_wrong_types_are_named(hosted_model_json, field, value):
    hosted_model_json[field] = value

    with pytest.raises(InvalidResponseError) as caught:
        parse_model(hosted_model_json)

    assert caught.value.problems
    assert all(problem.startswith(f"{field}") for problem in caught.value.problems)


def test_wrong_type_deep_in_a_configuration_does_not_fail_the_model(launch_model_json):
    launch_model_json["vendor_configuration"]["model_infra"]["gpus"] = "two"

    model = parse_model(launch_model_json)

    # Not a valid Launch configuration any more: shown as the mapping it is, not refused.
    assert type(model.vendor_configuration) is dict
    assert model.vendor_configuration["model_infra"]["gpus"] == "two"


@pytest.mark.parametrize("data", [[], "model", 3, None, True])
def test_answer_that_is_not_an_object_is_invalid(data):
    with pytest.raises(InvalidResponseError) as caught:
        parse_model(data)

    assert "not an object" in str(caught.value)


def test_answer_with_none_of_the_fields_names_every_required_field():
    with pytest.raises(InvalidResponseError) as caught:
        parse_model({"unrelated": True})

    assert len(caught.value.problems) == 8  # the contract's required fields
    assert str(caught.value).count(": Field required") == 8

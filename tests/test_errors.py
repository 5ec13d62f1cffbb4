"""Each failure a user must tell apart has its own error, with the status, the request id and
a plain message that says what to do next; HTTP statuses come from a real local server."""

from __future__ import annotations

import inspect
import re

import pytest

import sgp.api.errors
from sgp.api import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    SGPError,
    UnprocessableEntityError,
    ValidationDetail,
    error_class_for_status,
)

ANY_MODEL_PATH = re.compile(r".*/v5/models/.*")

# status -> (error class, a word the plain message must contain to point at the fix)
STATUS_ERRORS = {
    400: (BadRequestError, "model ID"),
    401: (AuthenticationError, "key"),
    403: (PermissionDeniedError, "account"),
    404: (NotFoundError, "environment"),
    422: (UnprocessableEntityError, "fields"),
    429: (RateLimitError, "Wait"),
    500: (InternalServerError, "try again"),
    502: (InternalServerError, "try again"),
    503: (InternalServerError, "try again"),
    504: (InternalServerError, "try again"),
}


@pytest.mark.parametrize("status", STATUS_ERRORS)
def test_each_status_becomes_its_own_error_with_a_useful_message(
    httpserver, make_client, assert_key_hidden, status
):
    cls, hint = STATUS_ERRORS[status]
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "server says no"}, status=status, headers={"x-request-id": f"req_{status}"}
    )

    with pytest.raises(SGPError) as caught:
        make_client(max_retries=0).get_model("mdl_1")

    error = caught.value
    assert type(error) is cls
    assert isinstance(error, APIStatusError)
    assert error.status_code == status
    assert error.request_id == f"req_{status}"
    assert hint in error.user_message
    assert error.user_message != SGPError.default_user_message
    assert error.title
    assert f"HTTP {status}" in str(error)
    assert_key_hidden(error)


def test_expired_key_raises_authentication_error_with_fix(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "API key expired"}, status=401
    )

    with pytest.raises(AuthenticationError) as caught:
        make_client().get_model("mdl_1")

    assert "Paste a valid key" in caught.value.user_message
    assert "API key expired" in str(caught.value)


def test_unknown_model_raises_not_found_with_the_servers_words_in_the_message(
    httpserver, make_client
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "Model mdl_1 not found"}, status=404
    )

    with pytest.raises(NotFoundError) as caught:
        make_client().get_model("mdl_1")

    assert "Model mdl_1 not found" in caught.value.message
    assert "staging" in caught.value.user_message


def test_validation_error_details_are_parsed(httpserver, make_client):
    detail = [
        {"loc": ["path", "model_id"], "msg": "String too long", "type": "string_too_long"},
        {"loc": ["header", "x-selected-account-id", 0], "msg": "Invalid", "type": "value_error"},
        {"loc": "not-a-list", "msg": 5},
        "not an object",
    ]
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json({"detail": detail}, status=422)

    with pytest.raises(UnprocessableEntityError) as caught:
        make_client().get_model("mdl_1")

    error = caught.value
    assert error.details == [
        ValidationDetail(loc=("path", "model_id"), msg="String too long", type="string_too_long"),
        ValidationDetail(
            loc=("header", "x-selected-account-id", 0), msg="Invalid", type="value_error"
        ),
        ValidationDetail(loc=(), msg="5", type=""),
    ]
    assert error.details[0].where == "path.model_id"
    assert error.details[1].where == "header.x-selected-account-id.0"
    assert "path.model_id: String too long" in str(error)


@pytest.mark.parametrize(
    "body", [b"", b"<html>422</html>", b'{"detail": "just text"}', b'{"detail": null}']
)
def test_validation_error_of_another_shape_still_raises_with_no_details(
    httpserver, make_client, body
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(body, status=422)

    with pytest.raises(UnprocessableEntityError) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.details == []
    assert caught.value.status_code == 422


def test_rate_limit_error_carries_the_servers_retry_after(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "Too many requests"}, status=429, headers={"Retry-After": "30"}
    )

    with pytest.raises(RateLimitError) as caught:
        make_client(max_retries=0).get_model("mdl_1")

    assert caught.value.retry_after == "30"


@pytest.mark.parametrize("header", ["x-request-id", "request-id", "x-amzn-RequestId"])
def test_request_id_header_is_carried_on_errors(httpserver, make_client, header):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {}, status=403, headers={header: "req_abc123"}
    )

    with pytest.raises(PermissionDeniedError) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.request_id == "req_abc123"
    assert "req_abc123" in repr(caught.value)


def test_errors_without_a_request_id_header_have_none(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json({}, status=404)

    with pytest.raises(NotFoundError) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.request_id is None


def test_a_long_server_message_is_capped(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "x" * 5000}, status=404, headers={"x-request-id": "r" * 1000}
    )

    with pytest.raises(NotFoundError) as caught:
        make_client().get_model("mdl_1")

    assert len(str(caught.value)) < 400
    assert len(caught.value.request_id) <= 200


def test_unexpected_statuses_map_to_the_nearest_error():
    assert error_class_for_status(418) is APIStatusError
    assert error_class_for_status(409) is APIStatusError
    assert error_class_for_status(599) is InternalServerError
    assert error_class_for_status(401) is AuthenticationError


def test_error_families_let_callers_catch_broadly():
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(ResponseTooLargeError, InvalidResponseError)
    for cls in (AuthenticationError, NotFoundError, RateLimitError, InternalServerError):
        assert issubclass(cls, APIStatusError)
        assert issubclass(cls, SGPError)


def all_error_classes() -> list[type[SGPError]]:
    return [
        cls
        for _, cls in inspect.getmembers(sgp.api.errors, inspect.isclass)
        if issubclass(cls, SGPError)
    ]


@pytest.mark.parametrize("cls", all_error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_has_a_title_and_a_plain_next_step(cls):
    error = cls("technical detail", status_code=500, request_id="req_1")

    assert error.title and not error.title.endswith(".")
    assert error.user_message == cls.default_user_message
    assert error.user_message.endswith(".")
    assert error.message == "technical detail" == str(error)
    assert repr(error) == (
        f"{cls.__name__}(message='technical detail', status_code=500, request_id='req_1')"
    )


def test_a_user_message_can_be_given_per_error():
    error = NotFoundError("HTTP 404", user_message="Try the staging environment.")

    assert error.user_message == "Try the staging environment."
    assert error.title == NotFoundError.title


def test_error_attributes_default_to_none_or_empty():
    assert InvalidResponseError("x").problems == []
    assert UnprocessableEntityError("x").details == []
    assert RateLimitError("x").retry_after is None
    error = SGPError("x")
    assert (error.status_code, error.request_id) == (None, None)

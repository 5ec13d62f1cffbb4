"""SGPClient against a real local HTTP server that answers badly: bodies that are not a
model, redirects, and the key never leaking from any of it. No mock of requests anywhere."""

from __future__ import annotations

import re

import pytest
from server_log import ANY_MODEL_PATH, raw_path
from werkzeug import Request, Response

from sgp.api import (
    MAX_REDIRECTS,
    APIConnectionError,
    AuthenticationError,
    InternalServerError,
    InvalidModelIdError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    UnprocessableEntityError,
    UnsafeRedirectError,
)

# --- bodies that are not a model ------------------------------------------------------------


def test_html_502_page_ends_in_server_error_without_the_html(httpserver, make_client):
    page = "<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>"
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        page, status=502, content_type="text/html"
    )

    with pytest.raises(InternalServerError) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.status_code == 502
    assert "<" not in str(caught.value)
    assert "try again" in caught.value.user_message


def test_html_page_sent_as_success_ends_in_invalid_response(
    httpserver, make_client, assert_key_hidden
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        "<html><body>Sign in to continue</body></html>",
        content_type="text/html",
        headers={"x-request-id": "req_html"},
    )

    with pytest.raises(InvalidResponseError) as caught:
        make_client().get_model("mdl_1")

    assert "not JSON" in str(caught.value)
    assert "text/html" in str(caught.value)
    assert caught.value.request_id == "req_html"
    assert_key_hidden(caught.value)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b'{"id": "mdl_1", "name": "trunc',
        b"[1, 2, 3]",
        b'"a string"',
        b"null",
        b"\xff\xfe not utf-8",
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["empty", "truncated", "array", "string", "null", "not-utf8", "nested-100k-deep"],
)
def test_body_that_is_not_a_json_object_ends_in_invalid_response(
    httpserver, make_client, assert_key_hidden, body
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        body, content_type="application/json"
    )

    with pytest.raises(InvalidResponseError) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.status_code == 200
    assert caught.value.user_message
    assert_key_hidden(caught.value)


def test_body_cut_short_of_its_content_length_ends_in_invalid_response(httpserver, make_client):
    def cut_short(request: Request) -> Response:
        response = Response(iter([b'{"id": "mdl_1", "na']), content_type="application/json")
        response.headers["Content-Length"] = "500"
        return response

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(cut_short)

    with pytest.raises(InvalidResponseError) as caught:
        make_client().get_model("mdl_1")

    assert not isinstance(caught.value, ResponseTooLargeError)


def test_json_object_that_is_not_a_model_names_the_missing_fields(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"id": "mdl_1", "status": 7}, headers={"x-request-id": "req_bad"}
    )

    with pytest.raises(InvalidResponseError) as caught:
        make_client().get_model("mdl_1")

    message = str(caught.value)
    for field in ("name", "model_type", "status", "created_at"):
        assert field in message
    assert caught.value.request_id == "req_bad"


# Bodies over the 10 MB cap: test_client_connection.py counts what the server really sent.


# --- redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["absolute", "protocol-relative"])
def test_redirect_to_another_server_never_delivers_the_key(
    httpserver, other_server, make_client, hosted_model_json, assert_key_hidden, form
):
    other_server.expect_request(re.compile(".*")).respond_with_json(hosted_model_json)
    target = other_server.url_for("/v5/models/mdl_1")
    if form == "protocol-relative":
        target = target.removeprefix("http:")
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        "", status=302, headers={"Location": target, "x-request-id": "req_redirect"}
    )

    with pytest.raises(UnsafeRedirectError) as caught:
        make_client(max_retries=2).get_model("mdl_1")

    assert other_server.log == []
    assert len(httpserver.log) == 1
    assert caught.value.status_code == 302
    assert caught.value.request_id == "req_redirect"
    assert "key" in caught.value.user_message
    assert_key_hidden(caught.value)


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirect_within_the_same_server_is_followed(
    httpserver, make_client, api_key, hosted_model_json, status
):
    httpserver.expect_request("/old/v5/models/mdl_openai_01").respond_with_data(
        "", status=status, headers={"Location": "/new/v5/models/mdl_openai_01"}
    )
    httpserver.expect_request("/new/v5/models/mdl_openai_01").respond_with_json(hosted_model_json)

    model = make_client(base_url=httpserver.url_for("/old")).get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"
    assert [raw_path(request) for request, _ in httpserver.log] == [
        "/old/v5/models/mdl_openai_01",
        "/new/v5/models/mdl_openai_01",
    ]
    assert httpserver.log[1][0].headers["x-api-key"] == api_key


def test_endless_redirects_end_in_unsafe_redirect_error(httpserver, make_client):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        "", status=302, headers={"Location": "/v5/models/mdl_1"}
    )

    with pytest.raises(UnsafeRedirectError):
        make_client().get_model("mdl_1")

    assert len(httpserver.log) == MAX_REDIRECTS + 1


# --- the key stays secret -------------------------------------------------------------------


def test_client_str_and_repr_never_show_the_key(make_client, api_key, assert_key_hidden):
    client = make_client(account_id="acct_1")

    assert_key_hidden(client)
    assert "acct_1" in repr(client)
    assert client.headers()["x-api-key"] == api_key  # it is only in the outgoing headers


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthenticationError), (403, PermissionDeniedError), (422, UnprocessableEntityError)],
)
def test_server_that_echoes_the_key_in_its_error_does_not_put_it_in_the_error(
    httpserver, make_client, api_key, assert_key_hidden, status, error
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {
            "detail": f"API key {api_key} is not valid"
            if status != 422
            else [{"loc": ["header", api_key], "msg": f"bad key {api_key}", "type": "x"}]
        },
        status=status,
    )

    with pytest.raises(error) as caught:
        make_client().get_model("mdl_1")

    assert caught.value.status_code == status
    assert_key_hidden(caught.value)


def test_key_is_hidden_in_every_error_of_a_failing_session(
    httpserver, make_client, closed_port, assert_key_hidden
):
    # One client through many failures: none of what it raises may carry the key.
    httpserver.expect_request("/v5/models/not-found").respond_with_json({}, status=404)
    httpserver.expect_request("/v5/models/rate").respond_with_json({}, status=429)
    httpserver.expect_request("/v5/models/broken").respond_with_data("{", status=200)
    httpserver.expect_request("/v5/models/array").respond_with_json([1])
    client = make_client()
    errors: list[Exception] = []
    for model_id in ["not-found", "rate", "broken", "array", "..", "x" * 600]:
        try:
            client.get_model(model_id)
        except Exception as exc:
            errors.append(exc)
    refused = make_client(base_url=f"http://127.0.0.1:{closed_port}")
    try:
        refused.get_model("mdl_1")
    except Exception as exc:
        errors.append(exc)

    assert [type(e) for e in errors] == [
        NotFoundError,
        RateLimitError,
        InvalidResponseError,
        InvalidResponseError,
        InvalidModelIdError,
        InvalidModelIdError,
        APIConnectionError,
    ]
    assert_key_hidden(client, refused, *errors)

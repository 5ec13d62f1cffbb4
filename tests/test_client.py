"""SGPClient against a real local HTTP server: headers, URLs, model IDs, retries, timeouts,
bodies, redirects and the key's safety. No mock of requests anywhere."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sgp import APP_NAME, __version__
from sgp.client import DEFAULT_BASE_URL, MAX_BODY_BYTES, MAX_REDIRECTS, SGPClient
from sgp.errors import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    InternalServerError,
    InvalidModelIdError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ResponseTooLargeError,
    UnsafeRedirectError,
)
from sgp.schema import InferenceModel, LaunchVendorConfiguration

ANY_MODEL_PATH = re.compile(r".*/v5/models/.*")


def only_request(server: HTTPServer) -> Request:
    assert len(server.log) == 1, f"expected one request, the server saw {len(server.log)}"
    return server.log[0][0]


def raw_path(request: Request) -> str:
    """The path exactly as it was on the wire (werkzeug's `path` is already decoded)."""
    return request.environ["RAW_URI"].split("?", 1)[0]


# --- headers -------------------------------------------------------------------------------


def test_request_carries_key_json_accept_and_a_user_agent_naming_the_app(
    httpserver, make_client, api_key, launch_model_json
):
    httpserver.expect_request("/v5/models/mdl_launch_01").respond_with_json(launch_model_json)

    make_client().get_model("mdl_launch_01")

    headers = only_request(httpserver).headers
    assert headers["x-api-key"] == api_key
    assert headers["Accept"] == "application/json"
    assert f"{APP_NAME}/{__version__}" in headers["User-Agent"]
    assert "sgp-model-inspector" in headers["User-Agent"]
    assert "Authorization" not in headers


@pytest.mark.parametrize("account_id", [None, "", "   "])
def test_no_account_header_when_no_account_is_set(
    httpserver, make_client, hosted_model_json, account_id
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(account_id=account_id).get_model("mdl_openai_01")

    assert "x-selected-account-id" not in only_request(httpserver).headers


def test_account_header_sent_when_an_account_is_set(httpserver, make_client, hosted_model_json):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(account_id=" acct_42 ").get_model("mdl_openai_01")

    assert only_request(httpserver).headers["x-selected-account-id"] == "acct_42"


@pytest.mark.parametrize("pasted", ["{key}\n", "  {key}  ", "\t{key}\r\n"])
def test_key_pasted_with_blanks_or_a_line_break_around_it_still_works(
    httpserver, make_client, api_key, hosted_model_json, assert_key_hidden, pasted
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    client = make_client(api_key=pasted.format(key=api_key))
    client.get_model("mdl_openai_01")

    assert only_request(httpserver).headers["x-api-key"] == api_key
    assert_key_hidden(client)


@pytest.mark.parametrize(
    "bad_key",
    [
        "{key}\u2026",  # a typographic ellipsis copied from a rich-text page
        "{key}\u200b",  # a zero-width space
        "sk-\u201c{key}\u201d",  # curly quotes
        "{key}\nX-Injected: 1",  # a line break inside
    ],
)
def test_key_with_characters_no_api_key_has_is_refused_without_echoing_it(
    httpserver, make_client, api_key, assert_key_hidden, bad_key
):
    with pytest.raises(ConfigurationError) as caught:
        make_client(api_key=bad_key.format(key=api_key))

    assert "key" in caught.value.user_message
    assert_key_hidden(caught.value)
    assert httpserver.log == []


def test_account_id_with_a_line_break_cannot_inject_a_header(
    httpserver, make_client, assert_key_hidden
):
    with pytest.raises(ConfigurationError) as caught:
        make_client(account_id="acct_1\r\nX-Injected: yes")

    assert "account" in caught.value.user_message.lower()
    assert_key_hidden(caught.value)
    assert httpserver.log == []


# --- base URL ------------------------------------------------------------------------------


def test_base_url_with_a_path_prefix_keeps_the_prefix(httpserver, make_client, hosted_model_json):
    httpserver.expect_request("/public/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )

    model = make_client(base_url=httpserver.url_for("/public")).get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"
    assert raw_path(only_request(httpserver)) == "/public/v5/models/mdl_openai_01"


@pytest.mark.parametrize("suffix", ["/", "/public/", "/public//"])
def test_trailing_slashes_on_the_base_url_do_not_double_the_slash(
    httpserver, make_client, hosted_model_json, suffix
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(base_url=httpserver.url_for(suffix)).get_model("mdl_openai_01")

    assert "//" not in raw_path(only_request(httpserver))


@pytest.mark.parametrize(
    "base_url",
    [
        "",
        "api.egp.scale.com",
        "ftp://api.egp.scale.com",
        "file:///etc/passwd",
        "https://user:password@api.egp.scale.com",
        "https://api.egp.scale.com/?debug=1",
        "https://api.egp.scale.com/#top",
    ],
)
def test_base_url_that_is_not_a_plain_web_address_is_refused(api_key, base_url):
    with pytest.raises(ConfigurationError) as caught:
        SGPClient(api_key, base_url=base_url)

    assert "operator" in caught.value.user_message


def test_default_base_url_is_production():
    assert SGPClient("k").base_url == DEFAULT_BASE_URL == "https://api.egp.scale.com"


# --- model IDs -----------------------------------------------------------------------------

HOSTILE_BUT_SENDABLE_IDS = [
    "../x",
    "../../v5/models",
    "a/b",
    "?q=1",
    "#f",
    "%2e%2e",
    "%2e%2e%2f",
    "%2F",
    "...",
    "  padded-id  ",
    "\tpadded-id\n",
    "model 😀",
    "a b&c=d;e",
    "\\..\\x",
]


@pytest.mark.parametrize("model_id", HOSTILE_BUT_SENDABLE_IDS)
def test_hostile_model_id_reaches_the_server_as_exactly_one_encoded_segment(
    httpserver, make_client, hosted_model_json, model_id
):
    httpserver.expect_request(re.compile(".*")).respond_with_json(hosted_model_json)
    client = make_client(base_url=httpserver.url_for("/public"))

    client.get_model(model_id)

    request = only_request(httpserver)
    path = raw_path(request)
    prefix = "/public/v5/models/"
    assert path.startswith(prefix)
    segment = path[len(prefix) :]
    assert segment and not set("/?#") & set(segment), path
    assert segment not in {".", ".."}
    assert unquote(segment) == model_id.strip()
    assert request.args == {}


UNSAFE_IDS = {
    "empty": "",
    "blank": "   ",
    "dot": ".",
    "dot-dot": "..",
    "dot-dot-with-blanks": " .. ",
    "10000-chars": "m" * 10_000,
    "nul": "mdl\x00x",
    "newline-inside": "mdl\nx",
    "carriage-return": "mdl\rGET /admin",
    "tab-inside": "mdl\tx",
    "escape": "mdl\x1b[31m",
    "delete": "mdl\x7f",
    "c1-control": "mdl\x85x",
}


@pytest.mark.parametrize("model_id", UNSAFE_IDS.values(), ids=UNSAFE_IDS.keys())
def test_unsafe_model_id_is_refused_before_any_request(
    httpserver, make_client, assert_key_hidden, model_id
):
    httpserver.expect_request(re.compile(".*")).respond_with_json({})
    client = make_client()

    with pytest.raises(InvalidModelIdError) as caught:
        client.get_model(model_id)

    assert httpserver.log == []
    assert caught.value.user_message
    assert caught.value.status_code is None
    assert_key_hidden(caught.value)


def test_model_id_of_512_characters_is_sent_and_513_is_refused(
    httpserver, make_client, hosted_model_json
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    client = make_client()

    client.get_model("m" * 512)
    with pytest.raises(InvalidModelIdError) as caught:
        client.get_model("m" * 513)

    assert len(httpserver.log) == 1
    assert "too long" in caught.value.user_message


def test_model_id_that_is_not_text_is_refused(make_client):
    with pytest.raises(InvalidModelIdError):
        make_client().get_model(None)  # type: ignore[arg-type]


# --- a good answer -------------------------------------------------------------------------


def test_get_model_returns_the_typed_model(httpserver, make_client, launch_model_json):
    httpserver.expect_request("/v5/models/mdl_launch_01").respond_with_json(launch_model_json)

    model = make_client().get_model("mdl_launch_01")

    assert isinstance(model, InferenceModel)
    assert isinstance(model.vendor_configuration, LaunchVendorConfiguration)
    assert model.vendor_configuration.model_infra.gpus == 1


# --- retries -------------------------------------------------------------------------------


def test_rate_limited_then_ok_succeeds_after_two_requests_and_waits_for_retry_after(
    httpserver, make_client, hosted_model_json
):
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        {"detail": "slow down"}, status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )

    started = time.monotonic()
    model = make_client(max_retries=2).get_model("mdl_openai_01")
    waited = time.monotonic() - started

    assert model.id == "mdl_openai_01"
    assert len(httpserver.log) == 2
    assert waited >= 0.9


@pytest.mark.parametrize("max_retries", [0, 1, 2])
def test_persistent_503_gives_up_after_max_retries(httpserver, make_client, max_retries):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "upstream unavailable"}, status=503
    )

    with pytest.raises(InternalServerError) as caught:
        make_client(max_retries=max_retries).get_model("mdl_1")

    assert len(httpserver.log) == max_retries + 1
    assert caught.value.status_code == 503


@pytest.mark.parametrize("status", [408, 500, 502, 504])
def test_transient_statuses_are_retried(httpserver, make_client, hosted_model_json, status):
    httpserver.expect_ordered_request(ANY_MODEL_PATH).respond_with_data("", status=status)
    httpserver.expect_ordered_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(max_retries=1).get_model("mdl_openai_01")

    assert len(httpserver.log) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(httpserver, make_client, status):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json({"detail": "no"}, status=status)

    with pytest.raises(Exception):  # noqa: B017 (the class per status is in test_errors.py)
        make_client(max_retries=2).get_model("mdl_1")

    assert len(httpserver.log) == 1


@pytest.mark.parametrize("retry_after", ["soon", "-1", "1.5"])
def test_rate_limit_with_an_unreadable_retry_after_still_reports_rate_limit(
    httpserver, make_client, assert_key_hidden, retry_after
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {"detail": "slow down"}, status=429, headers={"Retry-After": retry_after}
    )

    with pytest.raises(RateLimitError) as caught:
        make_client(max_retries=1).get_model("mdl_1")

    assert len(httpserver.log) == 2
    assert caught.value.retry_after == retry_after
    assert_key_hidden(caught.value)


# --- timeouts and connections ---------------------------------------------------------------


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set after the test so that a stalling handler ends and frees the local server."""
    event = threading.Event()
    yield event
    event.set()


def test_server_that_never_answers_ends_in_timeout_error_within_the_timeout(
    httpserver, make_client, release, assert_key_hidden
):
    calls = []

    def never_answers(request: Request) -> Response:
        calls.append(request.path)
        release.wait(3)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(never_answers)
    client = make_client(timeout=(1, 1), max_retries=2)

    started = time.monotonic()
    with pytest.raises(APITimeoutError) as caught:
        client.get_model("mdl_1")
    elapsed = time.monotonic() - started

    # The read timeout is 1 s; read timeouts are not retried (see _Retry in client.py).
    assert elapsed < 1 + 1.5
    assert calls == ["/v5/models/mdl_1"]
    assert "try again" in caught.value.user_message
    assert isinstance(caught.value, APIConnectionError)
    assert_key_hidden(caught.value, client)


def test_timeout_given_as_one_number_bounds_the_wait_too(httpserver, make_client, release):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(
        lambda request: release.wait(3) and Response("{}")
    )
    client = make_client(timeout=1)

    started = time.monotonic()
    with pytest.raises(APITimeoutError) as caught:
        client.get_model("mdl_1")

    assert time.monotonic() - started < 1 + 1.5
    assert "1 s" in str(caught.value)


def test_server_that_stalls_in_the_middle_of_its_answer_ends_in_timeout_error(
    httpserver, make_client, release
):
    def stalls() -> Iterator[bytes]:
        yield b'{"id": "mdl_1", '
        release.wait(3)
        yield b'"name": "x"}'

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(
        lambda request: Response(stalls(), content_type="application/json")
    )

    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        make_client(timeout=(1, 1)).get_model("mdl_1")

    assert time.monotonic() - started < 1 + 1.5


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_connection_ends_in_connection_error(
    make_client, closed_port, api_key, assert_key_hidden
):
    client = make_client(base_url=f"http://127.0.0.1:{closed_port}", max_retries=1)

    with pytest.raises(APIConnectionError) as caught:
        client.get_model("mdl_1")

    assert not isinstance(caught.value, APITimeoutError)
    assert caught.value.status_code is None
    assert "network" in caught.value.user_message
    assert_key_hidden(caught.value, client)


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


def test_20_mb_body_is_refused_as_too_large(httpserver, make_client, assert_key_hidden):
    huge = b'{"id": "' + b"x" * (20 * 1024 * 1024) + b'"}'
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_data(
        huge, content_type="application/json"
    )

    with pytest.raises(ResponseTooLargeError) as caught:
        make_client().get_model("mdl_1")

    assert isinstance(caught.value, InvalidResponseError)
    assert "10 MB" in str(caught.value)
    assert_key_hidden(caught.value)


def test_20_mb_body_without_a_length_is_cut_off_at_the_limit(httpserver, make_client):
    def endless_json() -> Iterator[bytes]:
        yield b'{"id": "'
        for _ in range(20):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(
        lambda request: Response(endless_json(), content_type="application/json")
    )

    with pytest.raises(ResponseTooLargeError):
        make_client().get_model("mdl_1")

    # Nothing announced the size: the client stopped reading at its 10 MB limit.
    assert "Content-Length" not in httpserver.log[0][1].headers
    assert MAX_BODY_BYTES == 10 * 1024 * 1024


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


# --- configuration from the environment -----------------------------------------------------


def test_from_env_reads_the_sdk_variables(httpserver, api_key, hosted_model_json):
    httpserver.expect_request("/public/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )
    environ = {
        "SGP_API_KEY": api_key,
        "SGP_ACCOUNT_ID": "acct_9",
        "SGP_CLIENT_BASE_URL": httpserver.url_for("/public"),
    }

    with SGPClient.from_env(environ, timeout=(1, 1), max_retries=0) as client:
        client.get_model("mdl_openai_01")

    headers = only_request(httpserver).headers
    assert headers["x-api-key"] == api_key
    assert headers["x-selected-account-id"] == "acct_9"


def test_from_env_without_account_or_base_url_uses_production_and_no_account(api_key):
    client = SGPClient.from_env({"SGP_API_KEY": api_key, "SGP_ACCOUNT_ID": ""})

    assert client.base_url == DEFAULT_BASE_URL
    assert client.account_id is None
    assert "x-selected-account-id" not in client.headers()


def test_from_env_arguments_win_over_the_environment(api_key):
    environ = {"SGP_API_KEY": api_key, "SGP_CLIENT_BASE_URL": "https://api.sgp.scale.com"}

    client = SGPClient.from_env(environ, base_url="https://api.staging-sgp.scale.com")

    assert client.base_url == "https://api.staging-sgp.scale.com"


@pytest.mark.parametrize("environ", [{}, {"SGP_API_KEY": ""}, {"SGP_API_KEY": "  \n"}])
def test_from_env_without_a_key_says_which_variable_to_set(environ):
    with pytest.raises(ConfigurationError) as caught:
        SGPClient.from_env(environ)

    assert "SGP_API_KEY" in caught.value.user_message


# --- the key stays secret -------------------------------------------------------------------


def test_client_str_and_repr_never_show_the_key(make_client, api_key, assert_key_hidden):
    client = make_client(account_id="acct_1")

    assert_key_hidden(client)
    assert "acct_1" in repr(client)
    assert client.headers()["x-api-key"] == api_key  # it is only in the outgoing headers


@pytest.mark.parametrize("status", [401, 403, 422])
def test_server_that_echoes_the_key_in_its_error_does_not_put_it_in_the_error(
    httpserver, make_client, api_key, assert_key_hidden, status
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        {
            "detail": f"API key {api_key} is not valid"
            if status != 422
            else [{"loc": ["header", api_key], "msg": f"bad key {api_key}", "type": "x"}]
        },
        status=status,
    )

    with pytest.raises(Exception) as caught:
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


def test_a_given_session_is_the_one_used(httpserver, make_client, hosted_model_json):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    session = requests.Session()
    session.headers["X-Trace"] = "notebook-1"

    client = make_client(session=session)
    client.get_model("mdl_openai_01")

    assert client.session is session
    assert only_request(httpserver).headers["X-Trace"] == "notebook-1"


def test_get_json_returns_the_decoded_body(httpserver, make_client):
    httpserver.expect_request("/v5/models").respond_with_json({"items": [], "has_more": False})
    client = make_client()

    body: Any = client.get_json(client.base_url + "/v5/models", params={"limit": 5})

    assert body == {"items": [], "has_more": False}
    assert only_request(httpserver).args["limit"] == "5"

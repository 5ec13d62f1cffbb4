"""SGPClient against a real local HTTP server when the API is slow or busy: retries,
Retry-After, timeouts and refused connections. No mock of requests anywhere."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from server_log import ANY_MODEL_PATH
from werkzeug import Request, Response

from sgp.api import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

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


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
    ],
)
def test_client_errors_are_not_retried(httpserver, make_client, status, error):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json({"detail": "no"}, status=status)

    with pytest.raises(error):
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

    # The read timeout is 1 s; read timeouts are not retried (see _Retry in sgp/api/retry.py).
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

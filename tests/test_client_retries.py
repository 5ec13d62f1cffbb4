"""SGPClient against a real local HTTP server when the API is slow or busy: retries,
Retry-After, timeouts and refused connections. No mock of requests anywhere.

No wall clock either (the machine is shared and its timing noisy): a test checks what was
asked, the sleeps urllib3's Retry asks for between attempts and the timeouts handed to the
connection pool, and a stalling server answers only after 3 s, so an APITimeoutError from a
1 s timeout shows the timeout was applied."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import urllib3.util.retry
from requests.adapters import HTTPAdapter
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


@pytest.fixture
def asked_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every sleep urllib3's Retry asks for between two attempts, in order, without sleeping:
    its module's `time` is swapped for one whose `sleep` only records (the rest is real)."""
    asked: list[float] = []
    recorder = SimpleNamespace(time=time.time, monotonic=time.monotonic, sleep=asked.append)
    monkeypatch.setattr(urllib3.util.retry, "time", recorder)
    return asked


@pytest.fixture
def sent_timeouts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The timeout handed to the connection pool with each request that was sent."""
    sent: list[Any] = []
    send = HTTPAdapter.send

    def recording_send(self: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(kwargs.get("timeout"))
        return send(self, request, *args, **kwargs)

    monkeypatch.setattr(HTTPAdapter, "send", recording_send)
    return sent


# --- retries -------------------------------------------------------------------------------


def test_rate_limited_then_ok_succeeds_after_two_requests_and_waits_for_retry_after(
    httpserver, make_client, hosted_model_json, asked_sleeps
):
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        {"detail": "slow down"}, status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )

    model = make_client(max_retries=2).get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"
    assert len(httpserver.log) == 2
    assert asked_sleeps == [1.0]  # the server's Retry-After, not the shorter backoff


def test_retry_after_beyond_a_minute_waits_a_minute_at_most(
    httpserver, make_client, hosted_model_json, asked_sleeps
):
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        {"detail": "come back tomorrow"}, status=503, headers={"Retry-After": "86400"}
    )
    httpserver.expect_ordered_request("/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )

    assert make_client(max_retries=1).get_model("mdl_openai_01").id == "mdl_openai_01"
    assert asked_sleeps == [60.0]


def test_busy_server_without_retry_after_is_retried_with_a_growing_backoff(
    httpserver, make_client, asked_sleeps
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json({"detail": "busy"}, status=502)

    with pytest.raises(InternalServerError):
        make_client(max_retries=3).get_model("mdl_1")

    # urllib3 retries the first time at once, then backs off 0.5 s x 2^n (capped at 8 s).
    assert len(httpserver.log) == 4
    assert asked_sleeps == [1.0, 2.0]


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
    httpserver, make_client, release, assert_key_hidden, asked_sleeps, sent_timeouts
):
    calls = []

    def never_answers(request: Request) -> Response:
        calls.append(request.path)
        release.wait(3)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(never_answers)
    client = make_client(timeout=(1, 1), max_retries=2)

    with pytest.raises(APITimeoutError) as caught:
        client.get_model("mdl_1")

    # The read timeout is 1 s; read timeouts are not retried (see _Retry in sgp/api/retry.py):
    # one request with that timeout, and no wait for another.
    assert sent_timeouts == [(1, 1)]
    assert asked_sleeps == []
    assert calls == ["/v5/models/mdl_1"]
    assert "try again" in caught.value.user_message
    assert isinstance(caught.value, APIConnectionError)
    assert_key_hidden(caught.value, client)


def test_timeout_given_as_one_number_bounds_the_wait_too(
    httpserver, make_client, release, sent_timeouts
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(
        lambda request: release.wait(3) and Response("{}")
    )
    client = make_client(timeout=1)

    with pytest.raises(APITimeoutError) as caught:
        client.get_model("mdl_1")

    assert sent_timeouts == [(1, 1)]  # one number bounds the connect and the read alike
    assert "1 s" in str(caught.value)


def test_server_that_stalls_in_the_middle_of_its_answer_ends_in_timeout_error(
    httpserver, make_client, release, sent_timeouts
):
    def stalls() -> Iterator[bytes]:
        yield b'{"id": "mdl_1", '
        release.wait(3)
        yield b'"name": "x"}'

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(
        lambda request: Response(stalls(), content_type="application/json")
    )

    with pytest.raises(APITimeoutError):
        make_client(timeout=(1, 1)).get_model("mdl_1")

    # The read timeout holds between two chunks of the body too (the server resumes at 3 s).
    assert sent_timeouts == [(1, 1)]


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

"""SGPClient's connection pool against a real local HTTP server: whose session it is, the
retry policy on every path of the origin, and a close() that never breaks a request in
flight (the app shares one client between sessions, and its cache may close it)."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from server_log import ANY_MODEL_PATH, raw_path
from urllib3 import HTTPConnectionPool
from werkzeug import Request, Response

from sgp.api import InferenceModel, SGPClient, SGPError
from sgp.team import AUDIT_LOGGER, MeteredClient, Requester


class WatchedAdapter(HTTPAdapter):
    """A real HTTPAdapter that also counts what it sent and how often it was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0
        self.closed = 0

    def send(self, *args: Any, **kwargs: Any) -> requests.Response:
        self.sent += 1
        return super().send(*args, **kwargs)

    def close(self) -> None:
        self.closed += 1
        super().close()


def pools(client: SGPClient) -> list[HTTPConnectionPool]:
    """The connection pools the client's adapter holds now."""
    adapter = client.session.get_adapter(client.base_url + "/")
    assert isinstance(adapter, HTTPAdapter)
    held = adapter.poolmanager.pools  # urllib3's container cannot be iterated, only its keys
    return [held[key] for key in list(held.keys())]


def is_closed(pool: HTTPConnectionPool) -> bool:
    return pool.pool is None  # urllib3 drops the queue of connections when it closes a pool


# --- whose session ----------------------------------------------------------------------------


def test_a_callers_session_is_used_as_it_is_and_left_open(
    httpserver, make_client, hosted_model_json
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    httpserver.expect_request("/still-mine").respond_with_data("ok")
    session = requests.Session()
    session.headers["X-Trace"] = "notebook-1"
    mine = WatchedAdapter()
    session.mount(httpserver.url_for("/"), mine)
    before = dict(session.adapters)

    client = make_client(session=session)
    client.get_model("mdl_openai_01")
    client.close()

    assert client.session is session
    assert httpserver.log[0][0].headers["X-Trace"] == "notebook-1"
    assert mine.sent == 1  # the caller's own adapter carried the request
    assert session.adapters == before  # nothing mounted on it
    assert mine.closed == 0  # and not closed: it is the caller's
    assert session.get(httpserver.url_for("/still-mine")).text == "ok"


def test_the_clients_own_pool_is_closed_by_close(httpserver, make_client, hosted_model_json):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    client = make_client()
    client.get_model("mdl_openai_01")
    [pool] = pools(client)

    client.close()

    assert is_closed(pool)
    assert pools(client) == []


# --- retries on the whole origin ----------------------------------------------------------------


@pytest.mark.parametrize(
    "location", ["/new/v5/models/mdl_1", "http://LOCALHOST:{port}/new/v5/models/mdl_1"]
)
def test_redirect_to_another_path_of_the_same_server_keeps_the_retry_policy(
    httpserver, make_client, hosted_model_json, location
):
    busy_once = iter([True])

    def new_place(request: Request) -> Response:
        if next(busy_once, False):
            return Response("busy", status=503)
        return Response(json.dumps(hosted_model_json), content_type="application/json")

    httpserver.expect_request("/old/v5/models/mdl_1").respond_with_data(
        "", status=302, headers={"Location": location.format(port=httpserver.port)}
    )
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(new_place)

    model = make_client(base_url=httpserver.url_for("/old"), max_retries=1).get_model("mdl_1")

    assert model.id == "mdl_openai_01"
    paths = [raw_path(request) for request, _ in httpserver.log]
    assert paths[0] == "/old/v5/models/mdl_1"
    assert len(paths) == 3 and paths[1] == paths[2] != paths[0]  # the 503 was retried


# --- close() while another thread is in the middle of a request --------------------------------


def test_closing_a_shared_client_mid_request_lets_that_request_finish_then_closes_the_pool(
    httpserver, make_client, hosted_model_json
):
    arrived, closed = threading.Event(), threading.Event()
    calls = iter(range(10))

    def slow_then_busy(request: Request) -> Response:
        if next(calls) == 0:  # the first attempt: held until close() was called, then a 503
            arrived.set()
            closed.wait(10)
            return Response("busy", status=503)
        return Response(json.dumps(hosted_model_json), content_type="application/json")

    httpserver.expect_request(ANY_MODEL_PATH).respond_with_handler(slow_then_busy)
    client = make_client(max_retries=1)
    outcome: list[InferenceModel | SGPError] = []

    def look_up() -> None:
        try:
            outcome.append(client.get_model("mdl_openai_01"))
        except SGPError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=look_up)
    worker.start()
    assert arrived.wait(10)
    [pool] = pools(client)
    client.close()  # as the cache's eviction does, from another thread
    closed_while_in_flight = is_closed(pool)
    closed.set()
    worker.join(10)

    assert [type(o) for o in outcome] == [InferenceModel]  # the retry ran on an open pool
    assert len(httpserver.log) == 2
    assert not closed_while_in_flight  # close() waited for the request
    assert is_closed(pool) and pools(client) == []  # and took effect when it ended


def test_a_request_after_close_still_works_and_its_pool_is_closed_again(
    httpserver, make_client, hosted_model_json
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    client = make_client()
    client.close()

    model = client.get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"
    assert pools(client) == []


def test_metering_a_callers_client_audits_status_and_request_id_without_touching_its_session(
    httpserver, make_client, hosted_model_json
):
    """Issue 18: the status and request ID come with the answer (`with_raw_response`), not
    from a hook on the session, which may be the caller's and must stay as they made it."""
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(
        hosted_model_json, headers={"x-request-id": "req-metered-1"}
    )
    httpserver.expect_request("/v5/models").respond_with_json(
        {"items": [hosted_model_json], "total": 1, "has_more": False},
        headers={"x-request-id": "req-list-2"},
    )
    session = requests.Session()
    hooks_before = {event: list(hooks) for event, hooks in session.hooks.items()}
    client = make_client(session=session)
    answer = client.with_raw_response.get_model("mdl_openai_01")
    assert (answer.status, answer.request_id) == (200, "req-metered-1")
    assert answer.body == hosted_model_json and answer.parsed.id == "mdl_openai_01"

    lines = []
    requester = Requester("ana@example.com", "Inspect a model", "custom", False, 60)
    metered = MeteredClient(client, requester)
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(json.loads(record.getMessage()))  # type: ignore[method-assign]
    logging.getLogger(AUDIT_LOGGER).addHandler(handler)
    try:
        metered.get_model("mdl_openai_01")
        metered.list_models(limit=5)
    finally:
        logging.getLogger(AUDIT_LOGGER).removeHandler(handler)

    assert [(line["outcome"], line["request_id"]) for line in lines] == [
        (200, "req-metered-1"),
        (200, "req-list-2"),
    ]
    assert {event: list(hooks) for event, hooks in session.hooks.items()} == hooks_before

"""Fetching many models at once (sgp.api.fetch): per-ID results and errors, pasted ID lists."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from werkzeug import Request, Response

from sgp.api import InferenceModel, NotFoundError, SGPClient, fetch_models
from sgp.present import parse_ids
from testkit.bodies import minimal_body


def test_pasted_ids_are_split_on_commas_spaces_and_lines_and_kept_once_in_order() -> None:
    text = " b, a\n\nc;a  b,,\td "

    assert parse_ids(text) == ["b", "a", "c", "d"]
    assert parse_ids("") == []
    assert parse_ids(None) == []


def test_each_id_gets_its_model_or_its_own_error(httpserver: HTTPServer) -> None:
    for model_id in ("one", "two"):
        httpserver.expect_request(f"/v5/models/{model_id}").respond_with_json(
            minimal_body(model_id)
        )
    httpserver.expect_request("/v5/models/gone").respond_with_json(
        {"detail": "Model not found"}, status=404
    )
    client = SGPClient("k", base_url=httpserver.url_for("/"), max_retries=0)
    progress: list[tuple[int, int, str]] = []

    def on_done(done: int, total: int) -> None:
        progress.append((done, total, threading.current_thread().name))

    results = fetch_models(client, ["two", "gone", "one", "two"], max_workers=3, on_done=on_done)

    assert list(results) == ["two", "gone", "one"]
    assert isinstance(results["one"], InferenceModel)
    assert isinstance(results["gone"], NotFoundError)
    assert [(d, t) for d, t, _ in progress] == [(1, 3), (2, 3), (3, 3)]
    assert {name for _, _, name in progress} == {threading.current_thread().name}
    assert len(httpserver.log) == 3
    assert {request.method for request, _ in httpserver.log} == {"GET"}


def test_no_ids_sends_no_request(httpserver: HTTPServer) -> None:
    client = SGPClient("k", base_url=httpserver.url_for("/"))

    assert fetch_models(client, []) == {}
    assert httpserver.log == []


class VisitorLeft(Exception):
    """A plain error raised by the progress callback (a bug in a caller)."""


@pytest.mark.parametrize(
    "interruption",
    [StopException(), RerunException(None), VisitorLeft("boom")],
    ids=["visitor-left", "visitor-reran", "plain-error"],
)
def test_an_interrupted_board_stops_fetching_what_has_not_started(
    interruption: BaseException,
) -> None:
    api = HTTPServer(threaded=True)
    received: list[str] = []
    lock = threading.Lock()

    def slow(request: Request) -> Response:
        with lock:
            received.append(request.path)
        time.sleep(0.3)
        model_id = request.path.rsplit("/", 1)[-1]
        return Response(json.dumps(minimal_body(model_id)), mimetype="application/json")

    api.expect_request(re.compile(r"/v5/models/.+")).respond_with_handler(slow)
    api.start()
    ids = [f"m-{n:02d}" for n in range(40)]

    def on_done(done: int, total: int) -> None:
        raise interruption  # what Streamlit does when the script is stopped or rerun

    try:
        with SGPClient("k", base_url=api.url_for("/"), max_retries=0) as client:
            with pytest.raises(type(interruption)):
                fetch_models(client, ids, max_workers=2, on_done=on_done)
            for thread in threading.enumerate():  # let the fetches already running end
                if thread.name.startswith("sgp-fetch"):
                    thread.join(timeout=10)
    finally:
        api.stop()
    # Two were running when the first result came in; a handful at most, never all 40.
    assert 2 <= len(received) <= 6, received

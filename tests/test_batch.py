"""Fetching many models at once (sgp.api.fetch): per-ID results and errors, pasted ID lists."""

from __future__ import annotations

import threading

from bodies import model_body
from pytest_httpserver import HTTPServer

from sgp.api import InferenceModel, NotFoundError, SGPClient, fetch_models
from sgp.present import parse_ids


def test_pasted_ids_are_split_on_commas_spaces_and_lines_and_kept_once_in_order() -> None:
    text = " b, a\n\nc;a  b,,\td "

    assert parse_ids(text) == ["b", "a", "c", "d"]
    assert parse_ids("") == []
    assert parse_ids(None) == []


def test_each_id_gets_its_model_or_its_own_error(httpserver: HTTPServer) -> None:
    for model_id in ("one", "two"):
        httpserver.expect_request(f"/v5/models/{model_id}").respond_with_json(model_body(model_id))
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

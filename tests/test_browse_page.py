"""AppTest of Browse (/browse), and of going from Browse to the board: the demo and a local API.

Pages run in-process (streamlit.testing.v1), opened from the main script as a shared link
would open them; the "API" is a real local HTTP server the operator's base URL points at.
"""

from __future__ import annotations

import json

import pytest
from apptest_pages import counts, open_page, table
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sgp.demo import SAMPLE_MODELS
from testkit.bodies import minimal_body

KEY = "sk-test-browse-5a9e3c71"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def list_requests(server: HTTPServer) -> list[dict[str, str]]:
    return [dict(request.args) for request, _ in server.log if request.path == "/v5/models"]


def serve_list(server: HTTPServer, ids: list[str], statuses: list[str]) -> None:
    def handler(request: Request) -> Response:
        limit = int(request.args["limit"])
        after = request.args.get("starting_after")
        start = ids.index(after) + 1 if after in ids else 0
        page = [minimal_body(i, status=statuses[n % len(statuses)]) for n, i in enumerate(ids)]
        payload = {
            "object": "list",
            "items": page[start : start + limit],
            "total": len(ids),
            "has_more": start + limit < len(ids),
            "limit": limit,
        }
        return Response(json.dumps(payload), content_type="application/json")

    server.expect_request("/v5/models", method="GET").respond_with_handler(handler)


def test_browse_in_the_demo_lists_models_with_counts_per_status() -> None:
    at = open_page("browse")

    assert not at.exception
    assert len(table(at)) == 20
    assert sum(counts(at).values()) == 20
    assert {"Ready", "Deploying", "Failed"} <= set(counts(at))
    assert any(f"Showing 20 of {len(SAMPLE_MODELS)} models" in c.value for c in at.caption)
    assert table(at)["Vendor"].isin(["LLM Engine", "Launch"]).any()


def test_load_more_in_the_demo_shows_the_rest_then_has_nothing_more() -> None:
    at = open_page("browse")

    at.button(key="load_more").click().run()

    assert len(table(at)) == len(SAMPLE_MODELS)
    assert table(at)["ID"].is_unique
    assert sum(counts(at).values()) == len(SAMPLE_MODELS)
    assert at.button(key="load_more").disabled


def test_a_shared_browse_link_with_a_vendor_shows_only_that_vendor() -> None:
    at = open_page("browse", vendor="Launch")

    assert at.selectbox(key="vendor").value == "launch"
    assert set(table(at)["Vendor"]) == {"Launch"}


def test_browse_sends_vendor_name_and_sort_to_the_server(operator_api: HTTPServer) -> None:
    serve_list(operator_api, ["a1"], ["ready"])

    at = open_page("browse", vendor="Launch", name="llama", sort="Name A to Z")

    assert not at.exception
    assert list_requests(operator_api) == [
        {
            "limit": "20",
            "model_vendor": "launch",
            "name": "llama",
            "sort_by": "name",
            "sort_order": "asc",
        }
    ]
    at.text_input(key="name").input("mistral").run()
    assert list_requests(operator_api)[-1]["name"] == "mistral"
    assert all(KEY not in str(value) for value in at.query_params.values())


def test_load_more_asks_for_the_page_after_the_last_model_shown(
    operator_api: HTTPServer,
) -> None:
    ids = [f"m{n:02d}" for n in range(30)]
    serve_list(operator_api, ids, ["ready", "failed", "deploying"])
    at = open_page("browse")
    at.run()
    assert len(list_requests(operator_api)) == 1

    at.button(key="load_more").click().run()

    assert [r.get("starting_after") for r in list_requests(operator_api)] == [None, "m19"]
    assert list(table(at)["ID"]) == ids
    assert counts(at) == {"Ready": 10, "Deploying": 10, "Failed": 10}
    assert at.button(key="load_more").disabled


def test_browse_explains_a_refused_key_in_plain_words(operator_api: HTTPServer) -> None:
    operator_api.expect_request("/v5/models").respond_with_json({"detail": "no"}, status=401)

    at = open_page("browse")

    assert not at.exception
    assert "Your API key was not accepted" in at.error[0].value
    assert not at.dataframe


def test_browse_sends_the_loaded_ids_to_the_board() -> None:
    at = open_page("browse")
    shown = list(table(at)["ID"])

    at.button(key="to_board").click().run()

    assert not at.exception
    assert at.text_area(key="ids").value == ",".join(shown)
    assert list(table(at)["ID"]) == shown


def test_going_from_browse_to_the_board_keeps_the_chosen_environment(
    operator_api: HTTPServer,
) -> None:
    at = open_page("browse", env="Demo")
    assert at.selectbox(key="env").value == "Demo"

    at.button(key="to_board").click().run()

    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Status board"
    assert at.selectbox(key="env").value == "Demo"
    assert at.query_params["env"] == "Demo"
    assert len(table(at)) == 20
    assert operator_api.log == []


def test_without_a_key_browse_and_board_ask_for_one_and_send_nothing(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", httpserver.url_for("/"))

    browse = open_page("browse")
    board = open_page("board", ids="a,b")

    for at in (browse, board):
        assert not at.exception
        assert "Paste your API key in the sidebar" in at.warning[0].value
        assert not at.dataframe
    assert httpserver.log == []


def test_a_failed_load_more_keeps_the_table_and_explains_the_failure(
    operator_api: HTTPServer,
) -> None:
    def handler(request: Request) -> Response:
        if "starting_after" in request.args:
            body = {"detail": [{"loc": ["query", "starting_after"], "msg": "bad cursor"}]}
            return Response(json.dumps(body), status=422, content_type="application/json")
        items = [minimal_body(f"p{n}") for n in range(20)]
        body = {"items": items, "total": 40, "has_more": True, "limit": 20}
        return Response(json.dumps(body), content_type="application/json")

    operator_api.expect_request("/v5/models").respond_with_handler(handler)
    at = open_page("browse")

    at.button(key="load_more").click().run()

    assert not at.exception
    assert len(table(at)) == 20
    assert any("Loading more models failed" in c.value for c in at.caption)
    assert "rejected" in at.error[0].value

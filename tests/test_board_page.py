"""AppTest of the status board (/board?ids=...): the demo and a local fake API.

Pages run in-process (streamlit.testing.v1), opened from the main script as a shared link
would open them; the "API" is a real local HTTP server the operator's base URL points at.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from apptest_pages import counts, open_page, table
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from testkit.bodies import minimal_body

KEY = "sk-test-browse-5a9e3c71"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def test_board_link_shows_each_model_and_a_404_row_with_its_own_error(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/ok-1").respond_with_json(minimal_body("ok-1"))
    operator_api.expect_request("/v5/models/ok-2").respond_with_json(
        minimal_body("ok-2", status="deploying")
    )
    operator_api.expect_request("/v5/models/gone").respond_with_json(
        {"detail": "Model not found"}, status=404
    )

    at = open_page("board", ids="ok-1,gone ok-2,ok-1")

    assert not at.exception
    rows = table(at).set_index("ID")
    assert list(rows.index) == ["ok-1", "gone", "ok-2"]
    assert rows.loc["ok-1", "Name"] == "Model ok-1"
    assert rows.loc["gone", "Problem"].startswith("No such model")
    assert counts(at) == {"Ready": 1, "Deploying": 1, "Could not load": 1}
    assert at.get("download_button")
    assert {request.method for request, _ in operator_api.log} == {"GET"}


@pytest.mark.usefixtures("refresh_anytime")
def test_board_rerun_is_served_from_the_cache(operator_api: HTTPServer) -> None:
    operator_api.expect_request("/v5/models/ok-1").respond_with_json(minimal_body("ok-1"))
    at = open_page("board", ids="ok-1")
    sent = len(operator_api.log)

    at.run()

    assert len(operator_api.log) == sent == 1
    at.button(key="board_refresh").click().run()
    assert len(operator_api.log) == 2


def test_board_with_more_than_200_ids_says_so_and_shows_the_first_200() -> None:
    ids = ",".join(f"demo-missing-{n}" for n in range(230))

    at = open_page("board", ids=ids)

    assert not at.exception
    assert "230 different IDs" in at.warning[0].value
    assert len(table(at)) == 200
    assert counts(at) == {"Could not load": 200}


def test_board_in_the_demo_fills_in_sample_ids_on_request() -> None:
    at = open_page("board")
    assert not at.dataframe

    at.button(key="board_demo").click().run()

    assert not at.exception
    rows = table(at).set_index("ID")
    assert rows.loc["demo-no-such-model", "Status"] == ["Could not load"]
    assert (rows["Problem"] == "").sum() == len(rows) - 1


@pytest.mark.usefixtures("refresh_anytime")
def test_board_refresh_all_fetches_again_through_the_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = HTTPServer(threaded=True)  # the default test server answers one request at a time
    api.start()
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", api.url_for("/"))
    monkeypatch.setenv("SGP_API_KEY", KEY)
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def slow(request: Request) -> Response:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.2)
        with lock:
            in_flight[0] -= 1
        body = minimal_body(request.path.rsplit("/", 1)[-1])
        return Response(json.dumps(body), content_type="application/json")

    ids = [f"r-{n}" for n in range(8)]
    for model_id in ids:
        api.expect_request(f"/v5/models/{model_id}").respond_with_handler(slow)
    try:
        at = open_page("board", ids=",".join(ids))
        most[0] = 0
        at.button(key="board_refresh").click().run()
        assert len(api.log) == 16
        assert most[0] > 1, "Refresh all fetched the models one by one"
    finally:
        api.stop()


def test_key_no_header_can_carry_gets_its_own_message_on_the_board(
    operator_api: HTTPServer,
) -> None:
    at = open_page("board", ids="ok-1")
    sent = len(operator_api.log)
    at.text_input(key="api_key").set_value("sk-“curly”").run()
    assert "cannot be sent" in " ".join(str(df.value.to_string()) for df in at.dataframe)
    assert not any("Sorry" in e.value for e in at.error)
    assert len(operator_api.log) == sent

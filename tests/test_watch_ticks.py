"""The watch's ticks on the pages: the inspect page's Watch and the board's "Watch all",
in-process (streamlit.testing.v1) in the demo or against a real local HTTP server.

AppTest cannot drive `st.fragment(run_every=...)`: it has no clock and no way to rerun one
fragment. So the watch's ticks are driven by a small script that calls the same component
functions as the inspect page: a full run draws `watch_header` (which calls the fragment
inline, as the first run in a browser does), and a "tick" run calls `live_header`, the
fragment's body, exactly what Streamlit runs every interval.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from apptest_pages import APP, open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Request, Response

from testkit.bodies import minimal_body

KEY = "sk-test-watch-3b9d41c2"


def watch_script() -> None:
    """The inspect page's watch, reduced to the components it uses; `tick` = one interval."""
    import os

    import streamlit as st

    from components.cache.lookups import lookup_model
    from components.inspect.watch import live_header, watch_header
    from components.shell.visit import visit_of
    from sgp.api import Connection, Environment, normalize_base_url

    base_url = normalize_base_url(os.environ["SGP_CLIENT_BASE_URL"])
    connection = visit_of(
        Connection(Environment("custom", "Custom", base_url), api_key=os.environ["SGP_API_KEY"]),
        "Inspect a model",
    )
    if st.session_state.pop("tick", False):
        live_header(connection, "m-live", 5.0)  # what run_every runs in a browser
    else:
        watch_header(lookup_model(connection, "m-live"), connection)


class Sequence:
    """Answers the watched model with the given statuses in turn, the last one forever."""

    def __init__(self, *answers: str | int | tuple[int, str]) -> None:
        self.answers = list(answers)
        self.served = 0

    def __call__(self, request: Request) -> Response:
        answer = self.answers[min(self.served, len(self.answers) - 1)]
        self.served += 1
        if isinstance(answer, tuple):  # a status with the Retry-After it asks
            status, retry_after = answer
            return Response(
                '{"detail": "slow down"}',
                status=status,
                headers={"Retry-After": retry_after},
                mimetype="application/json",
            )
        if isinstance(answer, int):
            return Response('{"detail": "slow down"}', status=answer, mimetype="application/json")
        body = minimal_body("m-live", name="Live model", status=answer)
        return Response(json.dumps(body), mimetype="application/json")


def board_watch_script() -> None:
    """The board with Watch all on, drawn by its own component; `tick` = one interval."""
    import os

    import streamlit as st

    from components.board.view import board, board_results
    from components.board.watch import live_board
    from components.shell.visit import visit_of
    from sgp.api import Connection, Environment, normalize_base_url

    base_url = normalize_base_url(os.environ["SGP_CLIENT_BASE_URL"])
    connection = visit_of(
        Connection(Environment("custom", "Custom", base_url), api_key=os.environ["SGP_API_KEY"]),
        "Status board",
    )
    ids = ["m-live", "m-other"]
    if st.session_state.pop("tick", False):  # what run_every runs in a browser
        live_board(connection, ids, 10.0, lambda shown: board_results(connection, shown))
    else:
        board(connection, ids)


def start_watch(
    server: HTTPServer, *answers: str | int | tuple[int, str], script: Any = watch_script
) -> tuple[AppTest, Sequence]:
    sequence = Sequence(*answers)
    server.expect_request("/v5/models/m-live").respond_with_handler(sequence)
    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["watch"] = True
    return at.run(), sequence


def tick(at: AppTest) -> AppTest:
    at.session_state["tick"] = True
    return at.run()


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.usefixtures("fresh_streamlit", "refresh_anytime")
def test_watch_stops_by_itself_on_a_final_status(operator_api: HTTPServer) -> None:
    at, server = start_watch(operator_api, "deploying", "deploying", "ready")
    assert server.served == 1
    assert any(c.startswith("Watching: checking every 5 s") for c in captions(at))
    tick(at)
    assert server.served == 2
    assert not at.toast  # no change, no toast
    tick(at)  # sees "ready": the fragment reruns the whole page, which stops watching
    assert server.served == 3
    assert not at.exception
    assert not any(c.startswith("Watching:") for c in captions(at))
    assert any(c.startswith("Not watching: this status is final") for c in captions(at))
    assert [t.value for t in at.toast] == ["Status changed to Ready. Watch stopped."]
    timeline = at.dataframe[0].value
    assert list(timeline["status"]) == ["Deploying", "Ready"]
    at.run()  # later reruns draw the final header from the cache: nothing more is fetched
    assert server.served == 3
    assert len(operator_api.log) == 3


@pytest.mark.usefixtures("fresh_streamlit", "refresh_anytime")
def test_watch_stops_on_a_status_it_does_not_know_and_toasts_it_escaped(
    operator_api: HTTPServer,
) -> None:
    hostile = "![x](http://evil/x.png)"
    at, server = start_watch(operator_api, "deploying", hostile)
    tick(at)
    assert server.served == 2
    assert [t.value for t in at.toast] == [
        "Status changed to \\!\\[x\\]\\(http\u2060\\:\\/\\/evil\\/x\\.png\\)."
    ]
    assert any(c.startswith("Not watching: the watch runs only") for c in captions(at))
    assert list(at.dataframe[0].value["status"]) == ["Deploying", hostile]


@pytest.mark.usefixtures("fresh_streamlit", "refresh_anytime")
def test_watch_waits_after_a_429_instead_of_hammering(operator_api: HTTPServer) -> None:
    at, server = start_watch(operator_api, "deploying", 429)
    tick(at)  # one check; the client itself retries a 429 twice (three requests)
    after_429 = server.served
    assert after_429 >= 2
    assert [w.value for w in at.warning] == [
        "**Could not refresh: Too many requests.** Next check in 10 s."
    ]
    tick(at)  # the next interval comes before the wait is over: no request at all
    tick(at)
    assert server.served == after_429
    assert any(c.startswith("Watching:") for c in captions(at))  # still watching


@pytest.mark.usefixtures("fresh_streamlit", "refresh_anytime")
def test_watch_all_after_a_429_asking_less_than_its_interval_waits_one_interval(
    operator_api: HTTPServer,
) -> None:
    # Measured before both watches shared one clock: a 429 asking for 1 s waited one
    # interval on the inspect page but two (20 s here) on the board.
    other = minimal_body("m-other", name="Other model", status="deploying")
    operator_api.expect_request("/v5/models/m-other").respond_with_json(other)
    at, server = start_watch(operator_api, "deploying", (429, "1"), script=board_watch_script)
    at.session_state["board_watch"] = True
    at.run()
    assert any(c.startswith("Watching: checking the deploying models") for c in captions(at))
    served = server.served
    tick(at)  # one check; the client itself retries the 429 twice, waiting 1 s each time
    after_429 = server.served
    assert after_429 > served
    assert [w.value for w in at.warning] == [
        "**Could not refresh: Too many requests.** Next check in 10 s."
    ]
    tick(at)  # the next interval comes before the wait is over: no request at all
    assert server.served == after_429
    assert not at.exception


@pytest.mark.usefixtures("fresh_streamlit")
def test_watch_switched_off_draws_the_plain_header_and_fetches_nothing_more(
    operator_api: HTTPServer,
) -> None:
    at, server = start_watch(operator_api, "deploying")
    at.toggle(key="watch").set_value(False).run()
    assert server.served == 1
    assert not any(c.startswith("Watching:") for c in captions(at))


@pytest.mark.usefixtures("fresh_streamlit")
def test_watch_controls_appear_on_the_inspect_page_in_the_demo() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["model_id"] = "demo-live-rollout"
    at.run()
    at.toggle(key="watch").set_value(True).run()
    assert not at.exception
    assert at.number_input(key="watch_every").value == 5
    assert any(c.startswith("Watching: checking every 5 s") for c in captions(at))
    at.number_input(key="watch_every").set_value(12).run()
    assert any(c.startswith("Watching: checking every 12 s") for c in captions(at))


@pytest.mark.usefixtures("fresh_streamlit")
def test_watch_all_runs_only_while_a_model_on_the_board_is_deploying() -> None:
    at = open_page("board", ids="demo-live-rollout,demo-llama-2-7b-chat")
    at.toggle(key="board_watch").set_value(True).run()
    assert not at.exception
    shown = [c.value for c in at.caption]
    assert any(c.startswith("Watching: checking the deploying models") for c in shown)
    assert at.dataframe[0].value.set_index("ID").loc["demo-live-rollout", "Status"] == ["Deploying"]
    at = open_page("board", ids="demo-llama-2-7b-chat")
    at.toggle(key="board_watch").set_value(True).run()
    assert "Not watching: no model on the board is deploying." in [c.value for c in at.caption]


@pytest.mark.usefixtures("fresh_streamlit")
@pytest.mark.parametrize(
    ("setting", "status"),
    [("0", "Ready"), ("600", "Deploying"), ("soon", "Deploying"), ("-1", "Deploying")],
)
def test_operator_sets_how_long_the_demo_rollout_takes(
    monkeypatch: pytest.MonkeyPatch, setting: str, status: str
) -> None:
    monkeypatch.setenv("SGP_DEMO_ROLLOUT_S", setting)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["model_id"] = "demo-live-rollout"
    at.run()
    assert not at.exception
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any(f" {status}]" in badge for badge in badges), badges

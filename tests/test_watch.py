"""The one watch: its clock (`sgp.watch`), its record in the session
(`components.watch.record`), the inspect page's Watch and the board's "Watch all".

The clock is plain data and is tested as such, including the cases measured before both
pages shared it (a 429 asking for 1 s at a 5 s interval waited 5 s on one page and 10 s on
the other). The pages run in-process (streamlit.testing.v1) in the built-in demo or against
a real local HTTP server (pytest-httpserver).

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

from components.watch.record import RECORD_PREFIX
from sgp.api import RETRY_AFTER_MAX, InternalServerError, RateLimitError, SGPError
from sgp.demo import FEATURED_IDS
from sgp.team import OverBudgetError
from sgp.watch import WatchClock
from testkit.bodies import minimal_body

KEY = "sk-test-watch-3b9d41c2"

# The clock ----------------------------------------------------------------------------------


def test_a_429_asking_for_less_than_the_interval_waits_one_interval() -> None:
    # Measured before: 5 s on the inspect page, 10 s on the board.
    assert WatchClock().failed(RateLimitError("429", retry_after="1"), 5, now=0.0) == 5


def test_after_a_long_back_off_a_429_waits_what_it_asks_not_longer() -> None:
    # Measured before: after a 40 s back-off, 30 s on one page and 60 s on the other.
    clock = WatchClock()
    assert [clock.failed(InternalServerError("500"), 5, now=0.0) for _ in range(3)] == [10, 20, 40]
    assert clock.failed(RateLimitError("429", retry_after="30"), 5, now=0.0) == 30


def test_without_an_asked_wait_the_wait_doubles_up_to_a_minute() -> None:
    clock = WatchClock()
    waits = [clock.failed(RateLimitError("429"), 5, now=0.0) for _ in range(5)]
    assert waits == [10, 20, 40, 60, 60]
    assert not clock.due(59.0) and clock.due(60.0)
    clock.succeeded()
    assert clock.due(0.0) and clock.problem is None
    assert clock.failed(InternalServerError("500"), 5, now=0.0) == 10  # the doubling restarts
    assert clock.checks == 7


@pytest.mark.parametrize(
    ("error", "wait_s"),
    [
        (RateLimitError("429", retry_after="30"), 30.0),
        (RateLimitError("429", retry_after="99999"), RETRY_AFTER_MAX),  # the client's cap
        (RateLimitError("429", retry_after="soon"), 20.0),  # unreadable: as if none was given
        (InternalServerError("500"), 20.0),
        (OverBudgetError(wait_s=45, per_minute=60), 45.0),  # the person's budget allows then
    ],
)
def test_a_failed_check_waits_what_the_error_asks_or_twice_the_interval(
    error: SGPError, wait_s: float
) -> None:
    clock = WatchClock()
    assert clock.failed(error, every=10.0, now=100.0) == wait_s
    assert (clock.wait_s, clock.next_check_at) == (wait_s, 100.0 + wait_s)
    assert not clock.due(100.0 + wait_s - 1) and clock.due(100.0 + wait_s)
    assert clock.problem == error.title


# The records in a long session --------------------------------------------------------------


def records(at: AppTest) -> list[str]:
    return [key for key in at.session_state if key.startswith(RECORD_PREFIX)]


def view(at: AppTest, model_id: str) -> AppTest:
    at.text_input(key="model_id").set_value(model_id).run()
    assert not at.exception
    return at


@pytest.mark.usefixtures("fresh_streamlit")
def test_viewing_many_models_with_watch_off_keeps_no_watch_records() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert len(FEATURED_IDS) >= 3
    for model_id in FEATURED_IDS:
        view(at, model_id)
        assert records(at) == []


@pytest.mark.usefixtures("fresh_streamlit")
def test_watching_one_model_after_another_keeps_only_the_last_ones_record() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    view(at, FEATURED_IDS[0])
    at.toggle(key="watch").set_value(True).run()
    for model_id in FEATURED_IDS:
        view(at, model_id)
        assert len(records(at)) == 1
    at.toggle(key="watch").set_value(False).run()
    assert records(at) == []


@pytest.mark.usefixtures("fresh_streamlit")
def test_watch_all_keeps_one_record_per_board_and_none_once_switched_off() -> None:
    at = open_page("board", ids="demo-live-rollout,demo-llama-2-7b-chat")
    at.toggle(key="board_watch").set_value(True).run()
    assert not at.exception
    assert len(records(at)) == 1
    for ids in ("demo-live-rollout", "demo-live-rollout,demo-mixtral-failed"):
        at.text_area(key="ids").set_value(ids).run()
        assert not at.exception
        assert len(records(at)) == 1
    at.toggle(key="board_watch").set_value(False).run()
    assert records(at) == []


# The inspect page's Watch, tick by tick -----------------------------------------------------


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

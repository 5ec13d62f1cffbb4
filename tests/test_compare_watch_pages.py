"""AppTest of the compare page and of the live watch on the inspect page.

The pages run in-process (streamlit.testing.v1); the "API" is the built-in demo or a real
local HTTP server (pytest-httpserver) that the operator's Custom base URL points at.

AppTest cannot drive `st.fragment(run_every=...)`: it has no clock and no way to rerun one
fragment. So the watch's ticks are driven by a small script that calls the same component
functions as the inspect page: a full run draws `watch_header` (which calls the fragment
inline, as the first run in a browser does), and a "tick" run calls `live_header`, the
fragment's body, exactly what Streamlit runs every interval.
"""

from __future__ import annotations

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Request, Response

from components.inspect.watch import WatchState
from sgp.api import RETRY_AFTER_MAX, InternalServerError, RateLimitError
from sgp.demo import FEATURED
from testkit.bodies import sample_body

KEY = "sk-test-watch-3b9d41c2"
DEMO = {m["id"]: m for m in FEATURED}


pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def open_compare(a: str, b: str) -> AppTest:
    return open_page("compare", a=a, b=b)


def infos(at: AppTest) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info]


# Compare ----------------------------------------------------------------------------------


def test_compare_link_in_the_demo_shows_the_sentence_and_only_the_differences() -> None:
    at = open_compare("demo-llama-2-7b-chat", "demo-mixtral-failed")
    assert not at.exception and not at.error[1:]
    assert any(
        text.startswith("B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10") for text in infos(at)
    )
    table = at.dataframe[0].value
    assert set(table["change"]) == {"changed", "removed"}
    row = table[table["field"] == "gpu_type"].iloc[0]
    assert (row["left"], row["right"]) == ("nvidia-ampere-a10", "nvidia-ampere-a100")
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any("Ready]" in b for b in badges) and any("Failed]" in b for b in badges)


def test_compare_switch_shows_all_fields_with_the_unchanged_ones_marked_same() -> None:
    at = open_compare("demo-llama-2-7b-chat", "demo-mixtral-failed")
    differing = len(at.dataframe[0].value)
    at.toggle(key="all").set_value(True).run()
    table = at.dataframe[0].value
    assert len(table) > differing
    assert "same" in set(table["change"])


def test_compare_across_vendors_in_the_demo_is_not_an_error() -> None:
    at = open_compare("demo-gpt-4o", "demo-launch-embeddings")
    assert not at.exception
    assert [e for e in at.error] == []
    assert any(
        t.startswith("A is hosted by OpenAI with no configuration; B runs on 1 x NVIDIA T4")
        for t in infos(at)
    )
    assert set(at.dataframe[0].value["change"]) == {"added"}
    assert {b.label for b in at.get("download_button")} >= {"Report (HTML)", "Report (Markdown)"}


def test_compare_across_vendors_fetches_each_model_once(operator_api: HTTPServer) -> None:
    launch = {**DEMO["demo-launch-embeddings"], "id": "m-launch"}
    operator_api.expect_request("/v5/models/m-llm").respond_with_json(sample_body("m-llm"))
    operator_api.expect_request("/v5/models/m-launch").respond_with_json(launch)
    at = open_compare("m-llm", "m-launch")
    assert not at.exception
    assert any(t.startswith("A is deployed with LLM Engine and B with Launch") for t in infos(at))
    at.toggle(key="all").set_value(True).run()
    assert sorted(r.path for r, _ in operator_api.log) == [
        "/v5/models/m-launch",
        "/v5/models/m-llm",
    ]


def test_compare_with_a_missing_model_shows_that_side_s_error_only(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/m-llm").respond_with_json(sample_body("m-llm"))
    operator_api.expect_request("/v5/models/nope").respond_with_json(
        {"detail": "Model not found"}, status=404
    )
    at = open_compare("m-llm", "nope")
    assert not at.exception
    assert [e.value for e in at.error if "No such model" in e.value]
    assert not at.dataframe  # nothing to compare with
    assert "Model m-llm" in [h.value.replace("\\", "") for h in at.header]


def test_compare_page_asks_for_two_ids_and_is_in_the_sidebar() -> None:
    at = open_page("compare")
    assert not at.exception
    assert any("Enter two model IDs" in c.value for c in at.caption)
    links = {link.proto.label: link.proto.page for link in at.sidebar.get("page_link")}
    assert links["Compare two models"] == "compare"


# Watch ------------------------------------------------------------------------------------


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

    def __init__(self, *answers: str | int) -> None:
        self.answers = list(answers)
        self.served = 0

    def __call__(self, request: Request) -> Response:
        answer = self.answers[min(self.served, len(self.answers) - 1)]
        self.served += 1
        if isinstance(answer, int):
            return Response('{"detail": "slow down"}', status=answer, mimetype="application/json")
        import json

        return Response(
            json.dumps(sample_body("m-live", status=answer)), mimetype="application/json"
        )


def start_watch(server: HTTPServer, *answers: str | int) -> tuple[AppTest, Sequence]:
    sequence = Sequence(*answers)
    server.expect_request("/v5/models/m-live").respond_with_handler(sequence)
    at = AppTest.from_function(watch_script, default_timeout=30)
    at.session_state["watch"] = True
    return at.run(), sequence


def tick(at: AppTest) -> AppTest:
    at.session_state["tick"] = True
    return at.run()


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.usefixtures("refresh_anytime")
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


@pytest.mark.usefixtures("refresh_anytime")
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


@pytest.mark.usefixtures("refresh_anytime")
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


def test_watch_switched_off_draws_the_plain_header_and_fetches_nothing_more(
    operator_api: HTTPServer,
) -> None:
    at, server = start_watch(operator_api, "deploying")
    at.toggle(key="watch").set_value(False).run()
    assert server.served == 1
    assert not any(c.startswith("Watching:") for c in captions(at))


def test_watch_controls_appear_on_the_inspect_page_in_the_demo() -> None:
    at = open_page(model_id="demo-live-rollout")
    at.toggle(key="watch").set_value(True).run()
    assert not at.exception
    assert at.number_input(key="watch_every").value == 5
    assert any(c.startswith("Watching: checking every 5 s") for c in captions(at))
    at.number_input(key="watch_every").set_value(12).run()
    assert any(c.startswith("Watching: checking every 12 s") for c in captions(at))


# The watch's waiting rules, as plain data ---------------------------------------------------


def test_wait_doubles_after_each_failure_up_to_a_minute() -> None:
    state = WatchState()
    error = RateLimitError("429")
    waits = [state.failed(error, 5, now=0.0) for _ in range(5)]
    assert waits == [10, 20, 40, 60, 60]
    assert not state.due(59.0) and state.due(60.0)
    state.succeeded()
    assert state.due(0.0) and state.failed(InternalServerError("500"), 5, now=0.0) == 10


def test_wait_honours_retry_after_with_the_clients_cap() -> None:
    # The reading itself (dates, "soon") is tested in test_retry_after.py.
    state = WatchState()
    assert state.failed(RateLimitError("429", retry_after="30"), 5, now=0.0) == 30
    assert state.failed(RateLimitError("429", retry_after="1"), 5, now=0.0) == 5  # never < every
    assert state.failed(RateLimitError("429", retry_after="99999"), 5, now=0.0) == RETRY_AFTER_MAX

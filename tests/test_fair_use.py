"""Fair use of the operator's key, in AppTest against a local API that counts requests.

- Refresh takes an answer younger than 2 s from the cache: ten clicks within a second cost
  one request. The clock of `components.cache.fair_use` is a fake one the test moves, so
  "within a second" does not depend on how fast the machine runs the clicks.
- Each person has a budget of requests a minute on the operator's key (SGP_REQUESTS_PER_MINUTE):
  over it, a lookup says how long to wait and the board marks the rows it could not load;
  cached answers still show and cost nothing; a person's own key is not budgeted. Each
  test starts with fresh budgets (AppTest gives every session the same id).
Five browsers watching one model are tested in Chromium (tests/e2e/test_e2e_fair_use.py).
"""

from __future__ import annotations

import re

import pytest
from apptest_pages import counts, open_page, table
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from components.cache import fair_use
from components.inspect.watch import WatchState
from sgp.present import md_escape
from sgp.team import Budget, OverBudgetError
from testkit.bodies import minimal_body

KEY = "sk-operator-fairuse-41b7"
OWN_KEY = "sk-own-key-of-a-person-8d20"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh_budgets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sgp.team.metered.BUDGET", Budget())


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    for n in range(20):
        operator_api.expect_request(f"/v5/models/m-{n}").respond_with_json(minimal_body(f"m-{n}"))
    return operator_api


def sent(api: HTTPServer, model_id: str | None = None) -> int:
    return sum(1 for request, _ in api.log if model_id is None or request.path.endswith(model_id))


def look_up(at: AppTest, model_id: str) -> AppTest:
    return at.text_input(key="model_id").input(model_id).run()


def test_ten_refresh_clicks_within_a_second_cost_one_request(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(fair_use, "time", clock)
    at = open_page(model_id="m-1")
    assert sent(api, "m-1") == 1
    clock.now += 2.5  # the answer is now older than 2 s
    for _ in range(10):
        at.button(key="refresh").click().run()
        clock.now += 0.09
    assert not at.exception
    assert sent(api, "m-1") == 2
    assert at.main.header[0].value == md_escape("Model m-1", one_line=True)


def test_over_budget_a_lookup_says_how_long_to_wait_and_cached_ones_still_work(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_REQUESTS_PER_MINUTE", "5")
    at = open_page()
    for n in range(5):
        look_up(at, f"m-{n}")
        assert not at.error, at.error
    assert sent(api) == 5

    look_up(at, "m-5")

    assert sent(api) == 5  # the sixth distinct lookup was not sent
    message = at.error[0].value
    assert "many requests in the last minute" in message
    assert re.search(r"Wait \d+ seconds", message)
    assert not at.exception
    look_up(at, "m-2")  # cached: shown, and it costs nothing
    assert not at.error
    assert sent(api) == 5
    assert at.main.header[0].value == md_escape("Model m-2", one_line=True)


def test_a_board_of_20_with_a_budget_of_10_shows_10_and_marks_10(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_REQUESTS_PER_MINUTE", "10")
    at = open_page("board", ids=",".join(f"m-{n}" for n in range(20)))

    assert not at.exception
    assert sent(api) == 10
    rows = table(at)
    assert len(rows) == 20
    assert counts(at) == {"Ready": 10, "Could not load": 10}
    marked = rows[rows["Problem"].fillna("") != ""]
    assert len(marked) == 10
    assert all(problem.startswith("You have made many requests") for problem in marked["Problem"])
    assert any("10 could not be loaded" in c.value for c in at.caption)


def test_a_persons_own_key_is_not_budgeted(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_REQUESTS_PER_MINUTE", "1")
    at = open_page()
    at.text_input(key="api_key").input(OWN_KEY).run()
    for n in range(4):
        look_up(at, f"m-{n}")
        assert not at.error, at.error
    assert sent(api) == 4
    assert {request.headers["x-api-key"] for request, _ in api.log} == {OWN_KEY}


def test_a_watch_over_budget_waits_until_the_budget_allows_another_check() -> None:
    state = WatchState()
    wait = state.failed(OverBudgetError(wait_s=37, per_minute=5), every=2.0, now=100.0)
    assert wait == 37.0
    assert not state.due(130.0) and state.due(137.0)
    assert state.problem == "You have made many requests in the last minute"

"""The one watch's clock (`sgp.watch`) and its record in the session
(`components.watch.record`), for the inspect page's Watch and the board's "Watch all".

The clock is plain data and is tested as such, including the cases measured before both
pages shared it (a 429 asking for 1 s at a 5 s interval waited 5 s on one page and 10 s on
the other). The records are checked on the pages, run in-process in the built-in demo.
"""

from __future__ import annotations

import pytest
from apptest_pages import APP, open_page
from streamlit.testing.v1 import AppTest

from components.watch.record import RECORD_PREFIX
from sgp.api import RETRY_AFTER_MAX, InternalServerError, RateLimitError, SGPError
from sgp.demo import FEATURED_IDS
from sgp.team import OverBudgetError
from sgp.watch import WatchClock

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

"""The watch in a long session: nothing kept per model viewed; the demo's rollout time.

The inspect page runs in-process (streamlit.testing.v1) in the built-in demo; the visitor
opens one sample model after another, as a long session would. The operator sets how long
the demo's live model deploys with SGP_DEMO_ROLLOUT_S (the browser test uses a short one).
"""

from __future__ import annotations

import pytest
from apptest_pages import open_page
from streamlit.testing.v1 import AppTest

from components.inspect.watch import STATE_PREFIX
from sgp.demo import FEATURED_IDS

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def watch_records(at: AppTest) -> list[str]:
    return [key for key in at.session_state if key.startswith(STATE_PREFIX)]


def view(at: AppTest, model_id: str) -> AppTest:
    at.text_input(key="model_id").set_value(model_id).run()
    assert not at.exception
    return at


def test_viewing_many_models_with_watch_off_keeps_no_watch_records() -> None:
    at = open_page()
    assert len(FEATURED_IDS) >= 3
    for model_id in FEATURED_IDS:
        view(at, model_id)
        assert watch_records(at) == []


def test_watching_one_model_after_another_keeps_only_the_last_ones_record() -> None:
    at = open_page()
    view(at, FEATURED_IDS[0])
    at.toggle(key="watch").set_value(True).run()
    for model_id in FEATURED_IDS:
        view(at, model_id)
        assert len(watch_records(at)) == 1
    at.toggle(key="watch").set_value(False).run()
    assert watch_records(at) == []


@pytest.mark.parametrize(
    ("setting", "status"),
    [("0", "Ready"), ("600", "Deploying"), ("soon", "Deploying"), ("-1", "Deploying")],
)
def test_operator_sets_how_long_the_demo_rollout_takes(
    monkeypatch: pytest.MonkeyPatch, setting: str, status: str
) -> None:
    monkeypatch.setenv("SGP_DEMO_ROLLOUT_S", setting)
    at = open_page(model_id="demo-live-rollout")
    assert not at.exception
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any(f" {status}]" in badge for badge in badges), badges

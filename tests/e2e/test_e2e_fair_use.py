"""Fair use in Chromium: five people watching one deploying model cost one request per 2 s.

Five browser contexts (five sessions, as five people would be) open the same shared link
on the operator's app, switch Watch on at the shortest interval (2 s) and keep watching
for 20 s. The fake API counts what reaches it: at most one request per 2 s in that window,
so at most 11, while each session kept checking on its own.
"""

from __future__ import annotations

import re
import time

import pytest
from e2e_servers import FakeAPI
from e2e_ui import Visitor, expect_model, main, open_app, watch_page
from playwright.sync_api import Browser, expect

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

MODEL_ID = "m-watched-by-five"
NAME = "Watched by five"
WATCHERS = 5
WATCH_FOR_S = 20


def _visitor(browser: Browser) -> Visitor:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    return Visitor(page, watch_page(page), "")


def _watch(visitor: Visitor) -> None:
    page = visitor.page
    expect_model(page, NAME)
    main(page).get_by_text("Watch", exact=True).click()
    every = page.get_by_label("Every (seconds)")
    every.fill("2")
    every.press("Enter")
    expect(main(page)).to_contain_text("Watching: checking every 2 s")


def _checks(visitor: Visitor) -> int:
    found = re.search(r"(\d+) checks", main(visitor.page).inner_text())
    return int(found.group(1)) if found else 0


# Slow by design: five sessions start, then watch for 20 s (about 40 s on an idle machine).
@pytest.mark.timeout(300)
def test_five_sessions_watching_one_model_cost_at_most_one_request_per_2_s(
    browser: Browser, operator_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, NAME, status="deploying"))
    visitors = [_visitor(browser) for _ in range(WATCHERS)]
    try:
        for visitor in visitors:
            open_app(visitor.page, operator_app.url, f"?model_id={MODEL_ID}")
            _watch(visitor)
        before = len(fake_api.requests_for(MODEL_ID))
        checks_before = [_checks(visitor) for visitor in visitors]
        time.sleep(WATCH_FOR_S)  # the scenario's duration, not an assertion on time
        during = len(fake_api.requests_for(MODEL_ID)) - before
        checks = [_checks(v) - b for v, b in zip(visitors, checks_before, strict=True)]
    finally:
        for visitor in visitors:
            visitor.page.context.close()

    print(f"{WATCHERS} sessions, {WATCH_FOR_S} s: {during} requests, checks {checks}")
    # Every session really kept watching (each tick is 2 s; a loaded machine may miss some).
    assert all(n >= 2 for n in checks), checks
    assert 1 <= during <= WATCH_FOR_S // 2 + 1, during

"""Two visitors with different keys never see each other's models, even from the shared cache.

The fake API answers the same model ID with a different model per key. Lookups are cached
for 30 s across browser sessions by a fingerprint of the key: a second session with the
same key is served from the cache (no new request, the same "Fetched at" time), one with
another key is not.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_servers import OPERATOR_KEY, FakeAPI, json_response
from e2e_ui import expect_model, look_up, main, new_visitor
from playwright.sync_api import Browser, Page, expect
from werkzeug import Request, Response

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


@pytest.fixture(scope="module")
def patient_app(server_logs: Path, fake_api_server: FakeAPI) -> Iterator[StreamlitServer]:
    """The operator's app with a 10 s read timeout instead of the suite's 2 s: the fan-out
    answer is held back on purpose until every viewer waits for it."""
    env = {
        "SGP_CLIENT_BASE_URL": fake_api_server.url,
        "SGP_API_KEY": OPERATOR_KEY,
        "SGP_TIMEOUT_S": "10",
    }
    with StreamlitServer("operator-patient", env, server_logs) as app:
        yield app


def fetched_at(page: Page) -> str:
    """The inspect page's "Fetched at HH:MM:SS UTC": the time of the fetch the cache holds."""
    caption = main(page).get_by_text(re.compile(r"^Fetched at \d\d:\d\d:\d\d UTC"))
    expect(caption).to_be_visible()
    found = re.match(r"Fetched at \d\d:\d\d:\d\d UTC", caption.inner_text())
    assert found, caption.inner_text()
    return found.group(0)


def test_two_visitors_with_different_keys_each_see_only_their_own_model(
    browser: Browser, custom_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    model_id = f"mdl-shared-{uuid.uuid4().hex[:8]}"
    alpha_key, bravo_key = f"sk-e2e-alpha-{uuid.uuid4().hex}", f"sk-e2e-bravo-{uuid.uuid4().hex}"
    names = {alpha_key: "Alpha team's model", bravo_key: "Bravo team's model"}

    def by_key(request: Request) -> Response:
        key = request.headers.get("x-api-key", "")
        if key not in names:
            return json_response({"detail": "Invalid API key"}, status=401)
        return json_response(sample_body(model_id, names[key]))

    fake_api.route(model_id, by_key)
    pages: list[Page] = []
    try:
        # Everyone gets ready first, so that Alpha's second session looks up right after the
        # first: one page interaction apart, not the 30 s for which the cache shares a model.
        for key in (alpha_key, alpha_key, bravo_key):
            pages.append(new_visitor(browser, custom_app.url, key).page)
        alpha, alpha_again, bravo = pages

        look_up(alpha, model_id)
        expect_model(alpha, "Alpha team's model")
        fetched = fetched_at(alpha)
        # A second session with Alpha's key: the same cached fetch, and still Alpha's model.
        look_up(alpha_again, model_id)
        expect_model(alpha_again, "Alpha team's model")
        expect(main(alpha_again)).to_contain_text(fetched)
        look_up(bravo, model_id)
        expect_model(bravo, "Bravo team's model")
        for page, other in ((alpha, "Bravo"), (bravo, "Alpha"), (alpha_again, "Bravo")):
            expect(main(page)).not_to_contain_text(f"{other} team")

        keys = [seen.api_key for seen in fake_api.requests_for(model_id)]
        assert keys == [alpha_key, bravo_key], "one request per key, none for the cached one"
    finally:
        for page in pages:
            page.context.close()


def test_a_team_opening_one_shared_link_at_once_costs_the_api_one_request(
    browser: Browser, patient_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    model_id = f"mdl-fanout-{uuid.uuid4().hex[:8]}"

    every_viewer_waits = threading.Event()

    def gated(_request: Request) -> Response:
        # The answer is held until all five viewers are waiting for it (or 8 s, inside the
        # app's 10 s read timeout): later viewers cannot be served from a finished cache.
        every_viewer_waits.wait(timeout=8)
        return json_response(sample_body(model_id, "Team dashboard model"))

    fake_api.route(model_id, gated)
    contexts = [browser.new_context() for _ in range(5)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:  # navigation starts each session without waiting for it to finish
            page.goto(f"{patient_app.url}/?model_id={model_id}", wait_until="commit")
        for page in pages:  # each session's run is under way, waiting on the one lookup
            expect(page.locator(RUNNING)).to_be_attached(timeout=30_000)
            expect(main(page)).not_to_contain_text("Team dashboard model")
        every_viewer_waits.set()
        for page in pages:
            expect(main(page)).to_contain_text("Team dashboard model", timeout=60_000)
    finally:
        every_viewer_waits.set()
        for context in contexts:
            context.close()
    assert len(fake_api.requests_for(model_id)) == 1

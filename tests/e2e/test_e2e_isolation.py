"""Two visitors with different keys never see each other's models, even from the shared cache.

The fake API answers the same model ID with a different model per key. Lookups are cached
for 30 s across browser sessions by a fingerprint of the key: a second session with the
same key is served from the cache (no new request), one with another key is not.
"""

from __future__ import annotations

import time
import uuid

import pytest
from e2e_servers import FakeAPI, StreamlitApp, healthy_model, json_response
from e2e_ui import expect_model, look_up, main, new_visitor
from playwright.sync_api import Browser, Page, expect
from werkzeug import Request, Response

pytestmark = pytest.mark.e2e

SUCCESS_TTL_S = 30  # components/data.py: how long a successful lookup is shared


def test_two_visitors_with_different_keys_each_see_only_their_own_model(
    browser: Browser, custom_app: StreamlitApp, fake_api: FakeAPI
) -> None:
    model_id = f"mdl-shared-{uuid.uuid4().hex[:8]}"
    alpha_key, bravo_key = f"sk-e2e-alpha-{uuid.uuid4().hex}", f"sk-e2e-bravo-{uuid.uuid4().hex}"
    names = {alpha_key: "Alpha team's model", bravo_key: "Bravo team's model"}

    def by_key(request: Request) -> Response:
        key = request.headers.get("x-api-key", "")
        if key not in names:
            return json_response({"detail": "Invalid API key"}, status=401)
        return json_response(healthy_model(model_id, names[key]))

    fake_api.route(model_id, by_key)
    pages: list[Page] = []
    try:
        # Everyone gets ready first, so that the lookups follow each other within the cache
        # lifetime even on a slow machine.
        for key in (alpha_key, bravo_key, alpha_key):
            pages.append(new_visitor(browser, custom_app.url, key).page)
        alpha, bravo, alpha_again = pages

        started = time.monotonic()
        look_up(alpha, model_id)
        expect_model(alpha, "Alpha team's model")
        look_up(bravo, model_id)
        expect_model(bravo, "Bravo team's model")
        # A second session with Alpha's key: from the shared cache, and still Alpha's model.
        look_up(alpha_again, model_id)
        expect_model(alpha_again, "Alpha team's model")
        elapsed = time.monotonic() - started
        for page, other in ((alpha, "Bravo"), (bravo, "Alpha"), (alpha_again, "Bravo")):
            expect(main(page)).not_to_contain_text(f"{other} team")

        keys = [seen.api_key for seen in fake_api.requests_for(model_id)]
        print(f"\nthree lookups in {elapsed:.1f} s; requests by key: {len(keys)}")
        assert set(keys) == {alpha_key, bravo_key}
        if elapsed < SUCCESS_TTL_S:
            assert sorted(keys) == sorted([alpha_key, bravo_key]), "one request per key"
    finally:
        for page in pages:
            page.context.close()


def test_a_team_opening_one_shared_link_at_once_costs_the_api_one_request(
    browser: Browser, operator_app: StreamlitApp, fake_api: FakeAPI
) -> None:
    model_id = f"mdl-fanout-{uuid.uuid4().hex[:8]}"

    def slow(_request: Request) -> Response:
        time.sleep(1.5)  # every viewer arrives while the first lookup is still waiting
        return json_response(healthy_model(model_id, "Team dashboard model"))

    fake_api.route(model_id, slow)
    contexts = [browser.new_context() for _ in range(5)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:  # navigation starts each session without waiting for it to finish
            page.goto(f"{operator_app.url}/?model_id={model_id}", wait_until="commit")
        for page in pages:
            expect(main(page)).to_contain_text("Team dashboard model", timeout=60_000)
    finally:
        for context in contexts:
            context.close()
    assert len(fake_api.requests_for(model_id)) == 1

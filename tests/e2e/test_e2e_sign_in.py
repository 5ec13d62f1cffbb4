"""Sign-in end to end: Chromium, a real OpenID Connect provider and a fake API that counts.

One Streamlit server for the module, configured like a team's deployment: an `[auth]`
section in its secrets file pointing at `oidc-provider-mock` on loopback, an allowlist
(the domain example.com), and the operator's key for the fake API. The provider knows
two people: alice@example.com (allowed) and mallory@evil-example.com (not allowed).
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_axe import axe_violations, report
from e2e_servers import OPERATOR_KEY, FakeAPI
from e2e_ui import assert_key_hidden, main
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, Page, expect
from sign_in_flood import press_sign_in, rss_mb
from team_servers import audit_lines, sign_in_as, visit
from team_servers import team_app as team_app_server

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

MODEL_ID = "m-shared-support-bot"
MODEL_NAME = "Shared support bot"
ALICE = User(sub="alice", claims={"email": "Alice@Example.com", "email_verified": True})
MALLORY = User(sub="mallory", claims={"email": "mallory@evil-example.com", "email_verified": True})
WARM_UP_PARTS, WARM_UP_PRESSES = 4, 25  # the first presses import and compile
PRESSES = 300
MAX_GROWTH_MB = 8.0  # measured: +2 to +5 MB of allocator noise; before the fix, +118 MB


@pytest.fixture(scope="module")
def provider(chromium: str) -> Iterator[str]:
    with run_server_in_thread(port=0, user_claims=[ALICE, MALLORY]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def team_app(
    provider: str, server_logs: Path, fake_api_server: FakeAPI
) -> Iterator[StreamlitServer]:
    app = team_app_server(
        provider, server_logs, fake_api_server, "team", SGP_ALLOWED_DOMAINS="example.com"
    )
    with app:
        yield app


def _cookie_texts(page: Page) -> str:
    """Every cookie's value, also base64-decoded where it decodes (signed cookies are)."""
    texts = []
    for cookie in page.context.cookies():
        texts.append(cookie["value"])
        for part in cookie["value"].split("|") + cookie["value"].split("."):
            with contextlib.suppress(ValueError):
                texts.append(base64.urlsafe_b64decode(part + "==").decode("utf-8", "replace"))
    return "\n".join(texts)


def test_a_shared_link_shows_only_sign_in_and_lands_on_its_model_after_sign_in(
    browser: Browser, team_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    logged_before = len(audit_lines(team_app))  # the app serves the whole module: this test's lines
    visitor = visit(browser, f"{team_app.url}/?model_id={MODEL_ID}")
    page = visitor.page

    # Signed out: an explanation and a button, nothing else, and nothing asked of the API.
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    shown = main(page).inner_text()
    assert MODEL_ID not in shown and MODEL_NAME not in shown
    assert "Model ID" not in shown
    assert fake_api.seen == []

    # Alice (upper-case address, allowed by domain) signs in and lands on the shared model.
    sign_in_as(page, "alice")
    expect(main(page).get_by_role("heading", name=MODEL_NAME, exact=True)).to_be_visible()
    assert f"model_id={MODEL_ID}" in page.url
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("alice@example.com")).to_be_visible()
    expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
    assert len(fake_api.requests_for(MODEL_ID)) == 1
    assert all(seen.api_key == OPERATOR_KEY for seen in fake_api.seen)
    assert_key_hidden(
        page,
        OPERATOR_KEY,
        visitor.watch,
        elsewhere={"cookies": _cookie_texts(page), "server log": team_app.output()},
    )

    # Sign out (the provider asks to confirm ending its session) returns to sign-in.
    sidebar.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    assert not [c for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]

    lines = audit_lines(team_app)[logged_before:]
    requests = [line for line in lines if line["event"] == "api_request"]
    assert [line["model_id"] for line in requests] == [MODEL_ID]
    assert requests[0]["who"] == "alice@example.com"
    assert requests[0]["key"] == "operator" and requests[0]["outcome"] == 200
    assert {"sign_in", "sign_out"} <= {line["event"] for line in lines}
    visitor.page.context.close()


def test_a_person_outside_the_allowlist_sees_not_allowed_and_the_api_gets_nothing(
    browser: Browser, team_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    logged_before = len(audit_lines(team_app))  # the app serves the whole module: this test's lines
    visitor = visit(browser, f"{team_app.url}/?model_id={MODEL_ID}")
    page = visitor.page

    sign_in_as(page, "mallory")

    expect(main(page).get_by_text("You are not allowed to use this app.")).to_be_visible()
    expect(main(page).get_by_text("mallory@evil-example.com")).to_be_visible()
    expect(main(page).get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    assert MODEL_NAME not in main(page).inner_text()
    assert fake_api.seen == []
    refused = [
        line for line in audit_lines(team_app)[logged_before:] if line["event"] == "sign_in_refused"
    ]
    assert [line["who"] for line in refused] == ["mallory@evil-example.com"]
    assert OPERATOR_KEY not in team_app.output()
    visitor.page.context.close()


def test_a_shared_link_to_another_page_survives_sign_in_with_all_its_parameters(
    browser: Browser, team_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route("m-left", sample_body("m-left", "Left model"))
    fake_api.route("m-right", sample_body("m-right", "Right model"))
    visitor = visit(browser, f"{team_app.url}/compare?a=m-left&b=m-right&env=Custom")
    page = visitor.page
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert fake_api.seen == []

    sign_in_as(page, "alice")

    expect(main(page).get_by_role("heading", name="Left model", exact=True)).to_be_visible()
    expect(main(page).get_by_role("heading", name="Right model", exact=True)).to_be_visible()
    assert "/compare?" in page.url and "a=m-left" in page.url and "b=m-right" in page.url
    # The link's environment holds (Custom is also the default, so the URL leaves it out).
    expect(page.get_by_role("combobox", name="Environment")).to_have_value("Custom")
    visitor.page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_sign_in_not_allowed_and_signed_in_pages_meet_wcag_21_aa(
    browser: Browser, team_app: StreamlitServer, fake_api: FakeAPI, theme: str
) -> None:
    """axe-core's WCAG 2.1 A/AA rules on the pages only a team's deployment shows (issue 14)."""
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    found = {}
    refused = visit(browser, f"{team_app.url}/?model_id={MODEL_ID}", theme).page
    expect(refused.get_by_role("button", name="Sign in")).to_be_visible()
    found["sign-in page"] = axe_violations(refused)
    sign_in_as(refused, "mallory")
    expect(main(refused).get_by_text("You are not allowed to use this app.")).to_be_visible()
    found["not allowed"] = axe_violations(refused)
    refused.context.close()

    allowed = visit(browser, f"{team_app.url}/?model_id={MODEL_ID}", theme).page
    sign_in_as(allowed, "alice")
    expect(main(allowed).get_by_role("heading", name=MODEL_NAME, exact=True)).to_be_visible()
    expect(
        allowed.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")
    ).to_be_visible()
    found["signed in"] = axe_violations(allowed)
    allowed.context.close()
    bad = {state: violations for state, violations in found.items() if violations}
    assert not bad, "axe found WCAG 2.1 A/AA violations:\n" + report(bad)


def test_presses_of_sign_in_with_a_huge_link_do_not_fill_the_replica_and_links_still_land(
    browser: Browser, provider: str, server_logs: Path, fake_api_server: FakeAPI, fake_api: FakeAPI
) -> None:
    """Issue 17: before sign-in, nobody can fill a replica's memory. A script presses "Sign
    in" from hundreds of "browsers" (an XSRF cookie each) with a 500 KB query string: a huge
    model_id and a hundred 4 KB parameter names no page reads. Before the fix, each press
    kept about 0.4 MB (300 presses: +118 MB).

    Streamlit itself keeps each closed session, with its query string, for
    server.disconnectedSessionTTL (120 s, at most 128 sessions: about 250 MB with such
    links, bounded by Streamlit). This replica sets that TTL to 0, so that what is measured
    is what the app keeps, not Streamlit's reconnect buffer."""
    junk = "&".join(f"{'n' * 4000}{i}=x" for i in range(100))
    query = f"model_id={'m' * 90_000}&{junk}"
    assert len(query) > 490_000
    with team_app_server(
        provider,
        server_logs,
        fake_api_server,
        "flood",
        SGP_ALLOWED_DOMAINS="example.com",
        STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL="0",
    ) as app:
        pid = app.process.pid  # type: ignore[union-attr]
        seen = []  # RSS after each part of the warm-up: the highest is the baseline (noise)
        for _ in range(WARM_UP_PARTS):
            assert press_sign_in(app.url, query, WARM_UP_PRESSES) == WARM_UP_PRESSES
            seen.append(rss_mb(pid))
        before = max(seen[1:])
        assert press_sign_in(app.url, query, PRESSES) == PRESSES
        grown = rss_mb(pid) - before
        print(f"RSS in the warm-up: {seen} MB; {PRESSES} more presses: {grown:+.1f} MB")
        assert grown < MAX_GROWTH_MB, f"{PRESSES} presses grew the replica by {grown:.1f} MB"

        # A normal link still lands after sign-in, with what its page reads and nothing else.
        fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
        visitor = visit(browser, f"{app.url}/?model_id={MODEL_ID}&utm_source=mail")
        sign_in_as(visitor.page, "alice")
        heading = main(visitor.page).get_by_role("heading", name=MODEL_NAME, exact=True)
        expect(heading).to_be_visible()
        assert f"model_id={MODEL_ID}" in visitor.page.url and "utm_source" not in visitor.page.url
        visitor.page.context.close()

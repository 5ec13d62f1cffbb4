"""Fail-over of a signed-in person: one cookie_secret on every replica keeps them signed in.

The team's deployment on loopback: two replicas with the same `[auth]` secrets (one
`cookie_secret`, `redirect_uri` on the proxy's address), the operator's key for the fake
API and an allowlist, behind nginx set up as the Ingress (tests/e2e/failover_cluster.py);
a real OpenID Connect provider (oidc-provider-mock). Alice signs in through nginx, her
replica is killed, and on the other one she is still signed in and goes on working.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_servers import OPERATOR_KEY, FakeAPI
from e2e_ui import look_up, main, open_app
from failover_cluster import Cluster, reconnected_at, run_cluster, session_starts, visitor
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, Page, expect

from testkit.bodies import sample_body

pytestmark = pytest.mark.e2e

ALICE = User(sub="alice", claims={"email": "alice@example.com", "email_verified": True})
FIRST = ("m-team-support-bot", "Team support bot")
SECOND = ("m-team-summariser", "Team summariser")
COOKIE_SECRET = "e2e-one-cookie-secret-for-every-replica-0123456789"


@pytest.fixture(scope="module")
def provider(chromium: str) -> Iterator[str]:
    with run_server_in_thread(port=0, user_claims=[ALICE]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def team_cluster(provider: str, server_logs: Path, fake_api_server: FakeAPI) -> Iterator[Cluster]:
    env = {
        "SGP_CLIENT_BASE_URL": fake_api_server.url,
        "SGP_API_KEY": OPERATOR_KEY,
        "SGP_ALLOWED_DOMAINS": "example.com",
    }

    def same_auth_secrets(cluster: Cluster) -> None:
        for app in cluster.replicas.values():
            app.secrets.write_text(
                "[auth]\n"
                f'redirect_uri = "{cluster.proxy.url}/oauth2callback"\n'
                f'cookie_secret = "{COOKIE_SECRET}"\n'
                'client_id = "sgp-model-inspector"\n'
                'client_secret = "e2e-client-secret"\n'
                f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
            )

    with run_cluster(server_logs, env, same_auth_secrets, name="team") as cluster:
        yield cluster


def expect_signed_in_on_model(page: Page, name: str) -> None:
    expect(main(page).get_by_role("heading", name=name, exact=True)).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("alice@example.com")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


def test_a_signed_in_person_stays_signed_in_when_their_replica_dies(
    team_cluster: Cluster, browser: Browser, fake_api: FakeAPI, artifacts: Path
) -> None:
    for model_id, name in (FIRST, SECOND):
        fake_api.route(model_id, sample_body(model_id, name))
    context = visitor(browser, "signed-in")
    page = context.new_page()
    open_app(page, team_cluster.proxy.url, f"?model_id={FIRST[0]}")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="alice", exact=True).click()  # the provider's form
    expect_signed_in_on_model(page, FIRST[1])
    [victim] = team_cluster.served("signed-in")
    [survivor] = [name for name in team_cluster.replicas if name != victim]
    before = session_starts(team_cluster.replicas[survivor])

    killed_at = time.monotonic()
    team_cluster.replicas[victim].process.kill()
    reconnected_at(team_cluster.replicas[survivor], before)
    # The survivor reads the identity cookie that the dead replica signed: same secret.
    look_up(page, SECOND[0])
    expect_signed_in_on_model(page, SECOND[1])
    seconds = round(time.monotonic() - killed_at, 2)
    (artifacts / "failover-signed-in.json").write_text(f'{{"kill_to_working_page_s": {seconds}}}\n')
    print(f"\nsigned-in fail-over: working {seconds} s after the kill")
    # The link opened before the crash still lands on its model, still signed in.
    open_app(page, team_cluster.proxy.url, f"?model_id={FIRST[0]}")
    expect_signed_in_on_model(page, FIRST[1])
    context.close()
    assert team_cluster.served("signed-in") >= {survivor}
    assert fake_api.seen and all(seen.api_key == OPERATOR_KEY for seen in fake_api.seen)

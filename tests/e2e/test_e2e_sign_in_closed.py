"""Sign-in fails closed, end to end (issue 17): Chromium, a real OpenID Connect provider
(`oidc-provider-mock`) and a fake API that counts every request.

The provider knows carol, whose listed address it has not verified, and dave, who has no
email at all (as with some Entra ID setups) and is listed by the provider's subject. A
team's app lists both; a second app has no allowlist; a third has its allowlist written
inside `[auth]`, where TOML puts it and where it has no effect.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_servers import OPERATOR_KEY, FakeAPI
from e2e_ui import main
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, expect
from team_servers import audit_lines, sign_in_as, team_app, visit

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

MODEL_ID = "m-closed-bot"
MODEL_NAME = "Closed bot"
CAROL = User(sub="carol", claims={"email": "carol@partner.io", "email_verified": False})
DAVE = User(sub="dave", claims={})


@pytest.fixture(scope="module")
def provider(chromium: str) -> Iterator[str]:
    with run_server_in_thread(port=0, user_claims=[CAROL, DAVE]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def issuer(provider: str) -> str:
    with urllib.request.urlopen(f"{provider}/.well-known/openid-configuration") as answer:
        return str(json.load(answer)["issuer"])


@pytest.fixture(scope="module")
def listed_app(
    provider: str, issuer: str, server_logs: Path, fake_api_server: FakeAPI
) -> Iterator[StreamlitServer]:
    with team_app(
        provider,
        server_logs,
        fake_api_server,
        "listed",
        SGP_ALLOWED_EMAILS="carol@partner.io",
        SGP_ALLOWED_SUBJECTS=f"{issuer}|dave",
    ) as app:
        yield app


def test_a_listed_address_the_provider_did_not_verify_is_not_allowed(
    browser: Browser, listed_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    before = len(audit_lines(listed_app))
    visitor = visit(browser, f"{listed_app.url}/?model_id={MODEL_ID}")
    sign_in_as(visitor.page, "carol")
    expect(main(visitor.page).get_by_text("You are not allowed to use this app.")).to_be_visible()
    assert fake_api.seen == []
    refused = [line for line in audit_lines(listed_app)[before:] if line["event"] != "sign_in"]
    assert [line["reason"] for line in refused] == [
        "the email address is not verified by the identity provider"
    ]
    visitor.page.context.close()


def test_a_person_without_an_email_listed_by_subject_lands_and_is_audited_by_it(
    browser: Browser, listed_app: StreamlitServer, fake_api: FakeAPI, issuer: str
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    before = len(audit_lines(listed_app))
    visitor = visit(browser, f"{listed_app.url}/?model_id={MODEL_ID}")
    sign_in_as(visitor.page, "dave")
    expect(main(visitor.page).get_by_role("heading", name=MODEL_NAME, exact=True)).to_be_visible()
    expect(visitor.page.get_by_test_id("stSidebar").get_by_text(f"{issuer}|dave")).to_be_visible()
    requests = [line for line in audit_lines(listed_app)[before:] if line["event"] == "api_request"]
    assert [(line["who"], line["key"]) for line in requests] == [(f"{issuer}|dave", "operator")]
    assert all(seen.api_key == OPERATOR_KEY for seen in fake_api.seen)
    visitor.page.context.close()


def test_without_an_allowlist_nobody_who_signs_in_is_allowed(
    browser: Browser, provider: str, server_logs: Path, fake_api_server: FakeAPI, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    with team_app(provider, server_logs, fake_api_server, "unlisted") as app:
        visitor = visit(browser, f"{app.url}/?model_id={MODEL_ID}")
        sign_in_as(visitor.page, "dave")
        page = main(visitor.page)
        expect(page.get_by_text("You are not allowed to use this app.")).to_be_visible()
        assert fake_api.seen == []
        assert "SGP_ALLOW_ANY_SIGNED_IN is not true" in app.output()
        visitor.page.context.close()


def test_an_allowlist_written_inside_auth_serves_nobody_not_everybody(
    browser: Browser, provider: str, server_logs: Path, fake_api_server: FakeAPI, fake_api: FakeAPI
) -> None:
    fake_api.route(MODEL_ID, sample_body(MODEL_ID, MODEL_NAME))
    misplaced = 'SGP_ALLOWED_DOMAINS = "partner.io"\n'
    with team_app(provider, server_logs, fake_api_server, "misplaced", secrets=misplaced) as app:
        visitor = visit(browser, f"{app.url}/?model_id={MODEL_ID}")
        expect(main(visitor.page).get_by_text("serves nobody for now")).to_be_visible()
        expect(visitor.page.get_by_role("button", name="Sign in")).to_have_count(0)
        expect(visitor.page.get_by_test_id("stSidebar")).to_have_count(0)
        assert fake_api.seen == []
        assert "SGP_ALLOWED_DOMAINS is written inside the [auth] section" in app.output()
        visitor.page.context.close()


def _set_claims(provider: str, sub: str, claims: dict[str, object]) -> None:
    """The provider's own API: the claims of this person's next identity token."""
    request = urllib.request.Request(
        f"{provider}/users/{sub}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request) as answer:
        assert answer.status in (200, 204)


def test_a_sign_in_older_than_the_maximum_age_is_renewed_and_the_link_still_lands(
    browser: Browser, listed_app: StreamlitServer, fake_api: FakeAPI, provider: str
) -> None:
    """The provider is told to issue dave a token issued 13 hours ago (its `iat`), the way
    a 30-day cookie ages; after "Sign in again" with a fresh token, the link lands."""
    fake_api.route("m-renewed", sample_body("m-renewed", "Renewed bot"))
    _set_claims(provider, "dave", {"iat": int(time.time()) - 13 * 3600})
    try:
        visitor = visit(browser, f"{listed_app.url}/?model_id=m-renewed")
        sign_in_as(visitor.page, "dave")
        again = visitor.page.get_by_role("button", name="Sign in again")
        expect(again).to_be_visible()
        expect(main(visitor.page).get_by_text("more than 12 hours old")).to_be_visible()
        expect(visitor.page.get_by_test_id("stSidebar")).to_have_count(0)
        assert fake_api.seen == []
    finally:
        _set_claims(provider, "dave", {})
    again.click()
    visitor.page.get_by_role("button", name="dave", exact=True).click()  # the provider's form
    heading = main(visitor.page).get_by_role("heading", name="Renewed bot", exact=True)
    expect(heading).to_be_visible()
    assert len(fake_api.requests_for("m-renewed")) == 1
    visitor.page.context.close()

"""Sign-in and the allowlist in AppTest: who sees the app, who sees "not allowed", and that
neither a signed-out visitor nor a refused person makes the app ask the API anything.

`AppTest.user` stands in for the identity token's claims (Streamlit 1.67); `at.secrets`
carries an `[auth]` section, which is what turns sign-in on. The real sign-in flow is
tested in Chromium against a real provider (tests/e2e/test_e2e_sign_in.py).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from apptest_pages import new_app, open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from testkit.bodies import minimal_body

KEY = "sk-operator-signin-9c2e71"
MODEL_ID = "m-team"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def signed_in(email: str, verified: Any = True) -> dict[str, Any]:
    claims = {"is_logged_in": True, "email": email, "sub": email, "iat": int(time.time())}
    if verified is not None:
        claims["email_verified"] = verified
    return claims


def open_link(user: dict[str, Any], **secrets: Any) -> AppTest:
    at = new_app(model_id=MODEL_ID)
    at.secrets["auth"] = AUTH
    at.secrets.update(secrets)
    at.user = user
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.text, *at.error, *at.caption, *at.title)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    operator_api.expect_request(f"/v5/models/{MODEL_ID}").respond_with_json(
        minimal_body(MODEL_ID, name="Team model")
    )
    return operator_api


def assert_allowed(at: AppTest, api: HTTPServer) -> None:
    assert not at.exception
    assert [t.key for t in at.text_input if t.key == "model_id"] == ["model_id"]
    assert len(api.log) == 1


def assert_refused(at: AppTest, api: HTTPServer, email: str) -> None:
    assert not at.exception
    assert "You are not allowed to use this app." in texts(at)
    assert email.lower() in [t.value for t in at.text]
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.text_input and not at.sidebar.children
    assert "Team model" not in texts(at) and MODEL_ID not in texts(at)
    assert api.log == []


def test_a_signed_out_visitor_sees_only_sign_in_and_the_api_gets_nothing(api: HTTPServer) -> None:
    at = open_link({"is_logged_in": False})
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.text_input and not at.selectbox and not at.sidebar.children
    assert MODEL_ID not in texts(at)
    assert api.log == []


@pytest.mark.parametrize(
    ("email", "verified", "settings"),
    [
        ("bob@example.com", True, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("Bob@EXAMPLE.com", True, {"SGP_ALLOWED_DOMAINS": " Example.COM "}),
        ("bob@example.org", True, {"SGP_ALLOWED_DOMAINS": ["example.com", "example.org"]}),
        ("carol@partner.io", True, {"SGP_ALLOWED_EMAILS": "dave@x.io, Carol@Partner.io"}),
        ("CAROL@partner.io", "true", {"SGP_ALLOWED_EMAILS": ["carol@partner.io"]}),
        ("anyone@anywhere.io", None, {"SGP_ALLOW_ANY_SIGNED_IN": "true"}),
        ("anyone@anywhere.io", True, {"SGP_ALLOW_ANY_SIGNED_IN": True}),
    ],
)
def test_an_allowed_person_sees_the_app_and_the_shared_model(
    api: HTTPServer, email: str, verified: Any, settings: dict[str, Any]
) -> None:
    at = open_link(signed_in(email, verified), **settings)
    assert_allowed(at, api)
    assert email.lower() in [t.value for t in at.sidebar.text]
    assert "Sign out" in [b.label for b in at.sidebar.button]


@pytest.mark.parametrize(
    ("email", "verified", "settings"),
    [
        ("bob@example.com", False, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("bob@example.com", "false", {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("bob@example.com", None, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("eve@evil-example.com", True, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("eve@example.com.evil.io", True, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("eve@sub.example.com", True, {"SGP_ALLOWED_DOMAINS": "example.com"}),
        ("eve@x.io", True, {"SGP_ALLOWED_EMAILS": "carol@partner.io"}),
        # A listed email counts only when the provider verified it (issue 17).
        ("carol@partner.io", False, {"SGP_ALLOWED_EMAILS": "carol@partner.io"}),
        ("carol@partner.io", None, {"SGP_ALLOWED_EMAILS": "carol@partner.io"}),
        # No allowlist and no SGP_ALLOW_ANY_SIGNED_IN: nobody, never everybody (issue 17).
        ("anyone@anywhere.io", True, {}),
        ("anyone@anywhere.io", True, {"SGP_ALLOW_ANY_SIGNED_IN": "no"}),
    ],
)
def test_a_person_outside_the_allowlist_sees_not_allowed_and_nothing_else(
    api: HTTPServer, email: str, verified: Any, settings: dict[str, Any]
) -> None:
    at = open_link(signed_in(email, verified), **settings)
    assert_refused(at, api, email)


def test_the_allowlist_is_read_from_the_environment_too(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_ALLOWED_DOMAINS", "example.com,example.org")
    assert_refused(open_link(signed_in("eve@evil-example.com")), api, "eve@evil-example.com")
    assert_allowed(open_link(signed_in("amy@EXAMPLE.org")), api)


def test_sign_out_from_not_allowed_returns_to_the_sign_in_page(api: HTTPServer) -> None:
    at = open_link(signed_in("eve@evil.io"), SGP_ALLOWED_DOMAINS="example.com")
    at.button(key="sign_out").click().run()
    assert [b.label for b in at.button] == ["Sign in"]
    assert api.log == []


def test_without_sign_in_the_operator_key_is_warned_about_once(
    api: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="sgp_inspector"):
        for _ in range(2):
            at = open_page(model_id=MODEL_ID)
            assert not at.exception
    warnings = [r for r in caplog.records if "sign-in is not" in r.getMessage()]
    assert len(warnings) == 1
    assert "anyone who can reach this app" in warnings[0].getMessage()
    assert KEY not in caplog.text

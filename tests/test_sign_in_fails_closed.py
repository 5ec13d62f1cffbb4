"""Sign-in fails closed (issue 17): a setting that is misplaced or unreadable, a person
without an email, a sign-in too old, or a person removed while a Watch runs never means
"serve everybody". AppTest pages against a real local HTTP server that counts requests.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from apptest_pages import new_app
from pytest_httpserver import HTTPServer
from streamlit import config
from streamlit.testing.v1 import AppTest

from sgp.team import AUDIT_LOGGER
from testkit.bodies import minimal_body

KEY = "sk-operator-closed-51a0e4"
MODEL_ID = "m-closed"
ISSUER = "https://login.example.net/tenant-1/v2.0"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def audit_lines() -> Iterator[list[str]]:
    handler = Lines()
    logging.getLogger(AUDIT_LOGGER).addHandler(handler)
    yield handler.lines
    logging.getLogger(AUDIT_LOGGER).removeHandler(handler)


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    operator_api.expect_request(f"/v5/models/{MODEL_ID}").respond_with_json(
        minimal_body(MODEL_ID, "Team model")
    )
    return operator_api


def claims(**extra: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "iss": ISSUER, "iat": int(time.time()), **extra}


def open_link(user: dict[str, Any], auth: dict[str, Any] | None = None, **secrets: Any) -> AppTest:
    at = new_app()
    at.secrets["auth"] = auth or AUTH
    at.secrets.update(secrets)
    at.user = user
    at.query_params["model_id"] = MODEL_ID
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.text, *at.error, *at.caption, *at.title)]
    return "\n".join(str(p) for p in parts)


def assert_serves_nobody(at: AppTest, api: HTTPServer) -> None:
    assert not at.exception
    assert "serves nobody for now" in texts(at)
    assert not at.text_input and not at.button and not at.sidebar.children
    assert "Team model" not in texts(at) and api.log == []


def test_an_allowlist_written_inside_auth_serves_nobody_and_the_log_says_where_it_belongs(
    api: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    misplaced = {**AUTH, "SGP_ALLOWED_DOMAINS": "example.com"}
    with caplog.at_level(logging.ERROR, logger="sgp_inspector"):
        at = open_link(claims(sub="bob", email="bob@example.com", email_verified=True), misplaced)
    assert_serves_nobody(at, api)
    assert "SGP_ALLOWED_DOMAINS is written inside the [auth] section" in caplog.text
    assert "move it above the [auth] line" in caplog.text


@pytest.fixture
def broken_secrets(tmp_path: Path) -> Iterator[None]:
    """A secrets file that exists but is not TOML (an unclosed quote)."""
    bad = tmp_path / "secrets.toml"
    bad.write_text('SGP_ALLOWED_DOMAINS = "example.com\n[auth]\nclient_id = "x"\n')
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(bad)])
    st.secrets._reset()
    yield
    config.set_option("secrets.files", before)
    st.secrets._reset()


@pytest.mark.usefixtures("broken_secrets")
def test_a_secrets_file_that_does_not_parse_never_serves_anyone_with_the_operators_key(
    api: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="sgp_inspector"):
        at = new_app()
        at.query_params["model_id"] = MODEL_ID
        at.run()
    assert_serves_nobody(at, api)
    assert "cannot be read as TOML" in caplog.text
    assert KEY not in caplog.text


def test_a_person_without_an_email_is_known_by_issuer_and_subject_in_the_audit(
    api: HTTPServer, audit_lines: list[str]
) -> None:
    at = open_link(claims(sub="u-4821"), SGP_ALLOWED_SUBJECTS=f"{ISSUER}|u-4821")
    assert not at.exception and len(api.log) == 1
    assert f"{ISSUER}|u-4821" in [t.value for t in at.sidebar.text]
    (line,) = [json.loads(x) for x in audit_lines if '"api_request"' in x]
    assert line["who"] == f"{ISSUER}|u-4821" and line["key"] == "operator"


def test_a_subject_from_another_issuer_is_not_allowed(api: HTTPServer) -> None:
    at = open_link(
        claims(sub="u-4821", iss="https://evil.example"), SGP_ALLOWED_SUBJECTS=f"{ISSUER}|u-4821"
    )
    assert "You are not allowed to use this app." in texts(at)
    assert api.log == []


def test_with_no_allowlist_everyone_is_refused_and_the_log_says_why(
    api: HTTPServer, caplog: pytest.LogCaptureFixture, audit_lines: list[str]
) -> None:
    with caplog.at_level(logging.WARNING, logger="sgp_inspector"):
        at = open_link(claims(sub="ana", email="ana@gmail.com", email_verified=True))
    assert "You are not allowed to use this app." in texts(at)
    assert api.log == []
    assert "SGP_ALLOW_ANY_SIGNED_IN is not true" in caplog.text
    (refused,) = [json.loads(x) for x in audit_lines if "sign_in_refused" in x]
    assert "no allowlist is configured" in refused["reason"]


@pytest.mark.parametrize(("age_h", "max_age"), [(13, None), (3, "2"), (1, "nonsense-means-12")])
def test_a_sign_in_older_than_the_maximum_age_must_be_renewed(
    api: HTTPServer, age_h: float, max_age: str | None
) -> None:
    settings = {"SGP_ALLOWED_DOMAINS": "example.com"}
    if max_age is not None:
        settings["SGP_SIGN_IN_MAX_AGE_H"] = max_age
    old = claims(sub="bo", email="bo@example.com", email_verified=True)
    old["iat"] = int(time.time() - age_h * 3600)
    at = open_link(old, **settings)
    if max_age == "nonsense-means-12":  # a bad value is the default, never "for ever"
        assert not at.exception and len(api.log) == 1
        return
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in again"]
    assert "more than" in texts(at) and "sign in again" in texts(at)
    assert not at.sidebar.children and api.log == []


def test_a_sign_in_without_an_issue_time_must_be_renewed(api: HTTPServer) -> None:
    ageless = claims(sub="bo", email="bo@example.com", email_verified=True)
    del ageless["iat"]
    at = open_link(ageless, SGP_ALLOWED_DOMAINS="example.com")
    assert [b.label for b in at.button] == ["Sign in again"] and api.log == []


def _watch_tick_script() -> None:
    """What a Watch tick (a fragment run, which skips the page's gate) does: ask for a
    client, then fetch. The first run is the tick; a second run is the full run it causes."""
    import streamlit as st

    from components.cache.lookups import lookup_model
    from components.shell.settings import operator_settings
    from components.shell.visit import visit_of
    from sgp.api import CUSTOM, Connection, environments

    runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if runs == 1:  # the visit was made by the full run that drew the Watch, before removal
        settings = operator_settings()
        custom = environments(settings.custom_base_url)[CUSTOM]
        visit = visit_of(Connection(custom, api_key=settings.api_key), "Inspect a model")
        lookup_model(visit, "m-closed")
        st.text("fetched without the gate")
    else:
        st.text("a full run, through the gate")


def test_a_person_removed_from_the_allowlist_is_stopped_at_the_next_watch_tick(
    api: HTTPServer,
) -> None:
    at = AppTest.from_function(_watch_tick_script, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.secrets["SGP_ALLOWED_DOMAINS"] = "other.example"  # bo was removed
    at.user = claims(sub="bo", email="bo@example.com", email_verified=True)
    at.run()
    assert not at.exception
    assert [t.value for t in at.text] == ["a full run, through the gate"]
    assert api.log == []

"""Secret-looking environment values of a Launch model are hidden in the page and in every
export (issue 17): the configuration table and its CSV, the raw answer and its JSON, the
HTML and Markdown reports, the compare page. Names stay, and so do values whose names do
not look secret. AppTest pages against a real local HTTP server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from apptest_pages import new_app, open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from components.cache.lookups import Found, lookup_model
from components.cache.views import view_of
from components.shell.settings import operator_settings
from components.shell.visit import visit_of
from sgp.api import CUSTOM, Connection, environments
from sgp.present import (
    REDACTED,
    compare_report_markdown,
    looks_secret,
    model_report_html,
    model_report_markdown,
    to_csv,
    to_json,
)

KEY = "sk-operator-env-values-0c4e"
SECRETS = {
    "HF_TOKEN": "hf_live_4b1c0ffee",
    "db_password": "hunter2-db",
    "OPENAI_API_KEY": "sk-proj-abc123",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI",
    "GIT_CREDENTIALS": "https://u:p@git.example",
}
PLAIN = {"LOG_LEVEL": "infoLevelShown", "HF_HOME": "cacheHfShown"}

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


@pytest.fixture
def api(operator_api: HTTPServer, launch_model_json: dict[str, Any]) -> HTTPServer:
    launch_model_json["vendor_configuration"]["model_image"]["env_vars"] = {**SECRETS, **PLAIN}
    operator_api.expect_request("/v5/models/m-env").respond_with_json(launch_model_json)
    return operator_api


def everything_in(at: AppTest) -> str:
    parts = [str(e.value) for e in (*at.markdown, *at.text, *at.caption, *at.code, *at.json)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def assert_no_secret(text: str) -> None:
    for value in SECRETS.values():
        assert value not in text


@pytest.mark.parametrize("name", [*SECRETS, "x_auth_header", "PRIVATE_CERT", "SessionCookie"])
def test_names_that_look_secret_are_recognised(name: str) -> None:
    assert looks_secret(name)


@pytest.mark.parametrize("name", [*PLAIN, "MODEL_PATH", "NUM_THREADS"])
def test_ordinary_names_are_not(name: str) -> None:
    assert not looks_secret(name)


def test_the_inspect_page_shows_names_and_hides_secret_values(api: HTTPServer) -> None:
    at = new_app()
    at.query_params["model_id"] = "m-env"
    at.run()
    assert not at.exception and len(api.log) == 1
    shown = everything_in(at)
    assert_no_secret(shown)
    config = at.dataframe[0].value
    values = dict(zip(config["field"], config["value"], strict=True))
    for name in SECRETS:
        assert values[f"model_image.env_vars.{name}"] == REDACTED
    for name, value in PLAIN.items():
        assert values[f"model_image.env_vars.{name}"] == value


def test_every_download_and_report_hides_them_too(api: HTTPServer) -> None:
    new_app().run()  # a script context for the caches
    settings = operator_settings()
    connection = visit_of(
        Connection(environments(settings.custom_base_url)[CUSTOM], api_key=settings.api_key),
        "Inspect a model",
    )
    found = lookup_model(connection, "m-env")
    assert isinstance(found, Found)
    view = view_of(found, connection)
    now = dt.datetime.now(dt.UTC)
    exports = {
        "raw answer (shown and JSON download)": to_json(view.raw),
        "configuration CSV": to_csv(view.config.frame),
        "HTML report": model_report_html(found.model, environment_label="Custom", generated_at=now),
        "Markdown report": model_report_markdown(
            found.model, environment_label="Custom", generated_at=now
        ),
        "compare report": compare_report_markdown(
            found.model, found.model, environment_label="Custom", generated_at=now, all_rows=True
        ),
    }
    for what, text in exports.items():
        assert REDACTED in text, what
        assert PLAIN["HF_HOME"] in text, what
        for value in SECRETS.values():
            assert value not in text, f"{what} shows a secret value"


def test_the_compare_page_hides_them(api: HTTPServer) -> None:
    at = open_page("compare", a="m-env", b="m-env", all="true")
    assert not at.exception
    assert_no_secret(everything_in(at))

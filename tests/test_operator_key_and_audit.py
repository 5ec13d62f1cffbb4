"""The operator's key goes only where the operator meant, and the audit trail stays one
clean line per event (issue 17). AppTest pages against a real local HTTP server; audit
lines are read from the audit logger exactly as its handler writes them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from apptest_pages import new_app, open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from sgp.api import InvalidModelIdError, validate_model_id
from sgp.team import AUDIT_LOGGER, audit
from sgp.team.audit import CUT_MARK, MAX_FIELD_CHARS
from testkit.bodies import minimal_body

KEY = "sk-operator-where-meant-7d3f"
OWN_KEY = "sk-own-key-where-meant-21c9"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def requests(self) -> list[dict[str, Any]]:
        return [json.loads(x) for x in self.lines if '"api_request"' in x]


@pytest.fixture
def audit_lines() -> Iterator[Lines]:
    audit("test_start", "test")  # installs the stdout handler before ours
    handler = Lines()
    logging.getLogger(AUDIT_LOGGER).addHandler(handler)
    yield handler
    logging.getLogger(AUDIT_LOGGER).removeHandler(handler)


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    for n in range(3):
        operator_api.expect_request(f"/v5/models/m-{n}").respond_with_json(minimal_body(f"m-{n}"))
    operator_api.expect_request("/v5/models").respond_with_json(
        {"items": [minimal_body("m-0")], "total": 1, "has_more": False}
    )
    return operator_api


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.text, *at.error, *at.caption, *at.warning)]
    return "\n".join(str(p) for p in parts)


def accounts_sent(api: HTTPServer) -> list[str | None]:
    return [request.headers.get("x-selected-account-id") for request, _ in api.log]


def test_a_mistyped_base_url_keeps_the_operators_key_from_every_environment(
    audit_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", "htps://api.example.com")
    monkeypatch.setenv("SGP_API_KEY", KEY)
    monkeypatch.setenv("SGP_TIMEOUT_S", "1")
    at = new_app()
    at.query_params["model_id"] = "m-0"
    at.run()
    assert not at.exception
    assert "The base URL is not a web address" in "\n".join(e.value for e in at.sidebar.error)
    shown = texts(at)
    assert "The operator's key is not used while the base URL is invalid." in shown
    assert "Using the API key configured by the operator." not in shown
    assert "Paste your API key" in shown
    assert audit_lines.requests() == []


def test_with_the_operators_key_the_account_is_the_operators_only(
    api: HTTPServer, audit_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_ACCOUNT_ID", "acc-operator")
    at = new_app()
    at.query_params["model_id"] = "m-0"
    at.run()
    assert not at.exception
    assert "account_id" not in [t.key for t in at.text_input]  # nothing to type another into
    assert "acc-operator" in [t.value for t in at.sidebar.text]
    assert accounts_sent(api) == ["acc-operator"]
    (line,) = audit_lines.requests()
    assert (line["account"], line["key"]) == ("acc-operator", "operator")


def test_the_operator_may_offer_a_choice_of_accounts_and_nothing_else(
    api: HTTPServer, audit_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_ALLOWED_ACCOUNTS", "acc-a, acc-b")
    at = new_app().run()
    choice = at.selectbox(key="operator_account")
    assert choice.options == ["acc-a", "acc-b"]
    assert "account_id" not in [t.key for t in at.text_input]
    choice.select("acc-b").run()
    at.text_input(key="model_id").input("m-1").run()
    assert accounts_sent(api) == ["acc-b"]
    assert [line["account"] for line in audit_lines.requests()] == ["acc-b"]


def test_a_persons_own_key_may_use_any_account_and_the_audit_names_it(
    api: HTTPServer, audit_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_ACCOUNT_ID", "acc-operator")
    at = new_app().run()
    at.text_input(key="api_key").input(OWN_KEY).run()
    at.text_input(key="account_id").input("acc-someone-else").run()
    at.text_input(key="model_id").input("m-2").run()
    assert accounts_sent(api) == ["acc-someone-else"]
    (line,) = audit_lines.requests()
    assert (line["account"], line["key"]) == ("acc-someone-else", "own")


def test_an_audit_line_is_ascii_one_line_and_every_field_is_capped_and_marked() -> None:
    hostile = "m-" + "x" * 5000 + "\u2028\u202etxt.exe"
    line = audit("api_request", "ana@example.com", model_id=hostile, filters={"name": "n" * 9999})
    written = json.dumps(line, ensure_ascii=True)
    assert line["model_id"] == hostile[:MAX_FIELD_CHARS] + CUT_MARK
    assert line["filters"]["name"].endswith(CUT_MARK)
    assert len(written) < 4 * MAX_FIELD_CHARS


def test_the_written_line_escapes_separators_and_overrides(audit_lines: Lines) -> None:
    audit("api_request", "bo@example.com", model_id="m-\u2028\u2029\u202e\u200b")
    (written,) = audit_lines.lines[-1:]
    assert written.isascii() and len(written.splitlines()) == 1
    assert json.loads(written)["model_id"] == "m-\u2028\u2029\u202e\u200b"


@pytest.mark.parametrize("hidden", ["\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\u2066"])
def test_a_model_id_with_a_hidden_character_is_refused_with_a_clear_message(
    api: HTTPServer, audit_lines: Lines, hidden: str
) -> None:
    with pytest.raises(InvalidModelIdError) as refused:
        validate_model_id(f"m-0{hidden}gpj.exe")
    assert "invisible character" in refused.value.user_message
    at = new_app()
    at.query_params["model_id"] = f"m-{hidden}0"
    at.run()
    assert not at.exception
    assert any("invisible character" in e.value for e in at.error)
    assert api.log == [] and audit_lines.requests() == []


def test_a_huge_browse_filter_is_capped_before_the_request_and_the_audit_line(
    api: HTTPServer, audit_lines: Lines
) -> None:
    at = open_page("browse", name="chat" * 25_000)  # 100,000 characters in a link
    assert not at.exception
    ((request, _),) = api.log
    assert len(request.args["name"]) <= 200
    (line,) = audit_lines.requests()
    assert len(json.dumps(line)) < 2000


def test_a_browse_filter_with_a_hidden_character_is_refused_unsent(
    api: HTTPServer, audit_lines: Lines
) -> None:
    at = open_page("browse", name="chat\u202eexe")
    assert not at.exception
    assert any("invisible character" in e.value for e in at.error)
    assert api.log == [] and audit_lines.requests() == []


def test_a_request_refused_over_the_budget_leaves_an_over_budget_line(
    api: HTTPServer, audit_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_REQUESTS_PER_MINUTE", "1")
    at = new_app().run()
    at.text_input(key="model_id").input("m-1").run()
    at.text_input(key="model_id").input("m-2").run()
    assert len(api.log) == 1
    first, refused = audit_lines.requests()
    assert (first["model_id"], first["outcome"]) == ("m-1", 200)
    assert (refused["model_id"], refused["outcome"], refused["key"]) == (
        "m-2",
        "over_budget",
        "operator",
    )
    assert refused["request_id"] is None

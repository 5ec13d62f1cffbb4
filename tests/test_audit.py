"""The audit trail: one parseable JSON line per API request made on a person's behalf.

Pages run in AppTest against a real local HTTP server; the lines are read from the audit
logger (`sgp_inspector.audit`) exactly as its handler writes them to standard output.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer

from sgp.api import fingerprint
from sgp.team import AUDIT_LOGGER, audit
from testkit.bodies import minimal_body

KEY = "sk-operator-audit-6f1d93"
OWN_KEY = "sk-own-audit-key-0b77c2"
FIELDS = {
    "time",
    "event",
    "who",
    "page",
    "environment",
    "outcome",
    "request_id",
    "duration_ms",
    "key",
}

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def parsed(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture
def audit_lines() -> Iterator[Lines]:
    audit("test_start", "test")  # installs the stdout handler before ours
    handler = Lines()
    logging.getLogger(AUDIT_LOGGER).addHandler(handler)
    yield handler
    logging.getLogger(AUDIT_LOGGER).removeHandler(handler)


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    operator_api.expect_request("/v5/models/m-ok").respond_with_json(
        minimal_body("m-ok"), headers={"x-request-id": "req-ok-1"}
    )
    operator_api.expect_request("/v5/models/m-gone").respond_with_json(
        {"detail": "Model not found"}, status=404, headers={"x-request-id": "req-gone-2"}
    )
    operator_api.expect_request("/v5/models").respond_with_json(
        {"items": [minimal_body("m-ok")], "total": 1, "has_more": False}
    )
    return operator_api


def test_each_request_is_one_json_line_with_who_what_outcome_and_no_key(
    api: HTTPServer, audit_lines: Lines, capsys: pytest.CaptureFixture[str]
) -> None:
    at = open_page(model_id="m-ok")
    at.text_input(key="model_id").input("m-gone").run()
    at.text_input(key="model_id").input("m-ok").run()  # cached: no request, no line
    browse = open_page("browse", name="chat")

    assert not at.exception and not browse.exception
    lines = audit_lines.parsed()
    assert len(lines) == len(api.log) == 3
    ok, gone, listed = lines
    for line in lines:
        assert set(line) >= FIELDS
        assert line["event"] == "api_request"
        assert line["environment"] == "custom"
        assert line["key"] == "operator"
        assert line["who"].startswith("anonymous-")
        assert isinstance(line["duration_ms"], int) and line["duration_ms"] >= 0
    assert (ok["page"], ok["model_id"], ok["outcome"], ok["request_id"]) == (
        "Inspect a model",
        "m-ok",
        200,
        "req-ok-1",
    )
    assert (gone["model_id"], gone["outcome"], gone["request_id"]) == ("m-gone", 404, "req-gone-2")
    assert listed["page"] == "Browse models"
    assert listed["filters"]["name"] == "chat" and "model_id" not in listed
    assert ok["who"] == gone["who"]
    everything = "\n".join(audit_lines.lines) + capsys.readouterr().out
    assert KEY not in everything and fingerprint(KEY) not in everything


def test_a_persons_own_key_is_audited_as_own_without_any_trace_of_it(
    api: HTTPServer, audit_lines: Lines
) -> None:
    at = open_page()
    at.text_input(key="api_key").input(OWN_KEY).run()
    at.text_input(key="model_id").input("m-ok").run()

    (line,) = audit_lines.parsed()
    assert line["key"] == "own" and line["model_id"] == "m-ok"
    text = "\n".join(audit_lines.lines)
    assert OWN_KEY not in text
    assert fingerprint(OWN_KEY) not in text and fingerprint(OWN_KEY)[:12] not in text

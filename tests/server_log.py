"""Reading what a pytest-httpserver received: the one request, and its path as sent."""

from __future__ import annotations

import re

from pytest_httpserver import HTTPServer
from werkzeug import Request

ANY_MODEL_PATH = re.compile(r".*/v5/models/.*")


def only_request(server: HTTPServer) -> Request:
    assert len(server.log) == 1, f"expected one request, the server saw {len(server.log)}"
    return server.log[0][0]


def raw_path(request: Request) -> str:
    """The path exactly as it was on the wire (werkzeug's `path` is already decoded)."""
    return request.environ["RAW_URI"].split("?", 1)[0]

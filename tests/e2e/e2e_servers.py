"""The fake servers the browser tests run against: a fake SGP API and a canary.

The app itself runs as `testkit.servers.StreamlitServer` (shared with the benchmarks): its
own process group, an empty secrets file, output kept in files for the tests to search.
- `FakeAPI` is a pytest-httpserver that answers GET /v5/models/{id} from per-test routes and
  records every request exactly as it arrived (the raw, still-encoded path and the headers).
- A canary is a second local server that must never receive anything: it stands in for an
  attacker's host in hostile responses and crafted links.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from pytest_httpserver import HTTPServer, URIPattern
from werkzeug import Request, Response

from testkit.servers import free_port

MODELS_PREFIX = "/v5/models/"
# The key the operator configures for `operator_app`: it must never reach the page or a log.
OPERATOR_KEY = "sk-e2e-OPERATOR-never-shown-5d41402a"

Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Seen:
    """One request as the fake server received it."""

    method: str
    raw_path: str
    api_key: str | None
    account_id: str | None

    @property
    def model_id(self) -> str | None:
        path = self.raw_path.split("?", 1)[0]
        if not path.startswith(MODELS_PREFIX):
            return None
        return unquote(path[len(MODELS_PREFIX) :])


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


class FakeAPI:
    """A local stand-in for the SGP API: routes by model ID, records every request."""

    def __init__(self, *, name: str = "fake-api") -> None:
        self.name = name
        self.server = HTTPServer(host="127.0.0.1", port=free_port(), threaded=True)
        self.server.expect_request(MatchAll()).respond_with_handler(self._handle)
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def start(self) -> None:
        self.server.start()

    def stop(self) -> None:
        if self.server.is_running():
            self.server.stop()

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.seen.clear()

    def route(self, model_id: str, handler: Handler | dict[str, Any]) -> None:
        """Answer GET /v5/models/{model_id} with a handler, or with this JSON body and 200."""
        if isinstance(handler, dict):
            body = handler
            handler = lambda _request: json_response(body)  # noqa: E731
        self.routes[model_id] = handler

    def requests_for(self, model_id: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.seen if seen.model_id == model_id]

    def _handle(self, request: Request) -> Response:
        seen = Seen(
            method=request.method,
            raw_path=str(request.environ.get("RAW_URI") or request.full_path),
            api_key=request.headers.get("x-api-key"),
            account_id=request.headers.get("x-selected-account-id"),
        )
        with self._lock:
            self.seen.append(seen)
            handler = self.routes.get(seen.model_id or "")
        if handler is None:
            response = json_response({"detail": "Model not found"}, status=404)
        else:
            response = handler(request)
        # No keep-alive: a stopped server must refuse connections at once, not keep serving
        # a pooled connection from a lingering thread.
        response.headers["Connection"] = "close"
        return response


class MatchAll(URIPattern):
    """A pytest-httpserver URI matcher that accepts every path."""

    def match(self, uri: str) -> bool:
        return True


class Canary(FakeAPI):
    """A second local server that must never receive a request."""

    def __init__(self) -> None:
        super().__init__(name="canary")

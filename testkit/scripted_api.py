"""A fake GET /v5/models/{id} whose answers are scripted per model, for the recorder's tests.

`ScriptedAPI` runs a stdlib HTTP server in a thread of the test (the recorder under test
may be another process). Each model has a list of answers; each request takes the next
one and the last one repeats, so `api.script("m", ready, failed)` means "ready once, then
failed from then on". An answer is a status value (`"ready"`, `"failed"`: a realistic body
with that status), an `Answer` (any HTTP status, body and headers), or a callable run when
the request arrives. Every request is logged in order (`api.asked`), so tests assert on what
was asked of the API, never on the clock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import unquote, urlsplit

from testkit.bodies import sample_body
from testkit.fake_api import MODELS_PREFIX


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


Step = str | Answer | Callable[[str], Answer]


def with_status(model_id: str, status: str, reason: str | None = None, **extra: Any) -> Answer:
    """A 200 answer: the realistic model body with this status (and reason)."""
    return Answer(
        200, {**sample_body(model_id), "status": status, "status_reason": reason, **extra}
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.scripts: dict[str, list[Step]] = {}
        self.asked: list[str] = []
        self.key: str | None = None  # when set, any other x-api-key gets a 401


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if not path.startswith(MODELS_PREFIX):
            return self._send(Answer(404, {"detail": "Not Found"}))
        model_id = unquote(path[len(MODELS_PREFIX) :])
        if self.server.key is not None and self.headers.get("x-api-key") != self.server.key:
            return self._send(Answer(401, {"detail": "Invalid API key"}))
        with self.server.lock:
            self.server.asked.append(model_id)
            script = self.server.scripts.get(model_id)
            step: Step = Answer(404, {"detail": "Model not found"})
            if script:
                step = script.pop(0) if len(script) > 1 else script[0]
        if callable(step):
            step = step(model_id)
        if isinstance(step, str):
            step = with_status(model_id, step)
        self._send(step)

    def _send(self, answer: Answer) -> None:
        body = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class ScriptedAPI:
    """`with ScriptedAPI() as api: api.script("m1", "ready", "failed"); api.base_url ...`

    With `key`, a request with another `x-api-key` is answered 401 (and not logged).
    """

    def __init__(self, key: str | None = None) -> None:
        self._server = _Server()
        self._server.key = key
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def script(self, model_id: str, *steps: Step) -> None:
        with self._server.lock:
            self._server.scripts[model_id] = list(steps)

    @property
    def asked(self) -> list[str]:
        """Every model ID asked for, in the order the requests arrived."""
        with self._server.lock:
            return list(self._server.asked)

    def reset(self) -> None:
        with self._server.lock:
            self._server.scripts.clear()
            self._server.asked.clear()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

"""A keep-alive fake of GET /v5/models/{id} that counts requests and TCP connections.

A stdlib ThreadingHTTPServer speaking HTTP/1.1 with keep-alive: werkzeug's test server
(behind pytest-httpserver) closes every connection after one answer, so connection reuse is
only visible here. It counts requests per model ID and connections (distinct client ports)
for model requests only, and can answer after a delay. Two ways to run it:
- `KeepAliveAPI`: in a thread of the caller (`with KeepAliveAPI() as api: api.base_url`);
- `FakeAPIProcess`: `python -m testkit.fake_api` in its own process, so that the server never
  competes with a measured client for the GIL (the benchmarks). It prints its port and is
  read and reset through control endpoints, never counted: GET /_stats
  ({"requests": {model_id: n}, "connections": n}) and GET /_reset?delay=S.
Both offer the same methods: base_url, reset(delay), stats(), requests_for(id), connections().
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

import requests

from testkit.bodies import sample_body
from testkit.servers import unwind_on_sigterm

MODELS_PREFIX = "/v5/models/"
Body = Callable[[str], dict[str, Any]]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, body: Body, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.body, self.delay = body, delay
        self.lock = threading.Lock()
        self.requests_per_id: Counter[str] = Counter()
        self.ports: set[int] = set()

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {"requests": dict(self.requests_per_id), "connections": len(self.ports)}

    def reset(self, delay: float) -> None:
        with self.lock:
            self.requests_per_id.clear()
            self.ports.clear()
            self.delay = delay


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/_stats":
            self._send(200, self.server.stats())
        elif url.path == "/_reset":
            self.server.reset(float(parse_qs(url.query).get("delay", ["0"])[0]))
            self._send(200, {"ok": True})
        elif url.path.startswith(MODELS_PREFIX):
            model_id = unquote(url.path[len(MODELS_PREFIX) :])
            with self.server.lock:
                self.server.requests_per_id[model_id] += 1
                self.server.ports.add(self.client_address[1])
                delay = self.server.delay
            if delay:
                time.sleep(delay)
            self._send(200, self.server.body(model_id))
        else:
            self._send(404, {"detail": "Not Found"})

    def _send(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        head = (
            f"HTTP/1.1 {status} {self.responses[status][0]}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.wfile.write(head + body)  # one write: no Nagle / delayed-ACK stall

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Counted:
    """What both ways of running the fake API read from their counters."""

    def stats(self) -> dict[str, Any]:
        raise NotImplementedError

    def requests_for(self, model_id: str) -> int:
        return int(self.stats()["requests"].get(model_id, 0))

    def connections(self) -> int:
        return int(self.stats()["connections"])


class KeepAliveAPI(_Counted):
    """The fake API in a thread of this process; `body(model_id)` is what it answers."""

    def __init__(self, body: Body = sample_body, delay: float = 0.0) -> None:
        self._server = _Server(body, delay)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def reset(self, delay: float = 0.0) -> None:
        self._server.reset(delay)

    def stats(self) -> dict[str, Any]:
        return self._server.stats()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeAPIProcess(_Counted):
    """The fake API in its own process: `with FakeAPIProcess() as api: api.base_url ...`."""

    def __init__(self) -> None:
        unwind_on_sigterm()  # a SIGTERM to the caller still runs close()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "testkit.fake_api"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            self._proc.kill()
            raise RuntimeError("the fake API did not start")
        self.base_url = f"http://127.0.0.1:{line[1]}"
        self.pid = self._proc.pid
        self._control = requests.Session()

    def reset(self, delay: float = 0.0) -> None:
        self._control.get(f"{self.base_url}/_reset", params={"delay": delay}, timeout=5)

    def stats(self) -> dict[str, Any]:
        return self._control.get(f"{self.base_url}/_stats", timeout=5).json()

    def close(self) -> None:
        self._control.close()
        self._proc.terminate()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve() -> None:
    server = _Server(sample_body, 0.0)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve()

"""A local keep-alive fake of GET /v5/models/{id}, run in its own process, that counts.

`python -m bench.fake_api` serves HTTP/1.1 with keep-alive (a ThreadingHTTPServer) and
prints its port. It counts requests per model ID and TCP connections (distinct client
ports) for model requests only. Control endpoints, never counted:
- GET /_stats: {"requests": {model_id: n}, "connections": n}
- GET /_reset?delay=S: zero the counters and answer model requests after S seconds.

`FakeAPI` starts it as a subprocess (so the server never competes with the measured client
for the GIL) and wraps the control endpoints.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self
from urllib.parse import parse_qs, unquote, urlsplit

import requests

from sgp.demo import FEATURED

API_KEY = "sk-bench-0000000000000000"


def model_body(model_id: str) -> dict[str, Any]:
    """A realistic LLM Engine model (the demo's first sample) under the given ID and name."""
    return {**FEATURED[0], "id": model_id, "name": f"Bench model {model_id}"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    lock: ClassVar[threading.Lock] = threading.Lock()
    requests_per_id: ClassVar[Counter[str]] = Counter()
    ports: ClassVar[set[int]] = set()
    delay: ClassVar[float] = 0.0

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/_stats":
            with self.lock:
                stats = {"requests": dict(self.requests_per_id), "connections": len(self.ports)}
            self._send(200, stats)
        elif url.path == "/_reset":
            with self.lock:
                self.requests_per_id.clear()
                self.ports.clear()
                type(self).delay = float(parse_qs(url.query).get("delay", ["0"])[0])
            self._send(200, {"ok": True})
        elif url.path.startswith("/v5/models/"):
            model_id = unquote(url.path.rsplit("/", 1)[-1])
            with self.lock:
                self.requests_per_id[model_id] += 1
                self.ports.add(self.client_address[1])
            if self.delay:
                time.sleep(self.delay)
            self._send(200, model_body(model_id))
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


def serve() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


class FakeAPI:
    """The fake API in a subprocess: `with FakeAPI() as api: api.base_url ...`."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.fake_api"], stdout=subprocess.PIPE, text=True
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

    def requests_for(self, model_id: str) -> int:
        return int(self.stats()["requests"].get(model_id, 0))

    def connections(self) -> int:
        return int(self.stats()["connections"])

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


if __name__ == "__main__":
    serve()

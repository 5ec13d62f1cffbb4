"""A local webhook receiver for the notification tests: Apprise's `json://` posts to it.

Each request takes the next scripted answer: "ok" (200, the message counts as received),
an HTTP status such as 500, "429" (with Retry-After), or "hang" (never answers until the
receiver is closed). When the script runs out, every answer is "ok". Threaded, so a hanging
request does not block the next one.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class Receiver:
    def __init__(self, script: list[str] | None = None) -> None:
        self.script = list(script or [])
        self.received: list[dict[str, Any]] = []  # accepted messages, in order
        self.attempts: list[str] = []  # the answer given to each request
        self._release = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    answer = receiver.script.pop(0) if receiver.script else "ok"
                    receiver.attempts.append(answer)
                if answer == "hang":
                    receiver._release.wait(60)
                    return
                status = 200 if answer == "ok" else int(answer)
                if status == 200:  # before answering: the sender may look right after
                    with receiver._lock:
                        receiver.received.append(json.loads(body))
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "5")
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str = "hook", query: str = "") -> str:
        """An Apprise URL for this receiver (the path stands in for a webhook's secret)."""
        return f"json://127.0.0.1:{self.server.server_port}/{path}" + (f"?{query}" if query else "")

    def messages(self) -> list[str]:
        with self._lock:
            return [str(item["message"]) for item in self.received]

    def titles(self) -> list[str]:
        with self._lock:
            return [str(item["title"]) for item in self.received]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

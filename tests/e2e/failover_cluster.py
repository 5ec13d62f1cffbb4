"""Two app replicas behind nginx (tests/e2e/nginx_proxy.py), and how to watch them from outside.

`run_cluster` starts both replicas with the same settings (the image's production ENV plus
whatever the caller adds), then nginx, and stops all of it afterwards. The rest reads what
a test needs to know without touching the page: which replica answered a request (nginx's
access log), and when a replica accepted a new websocket session (its own
/_stcore/metrics, asked directly on loopback, never through the proxy).
"""

from __future__ import annotations

import os
import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from image_spec import read_image_spec
from nginx_proxy import NginxProxy, find_nginx
from playwright.sync_api import Browser, BrowserContext

from testkit.servers import StreamlitServer

NO_NGINX = "nginx not found: install Debian's nginx package to run the fail-over tests"
TAKEOVER_TIMEOUT_S = 60.0
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome Safari"
STREAM = "/_stcore/stream"


@dataclass
class Cluster:
    replicas: dict[str, StreamlitServer]
    proxy: NginxProxy

    def name_of(self, upstream: str) -> str:
        """The replica that finally answered ("a, b" when nginx moved on from a to b)."""
        address = upstream.split(",")[-1].strip()
        [name] = [n for n, app in self.replicas.items() if address.endswith(f":{app.port}")]
        return name

    def served(self, agent: str) -> set[str]:
        return {self.name_of(line["upstream"]) for line in self.proxy.requests(agent)}


def same_settings_for_every_replica() -> dict[str, str]:
    """The image's production settings; each replica gets its own port from the runner."""
    own = {"STREAMLIT_SERVER_PORT", "STREAMLIT_SERVER_ADDRESS"}
    return {k: v for k, v in read_image_spec().env.items() if k not in own}


def require_nginx() -> None:
    if find_nginx() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{NO_NGINX} (CI=true: the fail-over tests must run)", pytrace=False)
        pytest.skip(NO_NGINX)


@contextmanager
def run_cluster(
    logs: Path,
    env: dict[str, str] | None = None,
    before_start: Callable[[Cluster], None] | None = None,
    name: str = "replica",
) -> Iterator[Cluster]:
    """Replicas a and b and nginx; `before_start` may write their secrets (the proxy's URL
    is known by then). `name` keeps each cluster's log and secrets files apart."""
    require_nginx()
    settings = {**same_settings_for_every_replica(), **(env or {})}
    replicas = {n: StreamlitServer(f"{name}-{n}", settings, logs) for n in ("a", "b")}
    cluster = Cluster(replicas, NginxProxy({name: app.port for name, app in replicas.items()}))
    try:
        if before_start is not None:
            before_start(cluster)
        with ThreadPoolExecutor(len(replicas)) as pool:
            list(pool.map(StreamlitServer.start, replicas.values()))
        cluster.proxy.start()
        yield cluster
    finally:
        cluster.proxy.stop()
        for app in replicas.values():
            app.stop()


def visitor(browser: Browser, name: str) -> BrowserContext:
    """A fresh browser profile (no cookie yet), recognisable in nginx's access log."""
    return browser.new_context(
        user_agent=f"{AGENT} visitor-{name}", viewport={"width": 1280, "height": 900}
    )


def session_starts(app: StreamlitServer) -> int:
    """Websocket sessions this replica accepted (its own metrics, asked directly)."""
    with urllib.request.urlopen(f"{app.url}/_stcore/metrics", timeout=5) as answer:
        text = answer.read().decode()
    counts = re.findall(r'session_events_total\{type="(?:connect|reconnect)"\} (\d+)', text)
    return sum(int(count) for count in counts)


def reconnected_at(survivor: StreamlitServer, before: int) -> float:
    """When the surviving replica accepted the visitor's new websocket (polled directly)."""
    deadline = time.monotonic() + TAKEOVER_TIMEOUT_S
    while session_starts(survivor) == before:
        assert time.monotonic() < deadline, "the page never reconnected to the other replica"
        time.sleep(0.05)
    return time.monotonic()


def wait_for_logged_streams(cluster: Cluster, agent: str, count: int) -> list[dict[str, str]]:
    """nginx logs a websocket when it closes: wait until `count` of them are in the log."""
    deadline = time.monotonic() + 20
    while True:
        lines = cluster.proxy.requests(agent)
        streams = [line for line in lines if line["uri"].startswith(STREAM)]
        if len(streams) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)

"""Lookup and Connections (one client): what SGPClient costs over bare requests, and sockets.

Lookup: `SGPClient.get_model` (URL building, headers, retries, streamed capped read,
pydantic validation) against a bare `requests.Session().get().json()`, interleaved call by
call against the same local keep-alive server, median per call. Connections: TCP
connections the server saw for 200 lookups through one client.
"""

from __future__ import annotations

import time

import requests

from bench import API_KEY
from bench.report import Figure, median, ms
from sgp.api import SGPClient
from testkit.fake_api import FakeAPIProcess

WARMUP = 20


def lookup_figure(api: FakeAPIProcess, calls: int) -> Figure:
    api.reset()
    client = SGPClient(API_KEY, base_url=api.base_url)
    bare = requests.Session()
    url = f"{api.base_url}/v5/models/m-lookup"
    ours: list[float] = []
    theirs: list[float] = []
    try:
        for i in range(WARMUP + calls):
            t0 = time.perf_counter()
            client.get_model("m-lookup")
            t1 = time.perf_counter()
            bare.get(url, headers={"x-api-key": API_KEY}, timeout=30).json()
            t2 = time.perf_counter()
            if i >= WARMUP:
                ours.append(t1 - t0)
                theirs.append(t2 - t1)
    finally:
        client.close()
        bare.close()
    ratio = median(ours) / median(theirs)
    return Figure(
        f"Lookup (median of {calls} each, interleaved)",
        f"SGPClient.get_model {ms(median(ours))}",
        f"bare Session.get().json() {ms(median(theirs))}",
        f"{ratio:.2f}x",
        "<= 1.2x",
        ratio <= 1.2,
    )


def client_connections_figure(api: FakeAPIProcess, lookups: int = 200) -> Figure:
    api.reset()
    with SGPClient(API_KEY, base_url=api.base_url) as client:
        for i in range(lookups):
            client.get_model(f"m-conn-{i}")
    seen = api.connections()
    return Figure(
        f"Connections ({lookups} lookups, one client)",
        f"{seen} TCP connection(s)",
        f"{lookups} requests",
        f"{seen}",
        "1",
        seen == 1,
    )

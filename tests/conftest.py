"""Shared fixtures. Tests use a real local HTTP server (pytest-httpserver), never mocks.

AppTest modules mark themselves with `pytest.mark.usefixtures("fresh_streamlit")` and
define a module-level `KEY` that `operator_api` configures as the operator's key.
"""

from __future__ import annotations

import copy
import logging
import socket
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from pytest_httpserver import HTTPServer

from components.cache import fair_use
from components.cache.fair_use import forget_fetch_times
from sgp.api import SGPClient
from sgp.team import Budget
from testkit.postgres import PostgresCluster, find_bin_dir

CONTRACT_PATH = Path(__file__).parent / "data" / "get-model.openapi.yaml"

# A key that must never show up in a message, a repr or a log line.
SECRET_API_KEY = "sk-test-DO-NOT-LEAK-7f3a9c1e"

LAUNCH_MODEL: dict[str, Any] = {
    "id": "mdl_launch_01",
    "object": "model",
    "name": "support-bot",
    "model_type": "chat_completion",
    "model_vendor": "launch",
    "vendor_configuration": {
        "model_image": {
            "registry": "123456789.dkr.ecr.us-west-2.amazonaws.com",
            "repository": "support-bot",
            "tag": "2024-05-01",
            "command": ["python", "-m", "serve", "--port", "5005"],
            "env_vars": {"HF_HOME": "/cache/hf", "LOG_LEVEL": "info"},
            "request_schema": {},
            "readiness_delay": 120,
        },
        "model_infra": {
            "endpoint_type": "sync",
            "gpus": 1,
            "gpu_type": "nvidia-ampere-a10",
            "memory": "24Gi",
            "min_workers": 0,
            "max_workers": 2,
            "labels": {"team": "support", "cost-center": "42"},
        },
    },
    "status": "ready",
    "model_metadata": {"owner": "ana", "eval": {"mmlu": 0.61, "suite": {"version": "3"}}},
    "model_availability": "available",
    "created_at": "2024-05-01T12:30:00Z",
    "created_by_user_id": "user_123",
    "created_by_identity_type": "user",
}

LLM_ENGINE_MODEL: dict[str, Any] = {
    "id": "mdl_llme_01",
    "name": "llama-2-7b-chat",
    "model_type": "chat_completion",
    "model_vendor": "llmengine",
    "vendor_configuration": {
        "model": "llama-2-7b",
        "inference_framework": "vllm",
        "num_shards": 1,
        "cpus": 8,
        "memory": "24Gi",
        "storage": "40Gi",
        "gpus": 1,
        "gpu_type": "nvidia-ampere-a10",
        "min_workers": 0,
        "max_workers": 1,
        "per_worker": 10,
        "endpoint_type": "streaming",
        "labels": {"team": "research"},
        "warm_pool": True,
    },
    "status": "deploying",
    "created_at": "2024-06-02T08:00:00+02:00",
    "created_by_user_id": "svc_42",
    "created_by_identity_type": "service_account",
}

HOSTED_MODEL: dict[str, Any] = {
    "id": "mdl_openai_01",
    "name": "gpt-4o",
    "model_type": "chat_completion",
    "model_vendor": "openai",
    "status": "ready",
    "created_at": "2024-01-15T09:00:00Z",
    "created_by_user_id": "user_7",
    "created_by_identity_type": "user",
}


@pytest.fixture
def api_key() -> str:
    """The API key every test client uses; tests assert it never leaks."""
    return SECRET_API_KEY


@pytest.fixture
def assert_key_hidden(
    api_key: str, caplog: pytest.LogCaptureFixture
) -> Iterator[Callable[..., None]]:
    """Check that the key is in no str(), repr(), message or traceback of what it is given.

    Every object passed is checked at once; after the test, every log line of the test
    (captured at DEBUG, urllib3's included) is checked too.
    """
    caplog.set_level(logging.DEBUG)

    def check(*objects: object) -> None:
        for obj in objects:
            texts = [str(obj), repr(obj), repr(getattr(obj, "__dict__", ""))]
            if isinstance(obj, BaseException):
                texts.append("".join(traceback.format_exception(obj)))
            for text in texts:
                assert api_key not in text, f"the API key leaked into {type(obj).__name__}"

    yield check
    assert api_key not in caplog.text, "the API key leaked into a log line"


@pytest.fixture
def launch_model_json() -> dict[str, Any]:
    """A GET /v5/models/{id} body of a Launch model, as the API sends it (a fresh copy)."""
    return copy.deepcopy(LAUNCH_MODEL)


@pytest.fixture
def llm_engine_model_json() -> dict[str, Any]:
    """A body of an LLM Engine model, with one field the contract does not name."""
    return copy.deepcopy(LLM_ENGINE_MODEL)


@pytest.fixture
def hosted_model_json() -> dict[str, Any]:
    """A body of a hosted model (openai): no vendor configuration, no metadata."""
    return copy.deepcopy(HOSTED_MODEL)


@pytest.fixture
def openapi_contract() -> dict[str, Any]:
    """tests/data/get-model.openapi.yaml, parsed."""
    return yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def make_client(httpserver: HTTPServer, api_key: str) -> Iterator[Callable[..., SGPClient]]:
    """SGPClient factory aimed at the local `httpserver`, with short timeouts and no retries.

    Any argument of SGPClient can be overridden; every client is closed after the test.
    """
    clients: list[SGPClient] = []

    def make(**overrides: Any) -> SGPClient:
        kwargs: dict[str, Any] = {
            "base_url": httpserver.url_for("/"),
            "timeout": (1, 1),
            "max_retries": 0,
        }
        kwargs.update(overrides)
        client = SGPClient(kwargs.pop("api_key", api_key), **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def _second_http_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="localhost", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def other_server(_second_http_server: HTTPServer, httpserver: HTTPServer) -> HTTPServer:
    """A second local HTTP server on another port (another origin than `httpserver`)."""
    assert _second_http_server.port != httpserver.port
    _second_http_server.clear()
    return _second_http_server


@pytest.fixture
def fresh_streamlit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No operator setting leaks in from the shell, and no cache from an earlier test."""
    for name in (
        "SGP_API_KEY",
        "SGP_ACCOUNT_ID",
        "SGP_CLIENT_BASE_URL",
        "SGP_ALLOWED_EMAILS",
        "SGP_ALLOWED_DOMAINS",
        "SGP_REQUESTS_PER_MINUTE",
    ):
        monkeypatch.delenv(name, raising=False)
    # No history unless a test asks for one (the default would be a file in the worktree).
    monkeypatch.setenv("SGP_HISTORY_URL", "off")
    st.cache_data.clear()
    st.cache_resource.clear()
    forget_fetch_times()
    # One budget per process, and every AppTest session is the same anonymous person: a
    # fresh one per test, so that no test spends another's.
    monkeypatch.setattr("sgp.team.metered.BUDGET", Budget())
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def refresh_anytime(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refresh and watch ticks ask the API again at once, as if 2 s passed between them
    (fair use keeps an answer younger than 2 s; `tests/test_fair_use.py` tests that)."""
    monkeypatch.setattr(fair_use, "MIN_REFRESH_S", 0.0)


@pytest.fixture
def operator_api(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> HTTPServer:
    """The operator points the app at a local fake API and configures the module's KEY."""
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", httpserver.url_for("/"))
    monkeypatch.setenv("SGP_API_KEY", request.module.KEY)
    return httpserver


@pytest.fixture
def closed_port() -> int:
    """A local port with nothing listening: a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the run (removed after); tests take databases."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "postgres tests need PostgreSQL (Debian: apt-get install postgresql); not installed"
        )
    with PostgresCluster(bin_dir) as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def history_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty history database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.sqlite3'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database()


@pytest.fixture(autouse=True)
def history_waits_for_its_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page waits at most 0.25 s for the history write its own fetch queued; a loaded
    test machine may take longer, and a test reading the page's history must not race it.
    (What a page shows when the write is late is the previous state: not a test's subject.)"""
    from components.history import read

    monkeypatch.setattr(read, "WAIT_WRITE_S", 10.0)

"""Fixtures of the browser suites: the system Chromium, the Streamlit apps and the fake servers.

Chromium is Debian's (found on the PATH, or CHROMIUM_PATH), launched by pytest-playwright
through `executable_path`; nothing is downloaded. Without it the browser tests are skipped
with a clear reason, except under CI=true, where that is a failure.

Each app environment runs one `streamlit run app.py` (testkit.servers.StreamlitServer, in its
own process group, stopped with it on teardown or when the run is cancelled) for the whole
session, started the first time a test needs it:
- `demo_app`: nothing configured, so the built-in demo is the default;
- `custom_app`: the operator's Custom base URL points at the fake API; no key configured;
- `operator_app`: the same base URL and an operator key (SGP_API_KEY).
Both API apps use SGP_TIMEOUT_S=2 so that the timeout scenarios stay quick.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_servers import OPERATOR_KEY, Canary, FakeAPI
from e2e_ui import Watch, watch_page
from playwright.sync_api import Page, expect

from testkit.servers import ROOT, StreamlitServer

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NO_CHROMIUM = "Chromium not found: install Debian's chromium package to run the browser tests"
READ_TIMEOUT_S = "2"
ARTIFACTS = ROOT / "artifacts"

expect.set_options(timeout=20_000)


def find_chromium() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{NO_CHROMIUM} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], chromium: str
) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def watch(page: Page) -> Watch:
    """Dialogs, console messages and every URL the browser requested, for this test's page."""
    page.set_default_timeout(30_000)
    return watch_page(page)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("streamlit-logs")


def _serve(fake: FakeAPI) -> Iterator[FakeAPI]:
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(scope="session")
def fake_api_server(chromium: str) -> Iterator[FakeAPI]:
    yield from _serve(FakeAPI())


@pytest.fixture
def fake_api(fake_api_server: FakeAPI) -> Iterator[FakeAPI]:
    """The fake SGP API with no routes (every model is 404) and an empty request log."""
    fake_api_server.reset()
    yield fake_api_server
    if not fake_api_server.server.is_running():
        fake_api_server.start()


@pytest.fixture(scope="session")
def canary_server(chromium: str) -> Iterator[Canary]:
    yield from _serve(Canary())


@pytest.fixture
def canary(canary_server: Canary) -> Canary:
    """A second local server that no scenario may ever reach."""
    canary_server.reset()
    return canary_server


def _app(name: str, env: dict[str, str], logs: Path) -> Iterator[StreamlitServer]:
    with StreamlitServer(name, env, logs) as app:
        yield app


@pytest.fixture(scope="session")
def demo_app(chromium: str, server_logs: Path) -> Iterator[StreamlitServer]:
    yield from _app("demo", {}, server_logs)


@pytest.fixture(scope="session")
def custom_app(
    chromium: str, server_logs: Path, fake_api_server: FakeAPI
) -> Iterator[StreamlitServer]:
    env = {"SGP_CLIENT_BASE_URL": fake_api_server.url, "SGP_TIMEOUT_S": READ_TIMEOUT_S}
    yield from _app("custom", env, server_logs)


@pytest.fixture(scope="session")
def operator_app(
    chromium: str, server_logs: Path, fake_api_server: FakeAPI
) -> Iterator[StreamlitServer]:
    env = {
        "SGP_CLIENT_BASE_URL": fake_api_server.url,
        "SGP_API_KEY": OPERATOR_KEY,
        "SGP_TIMEOUT_S": READ_TIMEOUT_S,
    }
    yield from _app("operator", env, server_logs)

"""One request per model per cache window: the shared client and the global model cache.

The inspect page runs in-process (streamlit.testing.v1 AppTest); the "API" is a real local
HTTP server (pytest-httpserver, threaded, so it keeps connections alive and answers
concurrent requests) that the operator's Custom base URL points at. The server records
every request it receives (key, model ID), so the tests count API requests where they
happen: at the server. Connections are counted by the keep-alive fake API of `testkit`,
since werkzeug's test server closes every connection after one response.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import unquote

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Request, Response

from components.cache import fair_use
from components.cache.lookups import Found, cached_lookup
from components.cache.ttl import FAILURE_TTL_S
from sgp.api import SGPClient, fingerprint
from testkit.bodies import minimal_body
from testkit.fake_api import KeepAliveAPI

KEY = "sk-operator-3f9a1c7e5b2d4680"
OTHER_KEY = "sk-visitor-77d0e4b1a9c35f12"
MODEL_ID = "m-shared-link"
VALID_MODEL = minimal_body(
    MODEL_ID, name="Support bot", vendor_configuration={"model": "llama-2-7b", "gpus": 1}
)

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


@dataclass
class FakeAPI:
    """GET /v5/models/{id} that records who asked, answers after `delay` s, or with `status`."""

    server: HTTPServer
    delay: float = 0.0
    status: int = 200
    hits: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, request: Request) -> Response:
        model_id = unquote(request.path.rsplit("/", 1)[-1])
        key = request.headers.get("x-api-key", "")
        with self.lock:
            self.hits.append((key, model_id))
        time.sleep(self.delay)
        if self.status != 200:
            body = {"detail": f"HTTP {self.status} from the fake API"}
            headers = {"Retry-After": "0"} if self.status == 429 else {}
            return Response(json.dumps(body), self.status, headers, "application/json")
        body = {**VALID_MODEL, "id": model_id, "name": f"Model seen by key ending {key[-4:]}"}
        return Response(json.dumps(body), 200, content_type="application/json")

    def requests_for(self, model_id: str = MODEL_ID) -> int:
        with self.lock:
            return sum(1 for _, mid in self.hits if mid == model_id)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAPI]:
    """The operator points the app at a local fake API and configures a key."""
    server = HTTPServer(threaded=True)
    server.start()
    fake = FakeAPI(server)
    server.expect_request(re.compile(r"^/v5/models/[^/]+$")).respond_with_handler(fake.handle)
    monkeypatch.delenv("SGP_ACCOUNT_ID", raising=False)
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", server.url_for("/"))
    monkeypatch.setenv("SGP_API_KEY", KEY)
    yield fake
    server.clear()
    server.stop()


def open_link(model_id: str = MODEL_ID, *, key: str | None = None) -> AppTest:
    """A new browser session opening a shared link; `key` is typed in the sidebar."""
    at = open_page(model_id=model_id)
    if key is not None:
        at.text_input(key="api_key").input(key).run()
    return at


def shown_name(at: AppTest) -> str:
    assert not at.exception, at.exception
    return at.main.header[0].value


def shown_error(at: AppTest) -> str:
    assert not at.exception, at.exception
    return " ".join(e.value for e in at.error)


def test_concurrent_identical_lookups_wait_for_the_first_request(api: FakeAPI) -> None:
    # Threads call the page's cached lookup directly: AppTests run in threads share Streamlit's
    # global runtime and race on it. The whole-page version runs in Chromium (test_e2e_isolation).
    api.delay = 0.8  # slow enough that every caller asks while the first one waits
    base_url = api.server.url_for("/").rstrip("/")
    client = SGPClient(KEY, base_url=base_url)
    where = (base_url, None, fingerprint(KEY), "")
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: cached_lookup(where, MODEL_ID, client), range(6)))
    assert api.requests_for(MODEL_ID) == 1
    assert all(isinstance(r, Found) for r in results), results
    assert {r.model.name for r in results if isinstance(r, Found)} == {
        f"Model seen by key ending {KEY[-4:]}"
    }


def test_viewers_with_different_keys_each_see_their_own_model(api: FakeAPI) -> None:
    operator_key_page = open_link()
    own_key_page = open_link(key=OTHER_KEY)
    assert shown_name(operator_key_page) == f"Model seen by key ending {KEY[-4:]}"
    assert shown_name(own_key_page) == f"Model seen by key ending {OTHER_KEY[-4:]}"
    assert sorted(k for k, _ in api.hits) == sorted([KEY, OTHER_KEY])


@pytest.mark.parametrize("status", [429, 500])
def test_a_failure_is_shown_again_only_for_a_few_seconds(api: FakeAPI, status: int) -> None:
    api.status = status
    first = open_link()
    assert shown_error(first)
    failed_requests = api.requests_for(MODEL_ID)  # the client's own retries included
    assert failed_requests >= 1
    first.run()  # an immediate rerun does not hammer a failing API
    assert api.requests_for(MODEL_ID) == failed_requests

    api.status = 200
    time.sleep(FAILURE_TTL_S + 0.5)
    second = open_link()
    assert api.requests_for(MODEL_ID) == failed_requests + 1
    assert not shown_error(second)
    assert shown_name(second) == f"Model seen by key ending {KEY[-4:]}"


def test_refresh_asks_the_api_again_exactly_once(
    api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_link()
    assert api.requests_for(MODEL_ID) == 1
    at.button(key="refresh").click().run()
    assert api.requests_for(MODEL_ID) == 1  # fetched less than 2 s ago: the cached answer
    monkeypatch.setattr(fair_use, "MIN_REFRESH_S", 0.0)  # as if 2 s had passed
    at.button(key="refresh").click().run()
    assert api.requests_for(MODEL_ID) == 2
    assert shown_name(at) == f"Model seen by key ending {KEY[-4:]}"


def test_a_rerun_with_nothing_changed_asks_the_api_nothing(api: FakeAPI) -> None:
    at = open_link()
    at.run()
    at.run()
    assert api.requests_for(MODEL_ID) == 1
    assert shown_name(at)


@pytest.fixture
def keep_alive_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[KeepAliveAPI]:
    with KeepAliveAPI(body=lambda model_id: {**VALID_MODEL, "id": model_id}) as api:
        monkeypatch.delenv("SGP_ACCOUNT_ID", raising=False)
        monkeypatch.setenv("SGP_CLIENT_BASE_URL", api.base_url)
        monkeypatch.setenv("SGP_API_KEY", KEY)
        yield api


def test_lookups_from_many_sessions_share_one_connection(keep_alive_api: KeepAliveAPI) -> None:
    for n in range(5):
        at = open_link(f"m-{n}")
        assert shown_name(at) == VALID_MODEL["name"]
    assert [keep_alive_api.requests_for(f"m-{n}") for n in range(5)] == [1] * 5
    assert keep_alive_api.connections() == 1


def test_a_model_seen_on_the_board_opens_on_the_inspect_page_without_a_second_request(
    api: FakeAPI,
) -> None:
    board = open_page("board", ids=f"{MODEL_ID},m-other")
    assert not board.exception
    assert api.requests_for() == 1 and api.requests_for("m-other") == 1
    at = open_link()
    assert "Model seen by key ending" in " ".join(s.value for s in at.header)
    assert api.requests_for() == 1

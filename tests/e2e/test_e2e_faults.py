"""Faults of the API server, met in a real browser: each ends in a plain message, and the app
stays usable: the next lookup on the same page shows its model.

The app here has an operator key (SGP_API_KEY) and a 2 s read timeout (SGP_TIMEOUT_S). How
long each fault took to turn into a message is printed (run with -s), not asserted.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from e2e_servers import OPERATOR_KEY, FakeAPI, json_response
from e2e_ui import (
    Visitor,
    assert_key_hidden,
    expect_error,
    expect_model,
    look_up,
    main,
    new_visitor,
)
from playwright.sync_api import Browser, Page, expect
from werkzeug import Request, Response

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

BIG_BODY_BYTES = 20 * 1024 * 1024


def _then_ok(model_id: str, first: Callable[[], Response]) -> Callable[[Request], Response]:
    """Answer the first request with `first()`, every later one with a healthy model."""
    calls = itertools.count()

    def handler(_request: Request) -> Response:
        if next(calls) == 0:
            return first()
        return json_response(sample_body(model_id, "Back to normal"))

    return handler


def _slow(_request: Request) -> Response:
    time.sleep(3.5)  # the app's read timeout is 2 s
    return json_response({"detail": "too late"})


def _html(_request: Request) -> Response:
    return Response("<html><body><h1>Gateway login</h1></body></html>", mimetype="text/html")


def _truncated(_request: Request) -> Response:
    return Response('{"id": "mdl-cut", "name": "Cut of', mimetype="application/json")


def _huge_streamed(_request: Request) -> Response:
    chunk = b" " * (1024 * 1024)
    return Response((chunk for _ in range(BIG_BODY_BYTES // len(chunk))), mimetype="text/plain")


def _huge_declared(_request: Request) -> Response:
    return Response(b"{" + b" " * BIG_BODY_BYTES + b"}", mimetype="application/json")


FAULTS: dict[str, tuple[Callable[[Request], Response], str]] = {
    "slower-than-timeout": (_slow, "The API did not answer in time"),
    "html-body": (_html, "The API sent something unexpected"),
    "truncated-json": (_truncated, "The API sent something unexpected"),
    "20mb-streamed": (_huge_streamed, "The API's answer was too large"),
    "20mb-with-length": (_huge_declared, "The API's answer was too large"),
    "429-retry-after-1": (
        lambda _r: json_response({"detail": "slow down"}, 429, {"Retry-After": "1"}),
        "Too many requests",
    ),
}


@pytest.fixture(scope="module")
def visitor(browser: Browser, operator_app: StreamlitServer) -> Iterator[Visitor]:
    """One tab for the whole module: every fault is followed by a lookup on the same page."""
    person = new_visitor(browser, operator_app.url)
    expect(main(person.page).get_by_text("Enter a model ID")).to_be_visible()
    yield person
    person.page.context.close()


def _next_lookup_works(page: Page, fake_api: FakeAPI) -> None:
    model_id = f"mdl-after-{uuid.uuid4().hex[:8]}"
    fake_api.route(model_id, sample_body(model_id, f"Next lookup {model_id}"))
    look_up(page, model_id)
    expect_model(page, f"Next lookup {model_id}")


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_faulty_answer_ends_in_a_plain_message_and_the_next_lookup_works(
    visitor: Visitor, operator_app: StreamlitServer, fake_api: FakeAPI, fault: str
) -> None:
    page = visitor.page
    handler, title = FAULTS[fault]
    model_id = f"mdl-{fault}-{uuid.uuid4().hex[:8]}"
    fake_api.route(model_id, handler)
    started = time.monotonic()
    look_up(page, model_id)
    expect_error(page, title)
    attempts = len(fake_api.requests_for(model_id))
    print(f"\n{fault}: message after {time.monotonic() - started:.1f} s, {attempts} request(s)")
    assert {seen.api_key for seen in fake_api.seen} == {OPERATOR_KEY}
    _next_lookup_works(page, fake_api)
    assert_key_hidden(
        page, OPERATOR_KEY, visitor.watch, elsewhere={"Server output": operator_app.output()}
    )


def test_a_503_then_200_is_retried_and_shows_the_model(visitor: Visitor, fake_api: FakeAPI) -> None:
    page = visitor.page
    model_id = f"mdl-flaky-{uuid.uuid4().hex[:8]}"
    fake_api.route(
        model_id, _then_ok(model_id, lambda: json_response({"detail": "warming up"}, 503))
    )
    look_up(page, model_id)
    expect_model(page, "Back to normal")
    assert len(fake_api.requests_for(model_id)) == 2


def test_a_refused_connection_ends_in_a_plain_message_and_the_next_lookup_works(
    visitor: Visitor, operator_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    page = visitor.page
    fake_api.stop()
    try:
        started = time.monotonic()
        look_up(page, f"mdl-refused-{uuid.uuid4().hex[:8]}")
        expect_error(page, "Could not reach the API")
        print(f"\nconnection refused: message after {time.monotonic() - started:.1f} s")
    finally:
        fake_api.start()
    _next_lookup_works(page, fake_api)
    assert_key_hidden(
        page, OPERATOR_KEY, visitor.watch, elsewhere={"Server output": operator_app.output()}
    )

"""What the recorder announced, on the inspect page of a followed model (AppTest, a real local
API, a real SQLite or PostgreSQL history, and a real `Notifier` sending to local webhook
receivers).

The announcements are made the real way: observations stored, a failure that holds and a
recovery, each round handed to the notifier, which writes the outbox and sends through
Apprise to a JSON receiver that accepts and a form receiver that answers 500.
"""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_pages import new_app, open_page
from notify_rounds import CRASHING, READY, Clock, make_notifier, play
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from sgp.history.notify.channels import fingerprint
from sgp.history.store import open_store
from sgp.present.announcements import COLUMNS, NONE_YET
from testkit.bodies import minimal_body

KEY = "sk-operator-announce-9d0e1f"
OWN_KEY = "sk-own-announce-key-2b7c"
MODEL = "m-announced"
QUIET = "m-quiet"
HOOK = "/hook-secret-4b1d"  # a webhook's path stands in for its secret
FORM = "/form-secret-8c2e"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


@pytest.fixture
def db_url(history_db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The team's history: an SQLite file, then a PostgreSQL database."""
    monkeypatch.setenv("SGP_HISTORY_URL", history_db_url)
    return history_db_url


@pytest.fixture
def channel_urls(other_server: HTTPServer) -> list[str]:
    """A JSON webhook that takes every message, and a form webhook that refuses them all."""
    other_server.expect_request(HOOK, method="POST").respond_with_data("ok")
    other_server.expect_request(FORM, method="POST").respond_with_data("down", status=500)
    base = f"{other_server.host}:{other_server.port}"
    return [f"json://{base}{HOOK}", f"form://{base}{FORM}"]


@pytest.fixture
def announced(db_url: str, channel_urls: list[str]) -> None:
    """MODEL, followed, failed for two rounds (announced) then worked for two (announced),
    minutes ago; the form channel's first message failed twice and waits for a retry."""
    store = open_store(db_url)
    store.follow(MODEL, "ana@example.com")
    clock = Clock()
    clock.now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=6)
    notifier = make_notifier(store, clock, *channel_urls)
    rounds = [READY, CRASHING, CRASHING, READY, READY]
    play(store, clock, notifier, *({MODEL: seen} for seen in rounds))
    store.close()


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    for model_id in (MODEL, QUIET):
        operator_api.expect_request(f"/v5/models/{model_id}").respond_with_json(
            minimal_body(model_id, name="Announced bot", status="ready")
        )
    return operator_api


def announcements(at: AppTest) -> list[dict[str, str]] | None:
    """The Announcements table's rows, or None when the page has no such table."""
    for frame in at.dataframe:
        if list(frame.value.columns) == COLUMNS:
            return [dict(row) for row in frame.value.to_dict("records")]
    return None


def everything_on(at: AppTest) -> str:
    """Every element the page sent (its protobuf text) and every table's cells."""
    parts = [str(getattr(node, "proto", "")) for node in at._tree]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)


def headings(at: AppTest) -> list[str]:
    return [str(el.value) for el in at.markdown]


def test_a_followed_models_page_shows_each_announcement_and_whether_each_channel_got_it(
    api: HTTPServer, announced: None, channel_urls: list[str], other_server: HTTPServer
) -> None:
    sent = [r for r, _ in other_server.log if r.path == HOOK]
    assert len(sent) == 2 and "Model failing" in sent[0].get_data(as_text=True)

    at = open_page(model_id=MODEL)
    assert not at.exception
    assert at.toggle(key=f"follow:{MODEL}").value is True
    assert "**Announcements**, newest first" in headings(at)
    rows = announcements(at)
    assert rows is not None
    assert [(r["Announced"], r["Channel"]) for r in rows] == [
        ("Working again after 2 min down", "JSON webhook"),
        ("Working again after 2 min down", "Form webhook"),
        (rows[2]["Announced"], "JSON webhook"),
        (rows[2]["Announced"], "Form webhook"),
    ]
    assert rows[2]["Announced"].startswith("Started failing: ")
    assert rows[0]["When"].endswith(" UTC")  # the viewer's zone, named (AppTest's is UTC)
    delivered, waiting, first, retrying = rows
    assert delivered["Delivery"].startswith("Delivered ") and delivered["Last error"] == ""
    assert first["Delivery"].startswith("Delivered ")
    assert waiting["Delivery"] == "Waiting to be sent"  # behind the channel's first message
    assert retrying["Delivery"].startswith("Retrying: 2 attempts failed; next attempt")
    assert retrying["Last error"] == "The channel refused the message (HTTP 500)."

    page = everything_on(at)
    for url in channel_urls:
        assert fingerprint(url)[:6] not in page
    for secret in (HOOK, FORM, f":{other_server.port}", str(other_server.port), KEY):
        assert secret not in page


def test_an_unfollowed_model_shows_no_announcements_until_someone_follows_it(
    api: HTTPServer, announced: None, db_url: str
) -> None:
    store = open_store(db_url)
    store.unfollow(MODEL)
    store.close()
    at = open_page(model_id=MODEL)
    assert not at.exception
    follow = at.toggle(key=f"follow:{MODEL}")
    assert follow.value is False
    assert announcements(at) is None and "**Announcements**, newest first" not in headings(at)
    assert "Announcements" not in everything_on(at)

    follow.set_value(True).run()
    rows = announcements(at)
    assert rows is not None and len(rows) == 4


def test_a_followed_model_never_announced_says_so_in_one_sentence(
    api: HTTPServer, db_url: str
) -> None:
    store = open_store(db_url)
    store.follow(QUIET, "ana@example.com")
    store.close()
    at = open_page(model_id=QUIET)
    assert not at.exception
    assert "**Announcements**, newest first" in headings(at)
    assert announcements(at) is None
    assert [c.value for c in at.caption if c.value == NONE_YET] == [NONE_YET]


def test_a_visitors_own_key_sees_no_announcements(
    httpserver: HTTPServer, announced: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", httpserver.url_for("/"))
    httpserver.expect_request(f"/v5/models/{MODEL}").respond_with_json(
        minimal_body(MODEL, name="Announced bot", status="ready")
    )
    at = new_app(model_id=MODEL).run()
    at.text_input(key="api_key").input(OWN_KEY).run()
    assert not at.exception
    assert "Announced bot" in at.header[0].value
    assert announcements(at) is None
    assert "Announcements" not in everything_on(at)

"""History on the inspect page (AppTest, a real local API and a real SQLite file): what the
operator's key records and shows (the summary line, the changes, Follow), that a visitor's
own key records and sees nothing, that a database that is down or read-only never stops the
page, and the demo's built-in week.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from apptest_pages import new_app, open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from components.history.sources import team_history
from sgp.history.store import open_store
from sgp.history.tables import states as states_table
from sgp.team import AUDIT_LOGGER, audit
from testkit.bodies import minimal_body
from testkit.postgres import PostgresCluster

KEY = "sk-operator-history-51c0de"
OWN_KEY = "sk-own-history-key-7e21aa"
MODEL = "m-hist"
FAILING = "Container exited with code 137 (out of memory) [see](https://evil.example/x.png)"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def body(status: str, **fields: object) -> dict[str, object]:
    config = {"model": "llama-2-7b", "gpus": 1}
    return minimal_body(
        MODEL, name="History bot", status=status, vendor_configuration=config, **fields
    )


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    monkeypatch.setenv("SGP_HISTORY_URL", url)
    return url


@pytest.fixture
def api(operator_api: HTTPServer) -> HTTPServer:
    operator_api.expect_request(f"/v5/models/{MODEL}").respond_with_json(body("ready"))
    return operator_api


@pytest.fixture
def audit_lines() -> Iterator[list[dict[str, object]]]:
    audit("test_start", "test")  # installs the stdout handler before ours
    lines: list[dict[str, object]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(record.getMessage()))

    handler = Collect()
    logging.getLogger(AUDIT_LOGGER).addHandler(handler)
    yield lines
    logging.getLogger(AUDIT_LOGGER).removeHandler(handler)


def markdown(at: AppTest) -> str:
    return "\n".join(str(el.value) for el in at.markdown)


def texts(at: AppTest) -> str:
    parts = [
        str(el.value)
        for kind in ("markdown", "caption", "subheader", "info")
        for el in getattr(at, kind)
    ]
    return "\n".join(parts)


def summary(at: AppTest) -> str:
    """The summary line as it reads (without the Markdown escapes)."""
    line = next(el.value for el in at.markdown if el.value.startswith(":material/history:"))
    return line.replace("\\", "")


def changes(at: AppTest) -> list[str]:
    frame = at.dataframe[-1].value
    assert list(frame.columns)[:2] == ["When", "Change"]
    return frame["Change"].tolist()


@pytest.mark.usefixtures("refresh_anytime")
def test_operator_lookups_show_since_uptime_changes_and_follow(
    api: HTTPServer, db_url: str, audit_lines: list[dict[str, object]]
) -> None:
    at = open_page(model_id=MODEL)
    assert not at.exception
    line = summary(at)
    assert "Ready, first seen" in line and "no uptime figure yet" in line
    assert changes(at) == ["First seen: Ready"]
    assert [s.value for s in at.subheader if s.value == "History"] == ["History"]

    api.clear()
    api.expect_request(f"/v5/models/{MODEL}").respond_with_json(
        body("failed", status_reason=FAILING, model_availability="unavailable")
    )
    at.button(key="refresh").click().run()
    assert changes(at) == ["Ready -> Failed", "First seen: Ready"]
    row = at.dataframe[-1].value.iloc[0]
    assert row["Why"] == "Out of memory (RAM)" and row["Reason given"] == FAILING
    line = summary(at)
    assert "Failed since" in line and "up 100% of the last 7 days" in line

    follow = at.toggle(key=f"follow:{MODEL}")
    assert follow.value is False
    follow.set_value(True).run()
    store = open_store(db_url)
    assert store.is_followed(MODEL)
    [line] = [a for a in audit_lines if a["event"] == "follow"]
    assert (line["model_id"], line["page"], line["environment"]) == (
        MODEL,
        "Inspect a model",
        "custom",
    )
    assert "account" in line and line["who"]  # who followed, in which account
    [status] = {s.status for s in store.states(MODEL)} - {"ready"}
    assert status == "failed"
    store.close()


def test_a_cached_rerun_records_nothing(api: HTTPServer, db_url: str) -> None:
    at = open_page(model_id=MODEL)
    at.run()  # a rerun of the same link: the cached lookup
    store = open_store(db_url)
    [period] = store.states(MODEL)
    assert period.observations == 1 and len(api.log) == 1
    store.close()


def test_a_visitors_own_key_records_nothing_and_sees_no_history(
    httpserver: HTTPServer, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", httpserver.url_for("/"))
    httpserver.expect_request(f"/v5/models/{MODEL}").respond_with_json(body("ready"))
    at = new_app(model_id=MODEL).run()
    at.text_input(key="api_key").input(OWN_KEY).run()
    assert not at.exception
    assert "History bot" in at.header[0].value  # the model is shown
    assert "History" not in [s.value for s in at.subheader]
    assert "history:" not in markdown(at)
    assert all(t.key != f"follow:{MODEL}" for t in at.toggle)
    history = team_history()  # a write would go through its background writer: drain it
    assert history is not None and history.writer.wait_idle(10)
    assert open_store(db_url).states(MODEL) == []


def test_history_database_down_still_shows_the_model_and_says_so_plainly(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    password = "pw-never-shown-3f9"
    url = f"postgresql+psycopg://team:{password}@127.0.0.1:{closed_port}/history"
    monkeypatch.setenv("SGP_HISTORY_URL", url)
    at = open_page(model_id=MODEL)
    assert not at.exception
    assert "History bot" in at.header[0].value
    assert at.dataframe, "the configuration table is drawn"
    assert any("History is unavailable right now" in el.value for el in at.info)
    page = texts(at)
    assert password not in page and str(closed_port) not in page
    assert all(t.key != f"follow:{MODEL}" for t in at.toggle)


def test_the_demo_has_a_week_of_history_and_its_live_rollout_adds_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SGP_DEMO_ROLLOUT_S", "0")
    at = open_page(model_id="demo-llama-2-7b-chat")
    assert not at.exception
    assert "up 9" in summary(at) and "of the last 7 days, observed 98" in summary(at)
    found = changes(at)
    assert "Ready -> Failed" in found and "Failed -> Deploying" in found
    config = at.dataframe[-1].value["Configuration"].tolist()
    assert any("vendor_configuration.max_workers" in c and "->" in c for c in config)
    assert not at.toggle or all(not str(t.key).startswith("follow:") for t in at.toggle)
    assert "**Announcements**, newest first" not in markdown(at)  # no recorder in the demo
    live = open_page(model_id="demo-live-rollout")
    assert changes(live)[0] == "Deploying -> Ready"
    before = dt.datetime.now(dt.UTC)
    assert before.year >= 2026


def test_board_shows_since_and_uptime_and_followed_is_the_teams_status_page(
    operator_api: HTTPServer, db_url: str
) -> None:
    operator_api.expect_request(f"/v5/models/{MODEL}").respond_with_json(body("ready"))
    operator_api.expect_request("/v5/models/m-other").respond_with_json(minimal_body("m-other"))
    store = open_store(db_url)
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:  # ready and observed all week, up to a minute ago
        conn.execute(
            sa.insert(states_table).values(
                model_id="m-other",
                status="ready",
                availability="available",
                first_seen=now - dt.timedelta(days=7),
                last_seen=now - dt.timedelta(minutes=1),
                observations=10_080,
            )
        )
    store.follow("m-other", "ana@example.com")
    store.close()

    at = open_page("board", ids=f"{MODEL},m-other")
    assert not at.exception
    shown = list(at.dataframe[0].proto.column_order)
    assert shown[shown.index("Why") + 1 : shown.index("Why") + 3] == ["Since", "Up 7 d"]
    rows = at.dataframe[0].value.set_index("ID")
    assert rows.loc["m-other", "Up 7 d"] == "100% (observed 99.9%)"
    assert rows.loc["m-other", "Since"].endswith(" or earlier")
    assert rows.loc[MODEL, "Up 7 d"] == ""  # seen once, just now: no figure yet

    team = open_page("board", followed="1")
    assert not team.exception
    assert list(team.dataframe[0].value["ID"]) == ["m-other"]
    assert any("every followed model (1)" in c.value for c in team.caption)


def test_a_read_only_history_database_still_shows_the_model_and_says_so_plainly(
    api: HTTPServer, monkeypatch: pytest.MonkeyPatch, postgres: PostgresCluster
) -> None:
    url = postgres.create_database()
    open_store(url).close()  # migrated by whoever came first (the recorder)
    name = url.rsplit("/", 1)[1]
    read_only = f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        conn.execute(read_only.encode())
    monkeypatch.setenv("SGP_HISTORY_URL", url)
    at = open_page(model_id=MODEL)
    assert not at.exception
    assert "History bot" in at.header[0].value and at.dataframe
    assert any("History is unavailable right now" in el.value for el in at.info)

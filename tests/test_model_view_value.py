"""The inspect page's view value: built once per lookup, shared by reruns, escaped once.

`sgp.present.build_view` words and tabulates a model; `components.cache.views` caches the
result with its lookup. These tests count real builds while real AppTest sessions rerun
against a real local HTTP server (pytest-httpserver as the operator's Custom base URL).
"""

from __future__ import annotations

import gc
from typing import Any

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

import components.cache.views as views
from components.model.raw_response import EXPANDER_KEY
from components.shell import heap
from sgp.api import InferenceModel, parse_model
from sgp.present import ModelView, build_view
from testkit.bodies import minimal_body

KEY = "sk-test-view-0000000000"
HOSTILE = minimal_body(
    "m-view",
    name="![x](https://evil.example/p.png) *bold*",
    status="failed",
    status_reason="[click](https://evil.example) <b>out of memory</b>",
    vendor_configuration={"model": "llama", "gpus": 1, "max_workers": 2},
    model_metadata={"team": "[t](https://evil.example)"},
)

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The model IDs the page built a view for, in order."""
    seen: list[str] = []

    def counting(model: InferenceModel, raw: dict, **kwargs: Any) -> ModelView:
        seen.append(model.id)
        return build_view(model, raw, **kwargs)

    monkeypatch.setattr(views, "build_view", counting)
    return seen


def open_link(model_id: str) -> AppTest:
    return open_page(model_id=model_id)


def test_reruns_and_other_viewers_draw_the_view_built_on_first_sight(
    operator_api: HTTPServer, builds: list[str]
) -> None:
    operator_api.expect_request("/v5/models/m-view").respond_with_json(HOSTILE)
    first = open_link("m-view")
    first.run()
    first.text_input(key="config_filter").input("gpus").run()
    second = open_link("m-view")  # another browser session with the same operator key
    assert not first.exception and not second.exception
    assert builds == ["m-view"]
    assert [s.value for s in first.header] == [s.value for s in second.header]
    shown = first.dataframe[0].value
    assert list(shown["field"]) == ["gpus"]  # the filter works on the cached table


@pytest.mark.usefixtures("refresh_anytime")
def test_refresh_builds_a_new_view_from_the_new_answer(
    operator_api: HTTPServer, builds: list[str]
) -> None:
    operator_api.expect_request("/v5/models/m-view").respond_with_json(HOSTILE)
    at = open_link("m-view")
    at.button(key="refresh").click().run()
    assert not at.exception
    assert builds == ["m-view", "m-view"]


def test_view_escapes_api_text_before_any_markdown_element_sees_it() -> None:
    view = build_view(
        parse_model(HOSTILE), HOSTILE, url="https://x.example/v5/models/m-view", with_account=False
    )
    assert view.header.reason_md is not None
    for text in (view.header.title_md, view.header.reason_md):
        assert "](" not in text and "<b>" not in text
    assert view.header.reason_is_error
    assert "x-api-key: $SGP_API_KEY" in view.curl and KEY not in view.curl
    assert view.metadata is not None
    assert view.metadata.column("value").to_pylist() == ["[t](https://evil.example)"]


def test_view_of_a_hosted_model_has_no_configuration_rows() -> None:
    body = minimal_body("m-hosted", vendor_configuration=None, model_metadata={})
    view = build_view(
        parse_model(body), body, url="https://x.example/v5/models/m-hosted", with_account=True
    )
    assert view.config.empty and view.metadata is None
    assert "x-selected-account-id: $SGP_ACCOUNT_ID" in view.curl


def test_a_page_run_freezes_the_startup_heap_so_each_run_ends_with_a_cheap_collection() -> None:
    heap.freeze_startup_heap.cache_clear()  # an earlier page run of this process froze it
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    at = open_link("demo-gpt-4o")
    assert not at.exception
    assert gc.get_freeze_count() > 10_000  # Streamlit, pandas, pyarrow, pydantic, the app


def test_raw_response_and_curl_are_drawn_only_once_their_expander_is_opened(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/m-view").respond_with_json(HOSTILE)
    at = open_link("m-view")
    assert [e.label for e in at.expander] == ["Raw response and curl"]
    assert not at.json and all("curl" not in c.value for c in at.code)
    at.session_state[EXPANDER_KEY] = True  # what opening it in the browser does
    at.run()
    assert at.json[0].value and any("$SGP_API_KEY" in c.value for c in at.code)
    assert {b.label for b in at.get("download_button")} >= {"Download JSON"}

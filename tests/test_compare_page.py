"""AppTest of the compare page.

The pages run in-process (streamlit.testing.v1); the "API" is the built-in demo or a real
local HTTP server (pytest-httpserver) that the operator's Custom base URL points at.
"""

from __future__ import annotations

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from sgp.demo import FEATURED
from testkit.bodies import sample_body

KEY = "sk-test-compare-3b9d41c2"
DEMO = {m["id"]: m for m in FEATURED}


pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def open_compare(a: str, b: str) -> AppTest:
    return open_page("compare", a=a, b=b)


def infos(at: AppTest) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info]


# Compare ----------------------------------------------------------------------------------


def test_compare_link_in_the_demo_shows_the_sentence_and_only_the_differences() -> None:
    at = open_compare("demo-llama-2-7b-chat", "demo-mixtral-failed")
    assert not at.exception and not at.error[1:]
    assert any(
        text.startswith("B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10") for text in infos(at)
    )
    table = at.dataframe[0].value
    assert set(table["change"]) == {"changed", "removed"}
    row = table[table["field"] == "gpu_type"].iloc[0]
    assert (row["left"], row["right"]) == ("nvidia-ampere-a10", "nvidia-ampere-a100")
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any("Ready]" in b for b in badges) and any("Failed]" in b for b in badges)


def test_compare_switch_shows_all_fields_with_the_unchanged_ones_marked_same() -> None:
    at = open_compare("demo-llama-2-7b-chat", "demo-mixtral-failed")
    differing = len(at.dataframe[0].value)
    at.toggle(key="all").set_value(True).run()
    table = at.dataframe[0].value
    assert len(table) > differing
    assert "same" in set(table["change"])


def test_compare_across_vendors_in_the_demo_is_not_an_error() -> None:
    at = open_compare("demo-gpt-4o", "demo-launch-embeddings")
    assert not at.exception
    assert [e for e in at.error] == []
    assert any(
        t.startswith("A is hosted by OpenAI with no configuration; B runs on 1 x NVIDIA T4")
        for t in infos(at)
    )
    assert set(at.dataframe[0].value["change"]) == {"added"}
    assert {b.label for b in at.get("download_button")} >= {"Report (HTML)", "Report (Markdown)"}


def test_compare_across_vendors_fetches_each_model_once(operator_api: HTTPServer) -> None:
    launch = {**DEMO["demo-launch-embeddings"], "id": "m-launch"}
    operator_api.expect_request("/v5/models/m-llm").respond_with_json(sample_body("m-llm"))
    operator_api.expect_request("/v5/models/m-launch").respond_with_json(launch)
    at = open_compare("m-llm", "m-launch")
    assert not at.exception
    assert any(t.startswith("A is deployed with LLM Engine and B with Launch") for t in infos(at))
    at.toggle(key="all").set_value(True).run()
    assert sorted(r.path for r, _ in operator_api.log) == [
        "/v5/models/m-launch",
        "/v5/models/m-llm",
    ]


def test_compare_with_a_missing_model_shows_that_side_s_error_only(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/m-llm").respond_with_json(sample_body("m-llm"))
    operator_api.expect_request("/v5/models/nope").respond_with_json(
        {"detail": "Model not found"}, status=404
    )
    at = open_compare("m-llm", "nope")
    assert not at.exception
    assert [e.value for e in at.error if "No such model" in e.value]
    assert not at.dataframe  # nothing to compare with
    assert "Model m-llm" in [h.value.replace("\\", "") for h in at.header]


def test_compare_page_asks_for_two_ids_and_is_in_the_sidebar() -> None:
    at = open_page("compare")
    assert not at.exception
    assert any("Enter two model IDs" in c.value for c in at.caption)
    links = {link.proto.label: link.proto.page for link in at.sidebar.get("page_link")}
    assert links["Compare two models"] == "compare"

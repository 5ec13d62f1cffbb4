"""AppTest of the inspect page: the demo, shared links, every error message, no refetching.

The page runs in-process (streamlit.testing.v1); the "API" is a real local HTTP server
(pytest-httpserver) that the operator's Custom base URL points at.
"""

from __future__ import annotations

import json

import pytest
from apptest_pages import open_page
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Response

from components.cache import fair_use
from components.model.raw_response import EXPANDER_KEY as RAW_RESPONSE_OPEN
from sgp.demo import FEATURED
from testkit.bodies import minimal_body

KEY = "sk-test-8c1f7d2e9b3a4f60"
HEALTHY = minimal_body(
    "m-123",
    name="Support bot",
    vendor_configuration={"model": "llama-2-7b", "gpus": 1, "gpu_type": "nvidia-ampere-a10"},
    model_metadata={"team": "support"},
)


pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def open_inspect(model_id: str | None = None) -> AppTest:
    return open_page() if model_id is None else open_page(model_id=model_id)


def page_text(at: AppTest) -> str:
    parts = [
        str(el.value)
        for kind in ("markdown", "caption", "text", "code", "header", "subheader")
        for el in getattr(at, kind)
    ]
    parts += [str(el.value) for el in at.error] + [str(el.value) for el in at.warning]
    parts += [df.value.to_string() for df in at.dataframe]
    return "\n".join(parts)


def requests_for(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def test_app_starts_in_the_demo_without_any_configuration() -> None:
    at = open_inspect()
    assert not at.exception
    assert at.selectbox(key="env").value == "Demo"
    assert "built-in sample models" in page_text(at)
    assert [b.label for b in at.button if b.key and b.key.startswith("sample-")] == [
        m["name"] for m in FEATURED
    ]


@pytest.mark.parametrize(
    ("model_id", "badge", "summary"),
    [
        ("demo-llama-2-7b-chat", "Ready", "llama\\-2\\-7b\\-chat on vLLM · 1 x NVIDIA A10"),
        ("demo-launch-embeddings", "Deploying", "1 x NVIDIA T4 · 4 CPUs · 16Gi memory"),
        ("demo-mixtral-failed", "Failed", "2 x NVIDIA A100"),
        ("demo-codellama-timeout", "Deployment timed out", "4 x NVIDIA A100 80GB"),
        ("demo-gpt-4o", "Ready", "Hosted by OpenAI"),
        ("demo-next-gen", "Ready", None),
    ],
)
def test_each_demo_model_shows_badge_summary_configuration_and_metadata(
    model_id: str, badge: str, summary: str | None
) -> None:
    at = open_inspect(model_id)
    assert not at.exception
    text = page_text(at)
    sample = next(m for m in FEATURED if m["id"] == model_id)
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any(f"{badge}]" in b for b in badges), badges
    if summary:
        assert summary in text
    frames = {tuple(df.value.columns): df.value for df in at.dataframe}
    config = frames.get(("section", "field", "value", "default", "is_default", "finding"))
    if sample.get("vendor_configuration"):
        assert config is not None and len(config) > 0
    else:
        assert config is None
        assert "no vendor configuration" in text
    metadata = frames[("key", "value")]
    assert set(metadata["key"]) >= {k for k in sample["model_metadata"] if k != "eval"}


def test_model_newer_than_the_app_is_listed_not_rejected() -> None:
    at = open_inspect("demo-next-gen")
    text = page_text(at)
    assert "newer than this app" in text
    assert "nvidia_nim" in text and "deployment_region" in text and "degraded" in text


def test_shared_link_prefills_the_id_and_looks_it_up(operator_api: HTTPServer) -> None:
    operator_api.expect_request("/v5/models/m-123").respond_with_json(HEALTHY)
    at = open_inspect("m-123")
    assert at.text_input(key="model_id").value == "m-123"
    assert "Support bot" in page_text(at)
    assert requests_for(operator_api, "/v5/models/m-123") == 1


def test_sample_button_looks_up_that_model_in_the_demo() -> None:
    at = open_inspect()
    at.button(key="sample-demo-mixtral-failed").click().run()
    assert at.text_input(key="model_id").value == "demo-mixtral-failed"
    assert "out of memory" in page_text(at)


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (401, {"detail": "Invalid API key"}, "Your API key was not accepted"),
        (403, {"detail": "Forbidden"}, "Check the account ID"),
        (404, {"detail": "Model not found"}, "Check the ID, the account and the environment"),
        (
            422,
            {"detail": [{"loc": ["path", "model_id"], "msg": "bad id", "type": "value_error"}]},
            "rejected",
        ),
        (429, {"detail": "Slow down"}, "Wait a moment"),
        (500, {"detail": "boom"}, "The API is having trouble"),
    ],
)
def test_each_api_error_shows_a_plain_message_with_the_next_step(
    operator_api: HTTPServer, status: int, body: dict, message: str
) -> None:
    operator_api.expect_request("/v5/models/m-err").respond_with_response(
        Response(
            json.dumps(body),
            status=status,
            headers={"Retry-After": "0"},
            content_type="application/json",
        )
    )
    at = open_inspect("m-err")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert message in errors
    if status == 422:
        details = at.dataframe[0].value
        assert list(details["field"]) == ["path.model_id"] and list(details["problem"]) == [
            "bad id"
        ]


def test_refused_model_id_shows_a_message_and_sends_nothing(operator_api: HTTPServer) -> None:
    at = open_inspect("..")
    assert "can't be looked up" in " ".join(e.value for e in at.error)
    assert len(operator_api.log) == 0


def test_filtering_and_rerunning_make_no_new_request(operator_api: HTTPServer) -> None:
    operator_api.expect_request("/v5/models/m-123").respond_with_json(HEALTHY)
    at = open_inspect("m-123")
    at.text_input(key="config_filter").set_value("gpu").run()
    config = next(df.value for df in at.dataframe if "field" in df.value.columns)
    assert list(config["field"]) == ["gpus", "gpu_type"]
    at.run()
    at.text_input(key="config_filter").set_value("").run()
    assert requests_for(operator_api, "/v5/models/m-123") == 1


def test_refresh_fetches_again_exactly_once(
    operator_api: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    operator_api.expect_request("/v5/models/m-123").respond_with_json(HEALTHY)
    at = open_inspect("m-123")
    monkeypatch.setattr(fair_use, "MIN_REFRESH_S", 0.0)  # as if 2 s had passed
    at.button(key="refresh").click().run()
    assert requests_for(operator_api, "/v5/models/m-123") == 2
    at.run()
    assert requests_for(operator_api, "/v5/models/m-123") == 2


def test_key_typed_by_visitor_is_sent_but_never_shown(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", httpserver.url_for("/"))
    httpserver.expect_request("/v5/models/m-123", headers={"x-api-key": KEY}).respond_with_json(
        HEALTHY
    )
    at = open_inspect("m-123")
    assert "Paste your API key" in " ".join(w.value for w in at.warning)
    at.text_input(key="api_key").set_value(KEY).run()
    assert "Support bot" in page_text(at)
    assert KEY not in page_text(at)
    assert all(KEY not in str(v) for v in at.query_params.values())
    at.session_state[RAW_RESPONSE_OPEN] = True  # the curl line is drawn once it is opened
    at.run()
    curl = " ".join(c.value for c in at.code)
    assert "$SGP_API_KEY" in curl and KEY not in curl


def test_operator_key_is_used_and_the_sidebar_says_so_without_showing_it(
    operator_api: HTTPServer,
) -> None:
    at = open_inspect()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "configured by the operator" in captions
    assert KEY not in captions and at.text_input(key="api_key").value == ""


def test_custom_environment_is_offered_only_when_the_operator_sets_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    labels = open_inspect().selectbox(key="env").options
    assert labels[0].startswith("Demo") and not any("Custom" in label for label in labels)
    monkeypatch.setenv("SGP_CLIENT_BASE_URL", "https://sgp.example.internal")
    at = open_inspect()
    env = at.selectbox(key="env")
    assert env.value == "Custom" and env.options[0] == "Custom"
    assert "https://sgp.example.internal" in [t.value for t in at.sidebar.text]


def test_shared_link_can_pick_the_environment_by_its_name() -> None:
    at = open_page(env="Staging")
    assert at.selectbox(key="env").value == "Staging"
    assert "Paste your API key" not in page_text(at)  # no model ID yet: nothing to look up


def test_status_this_app_does_not_know_gets_a_grey_badge_and_the_raw_value(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/m-new").respond_with_json(
        HEALTHY | {"id": "m-new", "status": "hibernating"}
    )
    at = open_inspect("m-new")
    assert any(":gray-badge[" in m.value and "Unknown status" in m.value for m in at.markdown)
    assert "hibernating" in [t.value for t in at.text]


def test_model_made_at_an_extreme_but_valid_date_still_shows(operator_api: HTTPServer) -> None:
    operator_api.expect_request("/v5/models/m-old").respond_with_json(
        HEALTHY | {"id": "m-old", "created_at": "0001-01-01T00:00:00+05:00"}
    )
    at = open_inspect("m-old")
    assert not at.exception
    assert "Support bot" in page_text(at) and "Sorry" not in page_text(at)


def test_invalid_model_from_the_api_names_the_field_and_keeps_the_request_id(
    operator_api: HTTPServer,
) -> None:
    broken = {k: v for k, v in HEALTHY.items() if k != "status"} | {"id": "m-bad"}
    operator_api.expect_request("/v5/models/m-bad").respond_with_json(
        broken, headers={"x-request-id": "req-42"}
    )
    at = open_inspect("m-bad")
    assert "sent something unexpected" in " ".join(e.value for e in at.error)
    details = [t.value for t in at.text]
    assert any("status" in t for t in details) and "Request ID (for support): req-42" in details


def test_operator_key_never_goes_to_an_environment_a_link_picks(
    operator_api: HTTPServer,
) -> None:
    at = open_page(env="Staging", model_id="m-123")
    assert at.selectbox(key="env").value == "Staging"
    assert "Paste your API key" in " ".join(w.value for w in at.warning)
    assert "only for Custom" in " ".join(c.value for c in at.sidebar.caption)
    assert len(operator_api.log) == 0


def test_key_no_header_can_carry_says_so_instead_of_apologising(operator_api: HTTPServer) -> None:
    at = open_inspect("m-123")
    sent = len(operator_api.log)
    at.text_input(key="api_key").set_value("sk-“curly”-key").run()
    errors = " ".join(e.value for e in at.error)
    assert "Copy the API key again" in errors and "Sorry" not in errors
    assert len(operator_api.log) == sent


def test_availability_this_app_does_not_know_gets_a_fixed_badge_and_the_raw_text(
    operator_api: HTTPServer,
) -> None:
    operator_api.expect_request("/v5/models/m-new").respond_with_json(
        HEALTHY | {"id": "m-new", "model_availability": "![x](http://evil.example/p.png)"}
    )
    at = open_inspect("m-new")
    assert any(":gray-badge[Unknown availability]" in m.value for m in at.markdown)
    assert "![x](http://evil.example/p.png)" in [t.value for t in at.text]

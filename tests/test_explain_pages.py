"""AppTest of the explanations on the pages: the "Why it failed" box, the findings with their
fields tagged in the configuration table, the reserve line, the board's column and count,
Watch all, compare's sentence, and a hostile reason drawn inert.

Pages run in-process (streamlit.testing.v1) in the built-in demo or against a local fake API.
"""

from __future__ import annotations

import pytest
from apptest_pages import open_page, table
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from components.board.watch import BoardWatch
from sgp.api import InferenceModel, InternalServerError, RateLimitError, SGPError
from sgp.demo import FEATURED, FEATURED_IDS
from sgp.present import needs_attention
from sgp.team import OverBudgetError
from testkit.bodies import minimal_body

KEY = "sk-test-explain-0c4d8e21"
HOSTILE = (
    "OOMKilled ![pixel](http://127.0.0.1:9/pixel.png) <img src=x onerror=alert(1)> "
    "[click](javascript:alert(1)) <script>alert(1)</script> **bold** :red[red]"
)

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def inspect(model_id: str) -> AppTest:
    return open_page(model_id=model_id)


def drawn_markdown(at: AppTest) -> list[str]:
    """Every element that Streamlit renders as Markdown, as the script passed it."""
    kinds = ("markdown", "caption", "header", "subheader", "error", "warning", "info")
    return [str(el.value) for kind in kinds for el in getattr(at, kind)]


def text(at: AppTest) -> str:
    return "\n".join(drawn_markdown(at)).replace("\\", "").replace("**", "")


def config_tags(at: AppTest) -> dict[str, list[str]]:
    frame = next(df.value for df in at.dataframe if "finding" in df.value.columns)
    return {field: list(tags) for field, tags in zip(frame["field"], frame["finding"], strict=True)}


def test_unschedulable_model_explains_each_cause_beside_the_verbatim_reason() -> None:
    at = inspect("demo-llama-3-70b-unschedulable")
    assert not at.exception
    shown = text(at)
    assert "Why it failed" in shown
    assert "No free GPU: No machine has enough free GPUs of this type right now." in shown
    assert "No machine of that GPU type: No machine carries the requested GPU type." in shown
    assert "Next step: Wait for capacity, use fewer GPUs or another GPU type." in shown
    assert "Who acts: whoever deployed the model" in shown
    # The platform's own words stay, in their own box.
    assert "8 node(s) didn't match Pod's node affinity/selector" in at.error[0].value.replace(
        "\\", ""
    )


def test_seventy_b_on_one_a10_shows_the_finding_tags_its_fields_and_the_reserve() -> None:
    at = inspect("demo-llama-2-70b-one-a10")
    assert not at.exception
    shown = text(at)
    assert "Findings" in [s.value for s in at.subheader]
    assert "GPU memory too small" in shown
    assert "needs at least 156 GB of GPU memory; 1 x NVIDIA A10 has 24 GB" in shown
    assert "The configuration explains it" in shown
    assert "Keeps no GPU running when idle, up to 1 x NVIDIA A10 at peak" in shown
    tags = config_tags(at)
    assert tags["gpus"] == tags["gpu_type"] == tags["model"] == ["problem"]
    assert tags["memory"] == tags["storage"] == []


def test_healthy_model_has_no_box_and_no_finding() -> None:
    at = inspect("demo-llama-2-7b-chat")
    assert not at.exception
    shown = text(at)
    assert "Why it failed" not in shown and "Problem" not in shown
    assert "No findings" in shown
    assert all(tags == [] for tags in config_tags(at).values())


def test_ready_but_unavailable_model_says_why_it_is_not_answering() -> None:
    shown = text(inspect("demo-gemma-loading"))
    assert "Why it is not answering" in shown
    assert "The model is still loading, or stuck while loading." in shown


def test_unknown_reason_is_called_not_a_known_cause() -> None:
    shown = text(inspect("demo-codellama-timeout"))
    assert "Not a cause this app knows" in shown
    assert "builder stops after 30 minutes" in shown


@pytest.mark.parametrize("status", ["failed", "ready"])
def test_hostile_reason_renders_inert_in_the_box_and_the_header(
    operator_api: HTTPServer, status: str
) -> None:
    config = {"model": "llama-2-7b", "gpus": 1, "gpu_type": "nvidia-ampere-a10", "memory": "8Gi"}
    operator_api.expect_request("/v5/models/m-hostile").respond_with_json(
        minimal_body(
            "m-hostile",
            name="<img src=x onerror=alert(2)> ![n](http://127.0.0.1:9/n.png)",
            status=status,
            model_availability="unavailable",
            status_reason=HOSTILE,
            vendor_configuration=config,
        )
    )
    at = inspect("m-hostile")
    assert not at.exception
    markdown = drawn_markdown(at)
    assert "Out of memory (RAM)" in text(at)
    assert "img src" in at.header[0].value  # the hostile name is shown, escaped
    for element in markdown:
        assert "![" not in element and "](" not in element
        assert "<img" not in element and "<script" not in element
        assert "**bold**" not in element and ":red[red]" not in element


def test_board_shows_the_cause_or_top_finding_and_counts_models_with_problems() -> None:
    at = open_page("board", ids=",".join(FEATURED_IDS))
    assert not at.exception
    rows = table(at).set_index("ID")
    assert rows.loc["demo-llama-3-70b-unschedulable", "Why"] == "No free GPU (+1)"
    assert rows.loc["demo-reranker-image-pull", "Why"] == "Image cannot be downloaded"
    assert rows.loc["demo-mistral-scale-from-zero", "Why"] == (
        "Warning: Scale from zero goes to 1 only"
    )
    assert rows.loc["demo-llama-2-7b-chat", "Why"] == ""
    troubled = sum(needs_attention(InferenceModel.model_validate(m)) for m in FEATURED)
    assert troubled >= 6
    assert f"{troubled} models with problems" in text(at)


def test_watch_all_runs_only_while_a_model_on_the_board_is_deploying() -> None:
    at = open_page("board", ids="demo-live-rollout,demo-llama-2-7b-chat")
    at.toggle(key="board_watch").set_value(True).run()
    assert not at.exception
    assert "Watching: checking the deploying models" in text(at)
    assert table(at).set_index("ID").loc["demo-live-rollout", "Status"] == ["Deploying"]

    at = open_page("board", ids="demo-llama-2-7b-chat")
    at.toggle(key="board_watch").set_value(True).run()
    assert "Not watching: no model on the board is deploying." in text(at)


def test_compare_names_the_problem_only_one_side_has() -> None:
    at = open_page("compare", a="demo-llama-2-7b-chat", b="demo-llama-2-70b-one-a10")
    assert not at.exception
    sentences = [i.value.replace("\\", "") for i in at.info]
    assert any("Only B has a configuration problem: GPU memory too small." in s for s in sentences)
    shown = text(at)
    assert "No findings" in shown and "GPU memory too small" in shown


@pytest.mark.parametrize(
    ("error", "wait_s"),
    [
        (RateLimitError("slow down", retry_after="30"), 30.0),
        (RateLimitError("slow down"), 20.0),
        (InternalServerError("boom"), 20.0),
        (OverBudgetError(wait_s=45, per_minute=60), 45.0),
    ],
)
def test_watch_all_backs_off_after_a_failed_check(error: SGPError, wait_s: float) -> None:
    state = BoardWatch()
    state.failed([error], every=10.0, now=100.0)
    assert (state.wait_s, state.next_check_at) == (wait_s, 100.0 + wait_s)
    assert state.problem == error.title
    state.succeeded()
    assert state.next_check_at == 0.0 and state.problem is None

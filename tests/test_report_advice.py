"""Reports carry the explanation, the findings and the reserve line, escaped like the rest."""

from __future__ import annotations

import datetime as dt

from sgp.api import InferenceModel
from sgp.demo import FEATURED
from sgp.present import (
    compare_report_html,
    compare_report_markdown,
    model_report_html,
    model_report_markdown,
)
from testkit.bodies import minimal_body

WHEN = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
DEMO = {m["id"]: InferenceModel.model_validate(m) for m in FEATURED}


def test_model_report_explains_the_failure_lists_findings_and_the_reserve() -> None:
    model = DEMO["demo-llama-2-13b-oom"]
    markdown = model_report_markdown(model, environment_label="Demo", generated_at=WHEN)
    html = model_report_html(model, environment_label="Demo", generated_at=WHEN)
    assert "## Why it failed" in markdown and "## Findings" in markdown
    assert "Out of memory \\(RAM\\)" in markdown
    assert "The configuration explains it\\: memory is 12Gi" in markdown
    assert "**What it holds in reserve:** Keeps 1 x NVIDIA A100 running at all times" in markdown
    assert "<h2>Why it failed</h2>" in html and "<h2>Findings</h2>" in html
    assert "Warning: Little memory for the GPUs." in html


def test_healthy_model_report_has_no_explanation_and_says_no_findings() -> None:
    markdown = model_report_markdown(
        DEMO["demo-llama-2-7b-chat"], environment_label="Demo", generated_at=WHEN
    )
    assert "Why it failed" not in markdown
    assert "No findings" in markdown


def test_compare_report_gives_each_side_its_findings_and_names_the_difference() -> None:
    left, right = DEMO["demo-llama-2-7b-chat"], DEMO["demo-llama-2-70b-one-a10"]
    html = compare_report_html(left, right, environment_label="Demo", generated_at=WHEN)
    markdown = compare_report_markdown(left, right, environment_label="Demo", generated_at=WHEN)
    assert html.count("<h3>Findings</h3>") == 2
    assert "Only B has a configuration problem: GPU memory too small." in html
    assert "### Why it failed" in markdown


def test_api_text_inside_findings_is_escaped_in_both_reports() -> None:
    evil = "<script>alert(1)</script> ![x](http://127.0.0.1:9/p.png)"
    model = InferenceModel.model_validate(
        minimal_body(
            "m-evil",
            vendor_configuration={
                "model": f"{evil} llama-2-70b",
                "gpus": 1,
                "gpu_type": "nvidia-ampere-a10",
            },
        )
    )
    html = model_report_html(model, environment_label="Demo", generated_at=WHEN)
    markdown = model_report_markdown(model, environment_label="Demo", generated_at=WHEN)
    assert "GPU memory too small" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "![x]" not in markdown and "<script>" not in markdown

"""sgp.present.report: reports a non-engineer can read, where no API value can run or link."""

from __future__ import annotations

import copy
import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from sgp.api import InferenceModel, parse_model
from sgp.demo import SAMPLE_MODELS
from sgp.present import (
    compare_report_html,
    compare_report_markdown,
    md_escape,
    model_report_html,
    model_report_markdown,
)

DEMO = {m["id"]: m for m in SAMPLE_MODELS}
WHEN = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
ENV = "Production"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
IMAGE_MD = "![x](http://evil/x.png)"
HOSTILE = [SCRIPT, IMG, LINK, IMAGE_MD]


def hostile_model() -> InferenceModel:
    body: dict[str, Any] = copy.deepcopy(DEMO["demo-mixtral-failed"])
    body["name"] = f"Bot {SCRIPT}"
    body["id"] = "m-hostile"
    body["status_reason"] = f"{IMG} then {LINK}"
    body["created_by_user_id"] = IMAGE_MD
    body["vendor_configuration"]["model"] = LINK
    body["vendor_configuration"]["labels"] = {SCRIPT: IMAGE_MD, "note": IMG}
    return parse_model(body)


def demo(model_id: str) -> InferenceModel:
    return parse_model(copy.deepcopy(DEMO[model_id]))


def all_reports() -> dict[str, str]:
    bad, good = hostile_model(), demo("demo-llama-2-7b-chat")
    options = {"environment_label": f"Custom {SCRIPT}", "generated_at": WHEN}
    return {
        "model.html": model_report_html(bad, **options),  # type: ignore[arg-type]
        "model.md": model_report_markdown(bad, **options),  # type: ignore[arg-type]
        "compare.html": compare_report_html(bad, good, all_rows=True, **options),  # type: ignore[arg-type]
        "compare.md": compare_report_markdown(good, bad, all_rows=True, **options),  # type: ignore[arg-type]
    }


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


@pytest.mark.parametrize("name", ["model.html", "compare.html"])
def test_html_report_escapes_every_hostile_value(name: str) -> None:
    text = all_reports()[name]
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    parser = _Tags()
    parser.feed(text)
    assert set(parser.tags) <= {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "span", "dl",
        "dt", "dd", "b", "table", "thead", "tbody", "tr", "th", "td", "div", "section", "h3",
        "ul", "li",
    }  # fmt: skip
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert not any(name in ("src", "href") for name, _ in parser.attrs)


def test_html_report_loads_nothing_and_forbids_loading_by_policy() -> None:
    text = model_report_html(demo("demo-llama-2-7b-chat"), environment_label=ENV, generated_at=WHEN)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"(src|href)\s*=|url\(|@import", text, re.IGNORECASE)


@pytest.mark.parametrize("name", ["model.md", "compare.md"])
def test_markdown_report_escapes_every_hostile_value(name: str) -> None:
    text = all_reports()[name]
    assert "<script" not in text and "<img" not in text
    assert "](" not in text  # neither a link nor an image can form
    assert "![" not in text
    assert "javascript\\:alert" in text  # the text is still there, shown literally


def test_markdown_escaping_keeps_table_cells_and_lines_intact() -> None:
    assert md_escape("a|b\nc", one_line=True) == "a\\|b c"
    assert md_escape("x & <y>", one_line=True) == "x &amp; &lt;y&gt;"
    assert md_escape(LINK, one_line=True) == "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"


@pytest.mark.parametrize("name", ["model.html", "model.md"])
def test_model_report_answers_a_non_engineers_questions(name: str) -> None:
    model = demo("demo-mixtral-failed")
    build = model_report_html if name.endswith("html") else model_report_markdown
    text = build(model, environment_label=ENV, generated_at=WHEN)
    plain = text.replace("\\", "")
    assert "Failed: the deployment did not succeed" in plain  # whether it works
    assert "out of memory" in plain  # why not
    assert "2 x NVIDIA A100" in plain  # what it runs on
    assert "user_7f3c2a91" in plain  # who made it
    assert "20 Nov 2026 at 09:03 UTC" in plain  # when
    assert "Environment: Production" in plain
    assert "27 Nov 2026 at 09:30 UTC" in plain  # the time of the report
    assert "mixtral-8x7b-instruct" in plain and "gpu_type" in plain  # the configuration


def test_compare_report_has_the_sentence_both_models_and_the_differences() -> None:
    left, right = demo("demo-llama-2-7b-chat"), demo("demo-mixtral-failed")
    text = compare_report_markdown(left, right, environment_label=ENV, generated_at=WHEN)
    plain = text.replace("\\", "")
    assert "B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10" in plain
    assert "## A: Llama 2 7B Chat (support bot)" in plain
    assert "## B: Mixtral 8x7B Instruct (eval)" in plain
    assert "| gpu_type | nvidia-ampere-a10 | nvidia-ampere-a100 | changed |" in plain
    assert "| source |" not in plain  # unchanged rows only with all_rows
    full = compare_report_markdown(
        left, right, environment_label=ENV, generated_at=WHEN, all_rows=True
    )
    assert "| source | hugging_face | hugging_face | same |" in full.replace("\\", "")


def test_a_hosted_model_report_says_it_has_no_configuration() -> None:
    text = model_report_html(demo("demo-gpt-4o"), environment_label=ENV, generated_at=WHEN)
    assert "Hosted by OpenAI: no deployment configuration." in text
    assert "This model has no deployment configuration." in text


def test_report_of_a_model_made_at_an_extreme_but_valid_date_is_still_written() -> None:
    model = parse_model(DEMO["demo-llama-2-7b-chat"] | {"created_at": "0001-01-01T00:00+05:00"})
    when = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    html_report = model_report_html(model, environment_label="Demo", generated_at=when)
    assert "0001-01-01" in html_report
    markdown = model_report_markdown(model, environment_label="Demo", generated_at=when)
    assert "0001\\-01\\-01" in markdown

"""The HTML reports read well with a screen reader and on paper: language, title, one h1,
table headers tied to their cells, and a print style sheet (black on white, no cut tables).

The same reports are also checked with axe-core in a real browser (tests/e2e/test_a11y_report.py).
"""

from __future__ import annotations

import copy
import datetime as dt
from html.parser import HTMLParser

import pytest

from sgp.api import InferenceModel, parse_model
from sgp.demo import SAMPLE_MODELS
from sgp.present import compare_report_html, model_report_html

DEMO = {m["id"]: m for m in SAMPLE_MODELS}
WHEN = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def demo(model_id: str) -> InferenceModel:
    return parse_model(copy.deepcopy(DEMO[model_id]))


def reports() -> dict[str, str]:
    llama, mixtral = demo("demo-llama-2-7b-chat"), demo("demo-mixtral-failed")
    options = {"environment_label": "Demo", "generated_at": WHEN}
    return {
        "model": model_report_html(mixtral, **options),  # type: ignore[arg-type]
        "compare": compare_report_html(llama, mixtral, all_rows=True, **options),  # type: ignore[arg-type]
    }


class _Outline(HTMLParser):
    """The tags that matter to assistive technology, with their attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: dict[str, str] = {}
        self.row_cells: list[list[tuple[str, dict[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        self.stack.append(tag)
        if tag == "tr":
            self.row_cells.append([])
        elif tag in ("th", "td"):
            self.row_cells[-1].append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.text[self.stack[-1]] = self.text.get(self.stack[-1], "") + data

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.starts if tag == name]


def outline(text: str) -> _Outline:
    parser = _Outline()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("name", ["model", "compare"])
def test_report_has_a_language_a_title_and_one_main_heading(name: str) -> None:
    page = outline(reports()[name])
    assert page.tags("html") == [{"lang": "en"}]
    assert len(page.tags("h1")) == 1
    assert page.text["title"] == page.text["h1"]
    assert page.text["title"].startswith("Model report: " if name == "model" else "Comparison: ")
    assert len(page.tags("main")) == 1


@pytest.mark.parametrize("name", ["model", "compare"])
def test_report_table_headers_are_tied_to_their_cells(name: str) -> None:
    page = outline(reports()[name])
    header, *rows = page.row_cells
    assert header and all(tag == "th" and attrs["scope"] == "col" for tag, attrs in header)
    assert rows, "the demo models have configuration rows"
    for row in rows:
        # Each row is named by its field: a row header, then data cells under the columns.
        assert row[0] == ("th", {"scope": "row"})
        assert [tag for tag, _ in row[1:]] == ["td"] * (len(header) - 1)


@pytest.mark.parametrize("name", ["model", "compare"])
def test_report_prints_black_on_white_with_no_table_row_cut_across_pages(name: str) -> None:
    text = reports()[name]
    printed = text[text.index("@media print") :]
    assert "color: #000 !important; background: #fff !important" in printed
    assert "thead { display: table-header-group; }" in printed  # headers repeat on each page
    assert "tr, dt, dd, h2 { break-inside: avoid; }" in printed

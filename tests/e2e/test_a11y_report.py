"""The downloadable HTML reports, opened as files in Chromium: WCAG 2.1 A and AA (axe-core)
on screen in either colour scheme, and black on white when printed.

The files are the ones the Report (HTML) buttons hand out, built by the same functions.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from e2e_axe import axe_violations, report
from playwright.sync_api import Page, expect

from sgp.api import parse_model
from sgp.demo import SAMPLE_MODELS
from sgp.present import compare_report_html, model_report_html

pytestmark = pytest.mark.e2e

DEMO = {m["id"]: parse_model(copy.deepcopy(m)) for m in SAMPLE_MODELS}
WHEN = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
BLACK, WHITE = "rgb(0, 0, 0)", "rgb(255, 255, 255)"
# Every element's text colour and background when printed, except transparent backgrounds.
_COLOURS_JS = """() => [...document.querySelectorAll("body, body *")].map(e => {
  const style = getComputedStyle(e);
  return [e.tagName, style.color, style.backgroundColor];
})"""


def write_reports(into: Path) -> dict[str, Path]:
    llama, mixtral = DEMO["demo-llama-2-7b-chat"], DEMO["demo-mixtral-failed"]
    texts = {
        "model report": model_report_html(mixtral, environment_label="Demo", generated_at=WHEN),
        "compare report": compare_report_html(
            llama, mixtral, environment_label="Demo", generated_at=WHEN, all_rows=True
        ),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = into / f"{name.replace(' ', '-')}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_html_reports_opened_as_files_meet_wcag_21_aa_and_print_black_on_white(
    page: Page, tmp_path: Path
) -> None:
    found = {}
    for name, path in write_reports(tmp_path).items():
        page.goto(path.as_uri())
        expect(page.locator("h1")).to_have_count(1)
        for scheme in ("light", "dark"):
            page.emulate_media(media="screen", color_scheme=scheme)
            found[f"{name}, {scheme} scheme"] = axe_violations(page)
        page.emulate_media(media="print")
        found[f"{name}, printed"] = axe_violations(page)
        for tag, colour, background in page.evaluate(_COLOURS_JS):
            assert colour == BLACK, f"{name}: a {tag} prints in {colour}"
            assert background in (WHITE, "rgba(0, 0, 0, 0)"), (
                f"{name}: a {tag} prints on {background}"
            )
    bad = {state: violations for state, violations in found.items() if violations}
    assert not bad, "axe found WCAG 2.1 A/AA violations:\n" + report(bad)

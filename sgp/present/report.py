"""Shareable reports of one model or of two compared: a self-contained HTML page and Markdown.

Written for a non-engineer: what the model is, whether it is working, what it runs on, who
made it and when, the environment and the time of the report, then the configuration.
Every value from the API is untrusted: the HTML escapes each one with `html.escape` and
loads nothing (inline CSS only, no scripts, a Content-Security-Policy that forbids all
else); the Markdown escapes every punctuation character, so no link, image or HTML can
form from the data. Neither ever contains the API key: reports are built from the model.
"""

from __future__ import annotations

import datetime as dt
import html

from sgp.api import InferenceModel
from sgp.present.compare import SAME, config_diff, difference_sentence
from sgp.present.describe import (
    availability_name,
    identity_name,
    model_type_name,
    vendor_name,
)
from sgp.present.export import display_value
from sgp.present.hardware import hardware_summary
from sgp.present.markdown import md_line
from sgp.present.report_advice import advice_html, advice_markdown
from sgp.present.rules.reserve import reserve
from sgp.present.tables import vendor_config_table
from sgp.present.words import status_info

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta { color: #59636e; font-size: .9rem; }
.status { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; font-weight: 600;
  background: #eef1f4; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d1d9e0; padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f6f8fa; }
.columns { display: flex; gap: 2rem; flex-wrap: wrap; } .columns > section { flex: 1 1 20rem; }
@media print {
  * { color: #000 !important; background: #fff !important; box-shadow: none !important; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  th, td, .status { border: 1px solid #000 !important; }
  thead { display: table-header-group; } tr, dt, dd, h2 { break-inside: avoid; }
  h2 { break-after: avoid; } .columns { display: block; }
}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _h(value: object) -> str:
    return html.escape(str(value), quote=True)


def _when(moment: dt.datetime) -> str:
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:  # a valid but extreme date such as 0001-01-01T00:00+05:00
        return moment.isoformat()
    return moment.strftime("%d %b %Y at %H:%M UTC")


def facts(model: InferenceModel) -> list[tuple[str, str]]:
    """(question, plain answer) pairs about a model, in reading order; answers hold API text."""
    info = status_info(model.status)
    working = info.sentence if info.known else f"{info.sentence} Status: {model.status}."
    if model.status_reason:
        working += f" Reason given by the platform: {model.status_reason}"
    kind = model_type_name(model.model_type).lower()
    held = reserve(model)
    return [
        ("What it is", f"{model.name}: a {kind} model from {vendor_name(model.model_vendor)}."),
        ("Model ID", model.id),
        ("Is it working", working),
        ("Availability", availability_name(model.model_availability)),
        ("What it runs on", hardware_summary(model) or "Not stated."),
        *([("What it holds in reserve", held.sentence)] if held else []),
        (
            "Made",
            f"{_when(model.created_at)} by {model.created_by_user_id} "
            f"({identity_name(model.created_by_identity_type)}).",
        ),
    ]


def _config_rows(model: InferenceModel) -> list[list[str]]:
    frame = vendor_config_table(model)
    return [
        [display_value(r.field), display_value(r.value), "yes" if r.is_default else ""]
        for r in frame.itertuples()
    ]


def _diff_rows(left: InferenceModel, right: InferenceModel, *, all_rows: bool) -> list[list[str]]:
    diff = config_diff(left, right)
    if not all_rows:
        diff = diff[diff["change"] != SAME]
    return [[display_value(v) for v in row] for row in diff.itertuples(index=False)]


# HTML ---------------------------------------------------------------------------------


def _html_table(header: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p>{_h(empty)}</p>"
    head = "".join(f"<th scope='col'>{_h(c)}</th>" for c in header)
    # The first cell names its row (a field), so it is the row's header for screen readers.
    body = "".join(
        f"<tr><th scope='row'>{_h(row[0])}</th>"
        + "".join(f"<td>{_h(c)}</td>" for c in row[1:])
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_facts(model: InferenceModel, *, level: int = 2) -> str:
    info = status_info(model.status)
    items = "".join(f"<dt><b>{_h(q)}</b></dt><dd>{_h(a)}</dd>" for q, a in facts(model))
    advice = advice_html(model, level=level)
    return f'<p><span class="status">{_h(info.label)}</span></p><dl>{items}</dl>{advice}'


def _html_page(title: str, meta: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_h(title)}</title><style>{CSS}</style></head><body>"
        f"<main><h1>{_h(title)}</h1><p class='meta'>{_h(meta)}</p>{body}</main></body></html>\n"
    )


def _meta(environment_label: str, generated_at: dt.datetime) -> str:
    return f"Environment: {environment_label} · Report made {_when(generated_at)}"


def model_report_html(
    model: InferenceModel, *, environment_label: str, generated_at: dt.datetime
) -> str:
    """A self-contained HTML page about one model; every value escaped."""
    body = (
        _html_facts(model)
        + "<h2>Configuration</h2>"
        + _html_table(
            ["Field", "Value", "Is the default"],
            _config_rows(model),
            "This model has no deployment configuration.",
        )
    )
    return _html_page(f"Model report: {model.name}", _meta(environment_label, generated_at), body)


def compare_report_html(
    left: InferenceModel,
    right: InferenceModel,
    *,
    environment_label: str,
    generated_at: dt.datetime,
    all_rows: bool = False,
) -> str:
    """A self-contained HTML page comparing two models (A left, B right); every value escaped."""
    sides = "".join(
        f"<section><h2>{_h(tag)}: {_h(m.name)}</h2>{_html_facts(m, level=3)}</section>"
        for tag, m in (("A", left), ("B", right))
    )
    body = (
        f"<h2>In one sentence</h2><p>{_h(difference_sentence(left, right))}</p>"
        f"<div class='columns'>{sides}</div><h2>Configuration differences</h2>"
        + _html_table(
            ["Field", "A", "B", "Change"],
            _diff_rows(left, right, all_rows=all_rows),
            "No differences in the configuration.",
        )
    )
    title = f"Comparison: {left.name} and {right.name}"
    return _html_page(title, _meta(environment_label, generated_at), body)


# Markdown ------------------------------------------------------------------------------


def _md_table(header: list[str], rows: list[list[str]], empty: str) -> list[str]:
    if not rows:
        return [empty, ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_line(c) or " " for c in row) + " |" for row in rows]
    return [*lines, ""]


def _md_facts(model: InferenceModel, *, level: int = 2) -> list[str]:
    lines = [f"- **{q}:** {md_line(a)}" for q, a in facts(model)] + [""]
    return lines + advice_markdown(model, level=level)


def model_report_markdown(
    model: InferenceModel, *, environment_label: str, generated_at: dt.datetime
) -> str:
    """A Markdown report about one model; every API value escaped."""
    lines = [
        f"# Model report: {md_line(model.name)}",
        "",
        f"_{md_line(_meta(environment_label, generated_at))}_",
        "",
        *_md_facts(model),
        "## Configuration",
        "",
        *_md_table(
            ["Field", "Value", "Is the default"],
            _config_rows(model),
            "This model has no deployment configuration.",
        ),
    ]
    return "\n".join(lines)


def compare_report_markdown(
    left: InferenceModel,
    right: InferenceModel,
    *,
    environment_label: str,
    generated_at: dt.datetime,
    all_rows: bool = False,
) -> str:
    """A Markdown report comparing two models (A left, B right); every API value escaped."""
    lines: list[str] = [
        f"# Comparison: {md_line(left.name)} and {md_line(right.name)}",
        "",
        f"_{md_line(_meta(environment_label, generated_at))}_",
        "",
        md_line(difference_sentence(left, right)),
        "",
    ]
    for tag, model in (("A", left), ("B", right)):
        lines += [f"## {tag}: {md_line(model.name)}", "", *_md_facts(model, level=3)]
    lines += [
        "## Configuration differences",
        "",
        *_md_table(
            ["Field", "A", "B", "Change"],
            _diff_rows(left, right, all_rows=all_rows),
            "No differences in the configuration.",
        ),
    ]
    return "\n".join(lines)

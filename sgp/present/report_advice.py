"""The explanation and the findings of one model, as sections of the HTML and Markdown reports.

Plain text first (`advice_sections`), then rendered: every line holds API values (a reason
is quoted elsewhere; a model name or memory size appears here), so the HTML escapes each
line with `html.escape` and the Markdown with `md_escape`, like the rest of the report.
"""

from __future__ import annotations

import html

from sgp.api import InferenceModel
from sgp.present.causes import explain
from sgp.present.findings import findings
from sgp.present.markdown import md_escape

NO_FINDINGS = "No findings: the configuration breaks none of the engine's rules this app checks."


def advice_sections(model: InferenceModel) -> list[tuple[str, list[str]]]:
    """(heading, plain lines) for "Why it failed" (failing models) and "Findings"."""
    sections: list[tuple[str, list[str]]] = []
    why = explain(model)
    if why is not None:
        lines = [why.headline]
        for found in why.causes:
            cause = found.cause
            line = (
                f"{cause.title}: {cause.plain} Next step: {cause.next_step} Who acts: {cause.who}."
            )
            if found.note:
                line += f" The configuration explains it: {found.note}"
            lines.append(line)
        if why.context:
            lines.append(why.context)
        sections.append(("Why it failed", lines))
    if model.vendor_configuration is not None:
        listed = findings(model)
        lines = [
            f"{f.severity.capitalize()}: {f.title}. {f.sentence} Fields: {', '.join(f.fields)}. "
            f"Rule: {f.source}"
            for f in listed
        ]
        sections.append(("Findings", lines or [NO_FINDINGS]))
    return sections


def advice_html(model: InferenceModel, *, level: int) -> str:
    parts = []
    for heading, lines in advice_sections(model):
        items = "".join(f"<li>{html.escape(line, quote=True)}</li>" for line in lines)
        parts.append(f"<h{level}>{html.escape(heading)}</h{level}><ul>{items}</ul>")
    return "".join(parts)


def advice_markdown(model: InferenceModel, *, level: int) -> list[str]:
    lines: list[str] = []
    for heading, items in advice_sections(model):
        lines += [f"{'#' * level} {heading}", ""]
        lines += [f"- {md_escape(item, one_line=True)}" for item in items] + [""]
    return lines

"""The explanation, the findings and the reserve of one model, worded and escaped for drawing.

Built once per lookup as part of the model's view (`sgp.present.view`). Fields ending in
`_md` are escaped with `md_escape` (they hold values from the API: a model name, a memory
size) and safe in any Markdown-rendering element; `reason` is the platform's own text, for
plain-text elements only (st.code, st.text). `short` and the severities are this app's
own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgp.api import InferenceModel
from sgp.present.markdown import md_escape
from sgp.present.rules.causes import explain
from sgp.present.rules.configuration import Finding, field_severity, findings
from sgp.present.rules.reserve import reserve


def _md(text: str) -> str:
    return md_escape(text, one_line=True)


@dataclass(frozen=True)
class CauseView:
    title_md: str
    plain_md: str
    next_step_md: str
    who_md: str
    note_md: str | None  # how the configuration explains the cause, naming the field
    fields: tuple[str, ...]


@dataclass(frozen=True)
class WhyView:
    """Why a failing model fails: headline, each known cause, context, the verbatim reason."""

    headline_md: str
    short: str
    causes: tuple[CauseView, ...]
    context_md: str | None
    reason: str | None  # the API's text: plain-text elements only
    known: bool


@dataclass(frozen=True)
class FindingView:
    severity: str
    title: str
    sentence_md: str
    fields_md: str
    source_md: str
    fields: tuple[str, ...]


def why_view(model: InferenceModel) -> WhyView | None:
    """The explanation of a failing model, ready to draw; None when it is not failing."""
    why = explain(model)
    if why is None:
        return None
    causes = tuple(
        CauseView(
            title_md=_md(found.cause.title),
            plain_md=_md(found.cause.plain),
            next_step_md=_md(found.cause.next_step),
            who_md=_md(found.cause.who),
            note_md=_md(found.note) if found.note else None,
            fields=found.fields,
        )
        for found in why.causes
    )
    return WhyView(
        headline_md=_md(why.headline),
        short=why.short,
        causes=causes,
        context_md=_md(why.context) if why.context else None,
        reason=why.reason,
        known=why.known,
    )


def finding_view(finding: Finding) -> FindingView:
    return FindingView(
        severity=finding.severity,
        title=finding.title,
        sentence_md=_md(finding.sentence),
        fields_md=", ".join(f"`{field}`" for field in finding.fields),
        source_md=_md(finding.source),
        fields=finding.fields,
    )


def findings_view(model: InferenceModel) -> tuple[FindingView, ...]:
    return tuple(finding_view(finding) for finding in findings(model))


def reserve_md(model: InferenceModel) -> str | None:
    held = reserve(model)
    return _md(held.sentence) if held else None


def finding_tags(model: InferenceModel, fields: list[str]) -> list[list[str]]:
    """Per configuration field, its worst finding's severity as a one-tag list (or none)."""
    worst = field_severity(findings(model))
    return [[worst[field]] if field in worst else [] for field in fields]

"""The explanation, the findings and the reserve of one model, worded and escaped for drawing.

Built once per lookup as part of the model's view (`sgp.present.view`). Fields ending in
`_md` are escaped with `md_escape` (they hold values from the API: a model name, a memory
size) and safe in any Markdown-rendering element. The sentences about each cause are worded
once (`cause_words`), for the page and the reports alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgp.api import InferenceModel
from sgp.present.markdown import md_line
from sgp.present.rules.causes import Explanation, explain
from sgp.present.rules.configuration import Finding, field_severity, findings
from sgp.present.rules.reserve import reserve


@dataclass(frozen=True)
class CauseWords:
    """The finished sentences about one cause, in plain text."""

    title: str
    plain: str | None  # None when the headline already says it (a single cause)
    next_step: str  # "Next step: ... Who acts: ...", who only when the headline does not say
    note: str | None  # how the configuration explains the cause, naming the field


def cause_words(why: Explanation) -> tuple[CauseWords, ...]:
    """Each cause worded once, for the page and the reports: with one cause, the headline
    already holds its plain words and who acts, so they are not repeated."""
    several = len(why.causes) > 1
    return tuple(
        CauseWords(
            title=found.cause.title,
            plain=found.cause.plain if several else None,
            next_step=f"Next step: {found.cause.next_step}"
            + (f" Who acts: {found.cause.who}." if several else ""),
            note=f"The configuration explains it: {found.note}" if found.note else None,
        )
        for found in why.causes
    )


@dataclass(frozen=True)
class CauseView:
    title_md: str
    plain_md: str | None
    next_step_md: str
    note_md: str | None


@dataclass(frozen=True)
class WhyView:
    """Why a failing model fails: headline, each known cause and context. The platform's
    verbatim reason is the header's (`HeaderView.reason_md`)."""

    headline_md: str
    causes: tuple[CauseView, ...]
    context_md: str | None


@dataclass(frozen=True)
class FindingView:
    severity: str
    title_md: str
    sentence_md: str
    detail_md: str  # the fields it is about and the rule it comes from (`finding_detail`)


def why_view(model: InferenceModel) -> WhyView | None:
    """The explanation of a failing model, ready to draw; None when it is not failing."""
    why = explain(model)
    if why is None:
        return None
    causes = tuple(
        CauseView(
            title_md=md_line(words.title),
            plain_md=md_line(words.plain) if words.plain else None,
            next_step_md=md_line(words.next_step),
            note_md=md_line(words.note) if words.note else None,
        )
        for words in cause_words(why)
    )
    return WhyView(
        headline_md=md_line(why.headline),
        causes=causes,
        context_md=md_line(why.context) if why.context else None,
    )


def finding_detail(finding: Finding) -> str:
    """The fields a finding is about and the rule it comes from, for the page and the reports."""
    return f"Fields: {', '.join(finding.fields)}. Rule: {finding.source}"


def finding_view(finding: Finding) -> FindingView:
    return FindingView(
        severity=finding.severity,
        title_md=md_line(finding.title),
        sentence_md=md_line(finding.sentence),
        detail_md=md_line(finding_detail(finding)),
    )


def findings_view(model: InferenceModel) -> tuple[FindingView, ...]:
    return tuple(finding_view(finding) for finding in findings(model))


def reserve_md(model: InferenceModel) -> str | None:
    held = reserve(model)
    return md_line(held.sentence) if held else None


def finding_tags(model: InferenceModel, fields: list[str]) -> list[list[str]]:
    """Per configuration field, its worst finding's severity as a one-tag list (or none)."""
    worst = field_severity(findings(model))
    return [[worst[field]] if field in worst else [] for field in fields]

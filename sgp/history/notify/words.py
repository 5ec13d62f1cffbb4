"""A notification's words: what changed, why, since when, and where to look, in plain text.

The cause is explained as the inspect page explains it (`sgp.present.explain`, from the
stored status, availability, reason and configuration), with the platform's reason
verbatim. Times are in SGP_NOTIFY_TZ with the zone named. The message is plain text and is
sent as text: Apprise escapes it for a Markdown or HTML channel. Text from the API (a
model's name, ID and reason) is made inert on top of that for channels that read plain
text for mentions or links: one line, control characters gone, a word joiner after `@`
and after a URL's scheme (`@channel`, `http://...` stay words), capped in length.
Titles are fixed words only. Nothing here sees the API key or a channel URL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from sgp.api import InferenceModel
from sgp.history.notify.decide import FAILING, RECOVERED, ROLLOUT, Decision
from sgp.present import explain
from sgp.present.markdown import break_autolinks
from sgp.present.words import status_info

MAX_TEXT = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
TITLES = {FAILING: "Model failing", RECOVERED: "Model working again", ROLLOUT: "Rollout finished"}


def inert(text: object, limit: int = MAX_TEXT) -> str:
    """Untrusted text as one inert line: no controls, no mention, no autolink, capped."""
    line = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return break_autolinks(line)


def when(moment: dt.datetime, tz: ZoneInfo) -> str:
    """`3 Dec 2026 14:03 CET (Europe/Berlin)`; UTC is named once."""
    local = moment.astimezone(tz)
    abbreviation = local.tzname() or tz.key
    zone = abbreviation if abbreviation == tz.key else f"{abbreviation} ({tz.key})"
    return f"{local.day} {local:%b %Y %H:%M} {zone}"


def duration(delta: dt.timedelta) -> str:
    """`45 s`, `12 min`, `2 h 5 min`, `3 d 4 h`."""
    seconds = max(0, round(delta.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def model_name(decision: Decision, configuration: Mapping[str, Any] | None) -> str:
    name = (configuration or {}).get("name")
    return inert(name, 200) if isinstance(name, str) and name.strip() else inert(decision.model_id)


def summary(decision: Decision, configuration: Mapping[str, Any] | None) -> str:
    """One line for the page's list of announcements (fixed words and inert text)."""
    if decision.transition == FAILING:
        explanation = explain(_model(decision, configuration))
        cause = explanation.short if explanation else status_info(decision.state.status).label
        return f"Started failing: {inert(cause, 120)}"
    lasted = decision.lasted
    took = f" after {duration(lasted)}" if lasted is not None else ""
    if decision.transition == RECOVERED:
        return f"Working again{took} down"
    return f"Rollout finished{took.replace(' after', ' in')}"


def section(
    decision: Decision,
    configuration: Mapping[str, Any] | None,
    environment: str,
    tz: ZoneInfo,
    link: str | None,
) -> str:
    """One model's part of a message."""
    name = model_name(decision, configuration)
    state = decision.state
    lines: list[str] = []
    if decision.transition == FAILING:
        lines.append(f"{name} is failing ({inert(environment, 100)})")
        lines.append(f"Status: {_status_words(state.status, state.availability)}")
        lines += _cause_lines(decision, configuration)
        lines.append(f"Since: {when(decision.changed_at, tz)}")
    elif decision.transition == RECOVERED:
        lines.append(f"{name} is working again ({inert(environment, 100)})")
        lines.append(f"Status: {_status_words(state.status, state.availability)}")
        if decision.since is not None and decision.lasted is not None:
            lines.append(f"Down for: {duration(decision.lasted)}, since {when(decision.since, tz)}")
        lines.append(f"Working again since: {when(decision.changed_at, tz)}")
    else:
        lines.append(f"{name} finished deploying ({inert(environment, 100)})")
        lines.append(f"Status: {_status_words(state.status, state.availability)}")
        if decision.since is not None and decision.lasted is not None:
            took, started = duration(decision.lasted), when(decision.since, tz)
            lines.append(f"The rollout took {took} (deploying since {started})")
        lines.append(f"Ready since: {when(decision.changed_at, tz)}")
    lines.append(f"Model ID: {inert(decision.model_id)}")
    if link:
        lines.append(f"Open: {link}")
    return "\n".join(lines)


def message(sections: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(title, body) of one message from (transition, section) pairs, in order."""
    if len(sections) == 1:
        transition, text = sections[0]
        return TITLES[transition], text
    title = f"{len(sections)} followed models changed"
    intro = f"{len(sections)} followed models changed in one round:"
    return title, "\n\n".join([intro, *(text for _, text in sections)])


def _status_words(status: str, availability: str | None) -> str:
    if status == "ready" and availability == "unavailable":
        return "Ready but unavailable: the model is deployed but not answering requests."
    info = status_info(status)
    return info.sentence if info.known else f"{info.sentence} (status: {inert(status, 100)})"


def _cause_lines(decision: Decision, configuration: Mapping[str, Any] | None) -> list[str]:
    explanation = explain(_model(decision, configuration))
    if explanation is None:
        return []
    lines = [f"Why: {explanation.headline}"]
    for found in explanation.causes[1:]:
        lines.append(f"Also: {found.cause.plain}")
    for found in explanation.causes:
        if found.note:
            lines.append(f"In its configuration: {inert(found.note)}")
    if explanation.context:
        lines.append(explanation.context)
    if explanation.reason:
        lines.append(f"The platform's reason, as sent: {inert(explanation.reason)}")
    return lines


def _model(decision: Decision, configuration: Mapping[str, Any] | None) -> InferenceModel:
    """The stored facts as the API's model, so that the page's explanation applies."""
    state = decision.state
    facts: dict[str, Any] = {
        "id": decision.model_id,
        "name": decision.model_id,
        "model_type": "generic",
        "model_vendor": "unknown",
        "created_at": "1970-01-01T00:00:00Z",
        "created_by_user_id": "",
        "created_by_identity_type": "user",
    }
    known = {k: v for k, v in (configuration or {}).items() if v is not None}
    situation = {
        "status": state.status,
        "status_reason": state.reason,
        "model_availability": state.availability,
    }
    try:
        return InferenceModel.model_validate({**facts, **known, **situation})
    except ValidationError:  # a configuration this version cannot read: the reason alone
        return InferenceModel.model_validate({**facts, **situation})

"""What a finding about a model's configuration is: its severity, the fields it is about,
one plain sentence and the rule it comes from."""

from __future__ import annotations

from dataclasses import dataclass

PROBLEM, WARNING, NOTE = "problem", "warning", "note"
SEVERITIES = (PROBLEM, WARNING, NOTE)
ENGINE = "LLM Engine (model-engine)"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str  # a few words, for a table cell
    fields: tuple[str, ...]
    sentence: str
    source: str

"""Comparing two models: a field-by-field difference table and one plain sentence about it.

`config_diff` joins the flat vendor configuration tables of both sides on the field path;
`difference_sentence` names, for a non-engineer, the differences that matter (hardware,
workers, model, inference framework, memory, CPUs) from B's point of view, in the words
of `sgp.present.hardware` (the inspect page's summary uses the same). A value the API did
not send is "not stated", never zero or none. A different vendor or no configuration on
one side is described, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from sgp.api import InferenceModel
from sgp.present.describe import vendor_name
from sgp.present.hardware import Hardware, hardware_of
from sgp.present.rules.configuration import problem_difference
from sgp.present.tables import same_value, vendor_config_table
from sgp.present.words import counted, join_and

DIFF_COLUMNS = ["field", "left", "right", "change"]
ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"
IDENTICAL = "The two configurations are identical."
MAX_NAMED_FIELDS = 3


def config_diff(left: InferenceModel, right: InferenceModel) -> pd.DataFrame:
    """One row per configuration field of either side: its two values and how it changed.

    `added` is only on the right (B), `removed` only on the left (A). Rows keep A's order,
    then B's new fields in B's order.
    """
    a, b = (_by_field(m) for m in (left, right))
    rows = []
    for field in list(a) + [f for f in b if f not in a]:
        in_a, in_b = field in a, field in b
        va, vb = (a[field] if in_a else None), (b[field] if in_b else None)
        if in_a and in_b:
            change = SAME if same_value(va, vb) else CHANGED
        else:
            change = REMOVED if in_a else ADDED
        rows.append({"field": field, "left": va, "right": vb, "change": change})
    return pd.DataFrame(rows, columns=DIFF_COLUMNS, dtype=object)


def _by_field(model: InferenceModel) -> dict[str, Any]:
    """Values by dotted path; a path that occurs twice (a key "a.b" beside {"a": {"b"}})
    gets a " #2" suffix, so that no value is lost or merged with another."""
    values: dict[str, Any] = {}
    for field, value in vendor_config_table(model)[["field", "value"]].itertuples(index=False):
        name, n = field, 1
        while name in values:
            n += 1
            name = f"{field} #{n}"
        values[name] = value
    return values


@dataclass(frozen=True)
class _Profile:
    """One side: who hosts it and, for Launch and LLM Engine, what it runs on."""

    kind: str  # "llmengine", "launch", "other" or "none"
    vendor: str
    hardware: Hardware | None = None


def _profile(model: InferenceModel) -> _Profile:
    vendor = vendor_name(model.model_vendor)
    hardware = hardware_of(model)
    if hardware is not None:
        return _Profile(hardware.kind, vendor, hardware)
    return _Profile("none" if model.vendor_configuration is None else "other", vendor)


def _versus(a: str | None, b: str | None, verb: str, noun: str) -> str:
    """B's value against A's; a side the API said nothing about is "not stated", not none."""
    if a is not None and b is not None:
        return f"{verb} {b} instead of {a}"
    if b is not None:
        return f"{verb} {b} (A does not state its {noun})"
    return f"does not state its {noun} (A {verb} {a})"


def _clauses(a: Hardware, b: Hardware) -> list[str]:
    """B's side of each difference that matters, as clauses of one sentence."""
    clauses = []
    if a.gpus != b.gpus:
        clauses.append(_versus(a.gpus, b.gpus, "runs on", "GPUs"))
    if a.serves != b.serves:
        clauses.append(f"serves {b.serves} instead of {a.serves}")
    if a.framework != b.framework and a.framework and b.framework:
        clauses.append(f"uses {b.framework} instead of {a.framework}")
    if a.max_workers != b.max_workers:
        clauses.append(f"scales to {counted(b.max_workers, 'worker')} instead of {a.max_workers}")
    if a.min_workers != b.min_workers:
        clauses.append(
            f"keeps at least {counted(b.min_workers, 'worker')} running instead of {a.min_workers}"
        )
    if a.memory != b.memory:
        clauses.append(_versus(a.memory, b.memory, "has", "memory"))
    if a.cpus != b.cpus:
        clauses.append(_versus(a.cpus, b.cpus, "has", "CPUs"))
    return clauses


def _side(profile: _Profile) -> str:
    """One side described on its own, for when the other side has nothing to compare with."""
    if profile.kind == "none":
        return f"is hosted by {profile.vendor} with no configuration"
    hardware = profile.hardware
    if hardware is None:
        return f"has a configuration of a kind this app does not know (vendor {profile.vendor})"
    parts = [f"runs on {hardware.gpus}"] if hardware.gpus else []
    parts.append(f"serves {hardware.serves}")
    head = ", ".join(parts)
    return f"{head} and scales to {counted(hardware.max_workers, 'worker')}"


def _minor(diff: pd.DataFrame) -> str:
    changed = diff[diff["change"] != SAME]["field"].tolist()
    named = ", ".join(str(f) for f in changed[:MAX_NAMED_FIELDS])
    more = len(changed) - MAX_NAMED_FIELDS
    if more > 0:
        named += f" and {counted(more, 'other')}"
    return f"The configurations differ only in {counted(len(changed), 'detail')}: {named}."


def difference_sentence(
    left: InferenceModel, right: InferenceModel, diff: pd.DataFrame | None = None
) -> str:
    """One plain sentence naming the differences that matter, from B's point of view, then
    the configuration problems that one side has and the other not. `diff` is their
    `config_diff` when the caller already has it."""
    if diff is None:
        diff = config_diff(left, right)
    return f"{_differences(left, right, diff)} {problem_difference(left, right)}".strip()


def _differences(left: InferenceModel, right: InferenceModel, diff: pd.DataFrame) -> str:
    a, b = _profile(left), _profile(right)
    if a.hardware is None or b.hardware is None:  # a side hosted, or of an unknown kind
        if a.kind == b.kind == "none":
            if a.vendor == b.vendor:
                return f"Neither has a configuration: both are hosted by {a.vendor}."
            return f"Neither has a configuration: A is hosted by {a.vendor}, B by {b.vendor}."
        if a.kind == b.kind == "other" and a.vendor == b.vendor:
            return IDENTICAL if (diff["change"] == SAME).all() else _minor(diff)
        return f"A {_side(a)}; B {_side(b)}."
    prefix = ""
    if a.kind != b.kind:
        prefix = f"A is deployed with {a.vendor} and B with {b.vendor}. "
    clauses = _clauses(a.hardware, b.hardware)
    if clauses:
        return prefix + "B " + join_and(clauses) + "."
    if (diff["change"] == SAME).all():
        return prefix.strip() or IDENTICAL
    return prefix + _minor(diff)

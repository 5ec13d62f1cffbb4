"""A model's changes as CSV: the file `python -m sgp.history changes MODEL_ID` prints and the
inspect page offers for download, one pure function of the changes (no database, no clock).

Header `changed_at,from_status,to_status,lasted_s,reason`: UTC ISO 8601 times, the API's
status values as sent, whole seconds the earlier status had lasted (empty when unknown, as
for the first sighting), the new status's reason byte for byte. Oldest first. A cell that a
spreadsheet would run as a formula is prefixed with "'" (these files are opened in Excel).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from sgp.history.states import Change

HEADER = ("changed_at", "from_status", "to_status", "lasted_s", "reason")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _utc(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _cell(text: str | None) -> str:
    text = text or ""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def changes_csv(changes: Sequence[Change]) -> str:
    """The CSV text of `changes` (oldest first), with its header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for change in changes:
        lasted = "" if change.lasted_s is None else str(round(change.lasted_s))
        writer.writerow(
            (
                _utc(change.changed_at),
                _cell(change.from_status),
                _cell(change.to_status),
                lasted,
                _cell(change.after.reason),
            )
        )
    return out.getvalue()

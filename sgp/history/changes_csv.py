"""A model's changes as a CSV file: the command line's output and the page's download.

The header is exactly `changed_at,from_status,to_status,lasted_s,reason`, one row per
change, oldest first: UTC times in ISO 8601 (`2026-12-03T10:15:00Z`), the API's status
values as sent (`from_status` blank at the first sighting), the seconds the earlier status
had lasted (blank when unknown) and the new status's reason. Every text comes from the API
and is untrusted: the csv module quotes commas, quotes and line breaks so each value stays
one field, and a value that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return, also after leading blanks) gets a leading `'`
(OWASP's advice on CSV injection), so it shows as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from sgp.history.states import Change

HEADER = ("changed_at", "from_status", "to_status", "lasted_s", "reason")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def changes_csv(changes: Iterable[Change]) -> str:
    """The CSV text (RFC 4180 line ends) of these changes, sorted oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for change in sorted(changes, key=lambda c: c.changed_at):
        writer.writerow(
            (
                utc_iso(change.changed_at),
                inert(change.from_status),
                inert(change.to_status),
                seconds(change.lasted_s),
                inert(change.after.reason),
            )
        )
    return out.getvalue()


def utc_iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def seconds(value: float | None) -> str:
    """Whole seconds stay whole; otherwise up to milliseconds; blank when unknown."""
    if value is None:
        return ""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def inert(value: str | None) -> str:
    """The value as text a spreadsheet never evaluates (blank for None)."""
    if not value:
        return ""
    if value.lstrip(" \n").startswith(FORMULA_STARTS):
        return "'" + value
    return value

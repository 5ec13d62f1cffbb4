"""What a user takes away from a lookup: CSV and JSON downloads and a "copy as curl" line.

None of these ever contains the API key: the curl line names `$SGP_API_KEY` (and
`$SGP_ACCOUNT_ID`) instead. CSV cells that a spreadsheet would run as a formula are
neutralised, since these files are shared with people who open them in Excel.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def display_value(value: Any) -> str:
    """A value as one line of plain text: JSON for lists and objects, as-is for strings."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def _cell(value: Any) -> Any:
    text = display_value(value) if isinstance(value, list | dict) else value
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def to_csv(frame: pd.DataFrame) -> str:
    """CSV of a table, with lists and objects as JSON and formula-like cells neutralised."""
    return frame.map(_cell).to_csv(index=False)


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def curl_command(url: str, *, with_account: bool) -> str:
    """A curl line that repeats a lookup, reading the key from the environment."""
    lines = ["curl -sS", '  -H "x-api-key: $SGP_API_KEY"']
    if with_account:
        lines.append('  -H "x-selected-account-id: $SGP_ACCOUNT_ID"')
    lines.append(f"  {shlex.quote(url)}")
    return " \\\n".join(lines)


def file_stem(model_id: str) -> str:
    """A safe file name part from an ID: letters, digits, dot, dash and underscore only."""
    stem = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in model_id)
    return stem.strip("._")[:80] or "model"

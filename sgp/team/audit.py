"""The audit trail: one JSON line per API request made on a person's behalf, and per sign-in.

Lines go through Python logging to the logger `sgp_inspector.audit` (level INFO), which
writes them to standard output as they are, one JSON object per line; an operator may
attach other handlers to that logger. Fields: `time` (UTC, ISO 8601), `event`
(`api_request`, `sign_in`, `sign_out`, `sign_in_refused`), `who` (the signed-in email, else
`anonymous-<id>` for a browser session), and for requests `page`, `environment`,
`account`, `model_id` or `filters`, `outcome` (the HTTP status, the error's class when
there was no answer, or `over_budget` when the person's budget refused it before sending),
`request_id` (the API's), `duration_ms` and `key` (`operator` or `own`). Never the key, nor
any fingerprint of a person's own key.

One event is one line, whatever a visitor typed: the JSON is ASCII (`ensure_ascii`, so a
U+2028 or a right-to-left override arrives escaped, never raw), and every text in it is
cut at MAX_FIELD_CHARS with CUT_MARK after it (measured before: one 5 MB Browse filter
wrote a 5 MB line).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

AUDIT_LOGGER = "sgp_inspector.audit"
MAX_FIELD_CHARS = 512
CUT_MARK = "...[cut]"

audit_log = logging.getLogger(AUDIT_LOGGER)


class _JsonLineHandler(logging.StreamHandler):
    """Writes each record's message (already one JSON object) on its own line to stdout."""

    def __init__(self) -> None:
        super().__init__(sys.stdout)
        self.setFormatter(logging.Formatter("%(message)s"))


def _ensure_handler() -> None:
    if not any(isinstance(h, _JsonLineHandler) for h in audit_log.handlers):
        audit_log.addHandler(_JsonLineHandler())
        audit_log.setLevel(logging.INFO)
        audit_log.propagate = False  # not again through Streamlit's or the root's handlers


def capped(value: Any) -> Any:
    """The value with every text in it (keys too) cut at MAX_FIELD_CHARS, marked as cut."""
    if isinstance(value, dict):
        return {capped(str(k)): capped(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [capped(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= MAX_FIELD_CHARS else text[:MAX_FIELD_CHARS] + CUT_MARK


def audit(event: str, who: str, **fields: Any) -> dict[str, Any]:
    """Write one audit line and return what was written."""
    _ensure_handler()
    line = capped(
        {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "event": event,
            "who": who,
            **fields,
        }
    )
    audit_log.info(json.dumps(line, ensure_ascii=True))
    return line

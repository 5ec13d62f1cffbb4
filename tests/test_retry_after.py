"""One reading of Retry-After (`sgp.api.retry_after_seconds`), with one cap, shared by the
client's retries and the watch (through `SGPError.retry_after_s`)."""

from __future__ import annotations

import datetime as dt

import pytest

from sgp.api import RETRY_AFTER_MAX, RateLimitError, retry_after_seconds
from sgp.api.retry import build_retry

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30),
        (" 7 ", 7),
        ("1.5", 1.5),
        ("0", 0),
        ("-1", 0),  # "now", not a negative wait
        ("99999", RETRY_AFTER_MAX),
        ("Fri, 27 Nov 2026 09:00:45 GMT", 45),
        ("Fri, 27 Nov 2026 08:00:00 GMT", 0),  # a date in the past: now
        ("Sat, 28 Nov 2026 09:00:00 GMT", RETRY_AFTER_MAX),
        ("soon", None),
        ("inf", None),
        ("nan", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date_and_capped(value, seconds) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_the_client_waits_what_the_shared_reading_says() -> None:
    retry = build_retry(2)
    for value in ("30", "1.5", "-1", "99999", "soon"):
        # 0 sends urllib3 to its exponential backoff instead of a Retry-After wait.
        assert retry.parse_retry_after(value) == (retry_after_seconds(value) or 0)
    assert retry.parse_retry_after("99999") == RETRY_AFTER_MAX == 60


def test_a_429_carries_the_shared_reading_for_the_watch() -> None:
    for value in ("30", "99999", "soon", None):
        assert RateLimitError("429", retry_after=value).retry_after_s == retry_after_seconds(value)

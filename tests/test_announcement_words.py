"""The Announcements table's words (`sgp.present.announcements`): each channel's fate in
plain words and the viewer's time zone, channels named by kind, never by fingerprint."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sgp.history.notify.read import Announcement, Delivery
from sgp.present.announcements import NO_CHANNEL, announcements_view, delivery_words

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 12, 3, 13, 0, tzinfo=dt.UTC)  # 14:00 CET


def delivery(
    kind: str = "Slack",
    fp: str = "aaaaaa",
    *,
    state: str = "pending",
    attempts: int = 0,
    error: str | None = None,
    next_in_min: float | None = 5,
) -> Delivery:
    return Delivery(
        channel_kind=kind,
        channel_label=f"{kind} {fp}",
        delivered=state == "sent",
        given_up=state == "gave_up",
        attempts=attempts,
        last_error=error,
        last_attempt_at=NOW if attempts else None,
        sent_at=NOW - dt.timedelta(minutes=2) if state == "sent" else None,
        next_attempt_at=None if next_in_min is None else NOW + dt.timedelta(minutes=next_in_min),
    )


def announced(summary: str, minutes_ago: int, *deliveries: Delivery) -> Announcement:
    at = NOW - dt.timedelta(minutes=minutes_ago)
    return Announcement("m-1", "failing", at, at, summary, deliveries)


def test_each_channels_fate_reads_as_plain_words_in_the_viewers_zone() -> None:
    def words(d: Delivery) -> str:
        return delivery_words(d, NOW, BERLIN)

    sent = delivery(state="sent", attempts=3, next_in_min=None)
    assert words(sent) == "Delivered 3 Dec 13:58 CET (after 3 attempts)"
    assert (
        words(delivery(state="sent", attempts=1, next_in_min=None)) == "Delivered 3 Dec 13:58 CET"
    )
    assert words(delivery(attempts=1, next_in_min=2)) == (
        "Retrying: 1 attempt failed; next attempt 3 Dec 14:02 CET"
    )
    assert words(delivery(attempts=4, next_in_min=-1)) == (
        "Retrying: 4 attempts failed; next attempt due now"
    )
    assert words(delivery(next_in_min=0)) == "Waiting to be sent"
    assert words(delivery(state="gave_up", attempts=9, next_in_min=None)) == (
        "Given up after 9 attempts"
    )
    assert words(delivery(state="gave_up", next_in_min=None)) == "Given up: never sent"


def test_channels_are_named_by_kind_and_numbered_only_when_a_kind_has_several() -> None:
    older = announced(
        "Started failing: No free GPU",
        30,
        delivery("Slack", "bbbbbb", state="sent", attempts=1),
        delivery(
            "Slack", "cccccc", attempts=2, error="The channel refused the message (HTTP 500)."
        ),
        delivery("JSON webhook", "dddddd", state="sent", attempts=1),
    )
    newer = announced("Working again after 12 min down", 5, delivery("Slack", "cccccc"))
    view = announcements_view([newer, older], NOW, BERLIN)
    table = view.table
    assert view.count == 2 and not view.empty and view.zone_name == "Europe/Berlin"
    assert table["Channel"].tolist() == ["Slack 2", "Slack 1", "Slack 2", "JSON webhook"]
    assert table["Announced"].tolist()[:2] == [
        "Working again after 12 min down",
        "Started failing: No free GPU",
    ]
    assert table["When"].iloc[0] == "3 Dec 2026, 13:55 CET"
    assert table["Last error"].tolist() == [
        "",
        "",
        "The channel refused the message (HTTP 500).",
        "",
    ]
    shown = table.to_csv()
    assert not any(fp in shown for fp in ("bbbbbb", "cccccc", "dddddd"))


def test_no_announcements_is_an_empty_view_and_one_without_channels_says_so() -> None:
    assert announcements_view([], NOW, BERLIN).empty
    view = announcements_view([announced("Started failing: Failed", 1)], NOW, BERLIN)
    assert view.table["Delivery"].tolist() == [NO_CHANNEL]

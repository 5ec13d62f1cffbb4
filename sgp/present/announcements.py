"""The Announcements part of a followed model's History section: what the recorder announced
about the model, and whether each channel got it.

Pure: the announcements as `sgp.history.notify.read` returns them (newest first), the clock
and the viewer's time zone in; a table of plain text out, one row per announcement and
channel. A channel is named by its kind ("Slack", "JSON webhook") and, when two channels
of one kind appear, a number by first appearance ("Slack 2"): never its URL, never its
fingerprint. The summary was made inert when it was written but holds the API's text in
part (a cause), so it stays plain text for a table cell; errors are the notifier's own
plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa

from sgp.history.notify.read import Announcement, Delivery
from sgp.present.history_words import local_text

COLUMNS = ["When", "Announced", "Channel", "Delivery", "Last error"]
NONE_YET = (
    "No announcements yet: the recorder announces when this model starts failing "
    "and when it works again."
)
NO_CHANNEL = "Not sent: no channel was configured"


@dataclass(frozen=True)
class AnnouncementsView:
    """What the Announcements part draws, for one viewer, now."""

    table: pd.DataFrame  # COLUMNS, newest first; plain text cells
    arrow: pa.Table  # the same, ready to draw (arrow conversion done once)
    count: int  # announcements (a table row is one announcement on one channel)
    zone_name: str

    @property
    def empty(self) -> bool:
        return self.count == 0


def attempts_text(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


def delivery_words(delivery: Delivery, now: dt.datetime, zone: ZoneInfo) -> str:
    """'Delivered 3 Dec 14:05 CET', 'Retrying: 2 attempts failed; next attempt 3 Dec 14:09
    CET', 'Waiting to be sent', 'Given up after 9 attempts'."""
    if delivery.delivered:
        sent = f" {local_text(delivery.sent_at, zone)}" if delivery.sent_at else ""
        tries = f" (after {attempts_text(delivery.attempts)})" if delivery.attempts > 1 else ""
        return f"Delivered{sent}{tries}"
    if delivery.given_up:
        if delivery.attempts == 0:
            return "Given up: never sent"
        return f"Given up after {attempts_text(delivery.attempts)}"
    if delivery.attempts == 0:  # new, or behind this channel's earlier messages (in order)
        return "Waiting to be sent"
    state = f"Retrying: {attempts_text(delivery.attempts)} failed"
    following = delivery.next_attempt_at
    if following is None:
        return state
    if following <= now:  # the recorder tries it at its next round
        return f"{state}; next attempt due now"
    return f"{state}; next attempt {local_text(following, zone)}"


def channel_names(found: Sequence[Announcement]) -> dict[str, str]:
    """Each channel's name for the page, by its label (which is never shown): the kind,
    numbered by first appearance (oldest announcement first) when a kind has several."""
    kinds: dict[str, list[str]] = {}
    for announcement in reversed(found):
        for delivery in announcement.deliveries:
            seen = kinds.setdefault(delivery.channel_kind, [])
            if delivery.channel_label not in seen:
                seen.append(delivery.channel_label)
    names: dict[str, str] = {}
    for kind, labels in kinds.items():
        for number, label in enumerate(labels, start=1):
            names[label] = kind if len(labels) == 1 else f"{kind} {number}"
    return names


def announcements_view(
    found: Sequence[Announcement], now: dt.datetime, zone: ZoneInfo
) -> AnnouncementsView:
    """The Announcements table of a model's last announcements (newest first)."""
    names = channel_names(found)
    rows = []
    for announcement in found:
        head = {
            "When": local_text(announcement.decided_at, zone, year=True),
            "Announced": announcement.summary,
        }
        if not announcement.deliveries:
            rows.append({**head, "Channel": "", "Delivery": NO_CHANNEL, "Last error": ""})
        for delivery in announcement.deliveries:
            rows.append(
                {
                    **head,
                    "Channel": names[delivery.channel_label],
                    "Delivery": delivery_words(delivery, now, zone),
                    "Last error": "" if delivery.delivered else (delivery.last_error or ""),
                }
            )
    table = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    return AnnouncementsView(
        table=table,
        arrow=pa.Table.from_pandas(table, preserve_index=False),
        count=len(found),
        zone_name=zone.key,
    )

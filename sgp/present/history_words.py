"""The small words of the history: times in the viewer's zone, lengths of time, shares, and
a period's state label. Plain text; callers escape what holds API values (a status this
app does not know is the API's text)."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from sgp.history.states import State
from sgp.present.words import status_label

WINDOWS: dict[str, dt.timedelta] = {
    "24 h": dt.timedelta(hours=24),
    "7 d": dt.timedelta(days=7),
    "30 d": dt.timedelta(days=30),
}
NOT_OBSERVED = "Not observed"


def zone_of(name: str | None) -> ZoneInfo:
    """The viewer's zone by its IANA name (as the browser sent it), else UTC."""
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return ZoneInfo("UTC")


def local_text(when: dt.datetime, zone: ZoneInfo, *, year: bool = False) -> str:
    """'2 Dec 14:03 CET' (with the year: '2 Dec 2026, 14:03 CET') in the viewer's zone."""
    try:
        moment = when.astimezone(zone)
    except OverflowError:  # an extreme date such as 0001-01-01T00:00+05:00
        moment = when
    text = f"{moment.day} {moment:%b}" + (f" {moment:%Y}," if year else "")
    return f"{text} {moment:%H:%M %Z}"


def duration(seconds: float) -> str:
    """'3 d 4 h', '2 h 5 min', '12 min', '40 s': the two coarsest units that fit."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def percent(fraction: float) -> str:
    """'99.2%', '100%'; never rounded up to 100% when a moment was missing."""
    value = math.floor(fraction * 1000) / 10
    return f"{value:.1f}".removesuffix(".0") + "%"


def state_label(state: State | None) -> str:
    if state is None:
        return NOT_OBSERVED
    label = status_label(state.status)
    if state.status == "ready" and state.availability == "unavailable":
        return f"{label}, unavailable"
    return label

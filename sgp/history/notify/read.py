"""What the page shows of a model's notifications: the last announcements and their fate.

`last_announcements(store, model_id)` returns, newest first, each announcement's time, its
words, and per channel: the kind (never the URL), whether it was delivered, the attempts
and the last error in plain words. Summaries were made inert when written; they are still
text from the API in part, so a page shows them with st.text or escapes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sgp.history.notify.tables import GAVE_UP, SENT, announcements, deliveries
from sgp.history.store import Store


@dataclass(frozen=True)
class Delivery:
    channel_kind: str  # "Slack", "JSON webhook", ...
    channel_label: str  # the kind and the first characters of the URL's fingerprint
    delivered: bool
    given_up: bool
    attempts: int
    last_error: str | None  # plain words
    last_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    next_attempt_at: dt.datetime | None  # None once delivered or given up


@dataclass(frozen=True)
class Announcement:
    model_id: str
    transition: str  # "failing", "recovered" or "rollout"
    changed_at: dt.datetime  # when the announced status began
    decided_at: dt.datetime  # when the recorder found it had held
    summary: str
    deliveries: tuple[Delivery, ...]

    @property
    def delivered(self) -> bool:
        return bool(self.deliveries) and all(d.delivered for d in self.deliveries)


def last_announcements(store: Store, model_id: str, limit: int = 10) -> list[Announcement]:
    latest = (
        sa.select(announcements)
        .where(announcements.c.model_id == model_id)
        .order_by(announcements.c.changed_at.desc(), announcements.c.id.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        found = conn.execute(latest).all()
        ids = [row.id for row in found]
        rows = conn.execute(
            sa.select(deliveries)
            .where(deliveries.c.announcement_id.in_(ids))
            .order_by(deliveries.c.id)
        ).all()
    by_announcement: dict[int, list[Delivery]] = {}
    for row in rows:
        by_announcement.setdefault(row.announcement_id, []).append(_delivery(row))
    return [
        Announcement(
            model_id=row.model_id,
            transition=row.transition,
            changed_at=row.changed_at,
            decided_at=row.decided_at,
            summary=row.summary,
            deliveries=tuple(by_announcement.get(row.id, ())),
        )
        for row in found
    ]


def _delivery(row: sa.Row[Any]) -> Delivery:
    done = row.state in (SENT, GAVE_UP)
    return Delivery(
        channel_kind=row.channel_kind,
        channel_label=f"{row.channel_kind} {row.channel[:6]}",
        delivered=row.state == SENT,
        given_up=row.state == GAVE_UP,
        attempts=int(row.attempts),
        last_error=row.last_error,
        last_attempt_at=row.last_attempt_at,
        sent_at=row.sent_at,
        next_attempt_at=None if done else row.next_attempt_at,
    )

"""The outbox: announcements written down before they are sent, and who sends which, once.

`write` records a round's decisions and one delivery row per (announcement, channel) in one
transaction; UNIQUE(model_id, transition, changed_at) and UNIQUE(announcement_id, channel)
with ON CONFLICT DO NOTHING make a second recorder deciding the same change add nothing.

Each channel's rows go out in order (by id), one message per `message_key` (a round's
changes together). `claim` takes the channel's oldest pending message when it is due, in a
write transaction serialised per channel (`pg_advisory_xact_lock` on PostgreSQL, `BEGIN
IMMEDIATE` on SQLite): it marks the rows claimed_by this sender until `claim_expires`, so a
second sender skips them. `finish` records the attempt: sent only when the channel
accepted; otherwise the next attempt after a growing back-off (30 s, 2 min, 8 min, 32 min,
then hourly) until `retry_h` hours after the row was written, then given up. A sender that
dies holding a claim leaves it to expire: another sender then sends the message again (the
one case in which a channel may see a message twice: it may have accepted it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from sgp.history import db
from sgp.history.notify.decide import Last
from sgp.history.notify.tables import GAVE_UP, PENDING, SENT, announcements, deliveries

FIRST_RETRY = dt.timedelta(seconds=30)
MAX_RETRY = dt.timedelta(hours=1)
GONE = "This channel is no longer configured; the message was not sent to it."


@dataclass(frozen=True)
class Written:
    """An announcement to write: its identity, its line for the page, its message part."""

    model_id: str
    transition: str
    changed_at: dt.datetime
    summary: str
    body: str


@dataclass(frozen=True)
class Claimed:
    """One message for one channel, claimed by this sender: its rows and their parts."""

    channel: str
    ids: tuple[int, ...]
    parts: tuple[tuple[str, str], ...]  # (transition, body) in order


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s, 2 min, 8 min, 32 min, 1 h."""
    return min(FIRST_RETRY * 4 ** max(0, attempts - 1), MAX_RETRY)


def last_announcements_of(engine: Engine, model_ids: Iterable[str]) -> dict[str, Last]:
    """Each model's latest announcement (by the change's time)."""
    wanted = list(dict.fromkeys(model_ids))
    if not wanted:
        return {}
    query = (
        sa.select(announcements.c.model_id, announcements.c.transition, announcements.c.changed_at)
        .where(announcements.c.model_id.in_(wanted))
        .order_by(announcements.c.changed_at, announcements.c.id)
    )
    out: dict[str, Last] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            out[row.model_id] = Last(row.transition, row.changed_at)
    return out


def write(
    engine: Engine,
    written: Sequence[Written],
    channels: Sequence[tuple[str, str]],
    message_key: str,
    now: dt.datetime,
) -> int:
    """Record announcements and their deliveries to `channels` ((fingerprint, kind) pairs).

    Returns how many delivery rows are new (0 when another writer got there first).
    """
    if not written or not channels:
        return 0
    insert = _insert(engine)
    new = 0
    with db.write_connection(engine) as conn, conn.begin():
        for item in written:
            conn.execute(
                insert(announcements)
                .values(
                    model_id=item.model_id,
                    transition=item.transition,
                    changed_at=item.changed_at,
                    decided_at=now,
                    summary=item.summary,
                    body=item.body,
                )
                .on_conflict_do_nothing(index_elements=["model_id", "transition", "changed_at"])
            )
            announcement_id = conn.execute(
                sa.select(announcements.c.id).where(
                    announcements.c.model_id == item.model_id,
                    announcements.c.transition == item.transition,
                    announcements.c.changed_at == item.changed_at,
                )
            ).scalar_one()
            for channel, kind in channels:
                result = conn.execute(
                    insert(deliveries)
                    .values(
                        announcement_id=announcement_id,
                        channel=channel,
                        channel_kind=kind,
                        message_key=message_key,
                        created_at=now,
                        state=PENDING,
                        attempts=0,
                        next_attempt_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["announcement_id", "channel"])
                )
                new += int(result.rowcount or 0)
    return new


def claim(
    engine: Engine, channel: str, sender: str, now: dt.datetime, lease: dt.timedelta
) -> Claimed | None:
    """The channel's oldest pending message if it is due and nobody holds it, now held."""
    with db.write_connection(engine) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_channel_lock_key(channel))))
        head = conn.execute(
            sa.select(deliveries.c.message_key)
            .where(deliveries.c.channel == channel, deliveries.c.state == PENDING)
            .order_by(deliveries.c.id)
            .limit(1)
        ).scalar()
        if head is None:
            return None
        rows = conn.execute(
            sa.select(
                deliveries.c.id,
                deliveries.c.next_attempt_at,
                deliveries.c.claim_expires,
                announcements.c.transition,
                announcements.c.body,
            )
            .join(announcements, announcements.c.id == deliveries.c.announcement_id)
            .where(
                deliveries.c.channel == channel,
                deliveries.c.state == PENDING,
                deliveries.c.message_key == head,
            )
            .order_by(deliveries.c.id)
        ).all()
        if any(row.next_attempt_at > now for row in rows):
            return None
        if any(row.claim_expires is not None and row.claim_expires > now for row in rows):
            return None
        ids = tuple(int(row.id) for row in rows)
        conn.execute(
            sa.update(deliveries)
            .where(deliveries.c.id.in_(ids))
            .values(claimed_by=sender, claim_expires=now + lease)
        )
        return Claimed(channel, ids, tuple((row.transition, row.body) for row in rows))


def finish(
    engine: Engine,
    claimed: Claimed,
    sender: str,
    now: dt.datetime,
    error: str | None,
    retry_for: dt.timedelta,
) -> None:
    """Record one attempt: sent when `error` is None, else retried later or given up."""
    mine = sa.and_(deliveries.c.id.in_(claimed.ids), deliveries.c.claimed_by == sender)
    with db.write_connection(engine) as conn, conn.begin():
        if error is None:
            conn.execute(
                sa.update(deliveries)
                .where(mine)
                .values(
                    state=SENT,
                    sent_at=now,
                    attempts=deliveries.c.attempts + 1,
                    last_attempt_at=now,
                    last_error=None,
                    claimed_by=None,
                    claim_expires=None,
                )
            )
            return
        for row in conn.execute(
            sa.select(deliveries.c.id, deliveries.c.attempts, deliveries.c.created_at).where(mine)
        ):
            attempts = int(row.attempts) + 1
            following = now + backoff(attempts)
            state = GAVE_UP if following > row.created_at + retry_for else PENDING
            conn.execute(
                sa.update(deliveries)
                .where(deliveries.c.id == row.id)
                .values(
                    state=state,
                    attempts=attempts,
                    last_attempt_at=now,
                    next_attempt_at=following,
                    last_error=error,
                    claimed_by=None,
                    claim_expires=None,
                )
            )


def forget_channels(engine: Engine, configured: Iterable[str]) -> int:
    """Give up pending rows of channels no longer configured (their URL is not known)."""
    keep = list(configured)
    with db.write_connection(engine) as conn, conn.begin():
        result = conn.execute(
            sa.update(deliveries)
            .where(deliveries.c.state == PENDING, deliveries.c.channel.not_in(keep))
            .values(state=GAVE_UP, last_error=GONE, claimed_by=None, claim_expires=None)
        )
        return int(result.rowcount or 0)


def _insert(engine: Engine) -> Any:
    return postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert


def _channel_lock_key(channel: str) -> int:
    digest = hashlib.sha256(b"sgp-notify-channel:" + channel.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)

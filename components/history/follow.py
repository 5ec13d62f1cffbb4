"""The Follow switch: a followed model is recorded every round by the recorder, and listed on
the team's status page (/board?followed=1). Operator's key only; each change is audited as
who followed or stopped following what (the audit trail's `follow` / `unfollow` events)."""

from __future__ import annotations

import streamlit as st

from components.history.sources import TeamHistory
from sgp.api import Connection
from sgp.history.guard import HistoryUnavailable
from sgp.team import Visit
from sgp.team.audit import audit

KEY_PREFIX = "follow:"


def _changed(history: TeamHistory, model_id: str, key: str, visit: Visit) -> None:
    on = bool(st.session_state[key])
    person = visit.requester.who if visit.requester else ""
    try:
        if on:
            history.store.follow(model_id, person)
        else:
            history.store.unfollow(model_id)
    except HistoryUnavailable as exc:
        st.session_state[key] = not on
        st.toast(str(exc), icon=":material/database_off:")
        return
    audit(
        "follow" if on else "unfollow",
        person,
        page=visit.requester.page if visit.requester else "",
        environment=visit.environment.name,
        account=visit.account_id,
        model_id=model_id,
    )


def follow_switch(history: TeamHistory, model_id: str, connection: Connection) -> bool:
    """The switch, showing whether the model is followed now (read once per session);
    returns whether it is (False when that cannot be read). Only a visit (the page's run,
    with its requester) may follow: the team's history is the operator's key's."""
    if not isinstance(connection, Visit):
        return False
    key = KEY_PREFIX + model_id
    if key not in st.session_state:
        try:
            st.session_state[key] = history.store.is_followed(model_id)
        except HistoryUnavailable:
            return False  # the section says history is unavailable
    return st.toggle(
        "Follow",
        key=key,
        on_change=_changed,
        args=(history, model_id, key, connection),
        help="Record this model every minute (the recorder), list it on the team's status "
        "page (Board with followed=1), and, where the operator set up notifications, "
        "announce in the team's channels when it starts failing and when it works again.",
    )

"""The views of lookups, built once per lookup and shared: one model's (`ModelView`, the
inspect page and each side of Compare), a pair's (`CompareView`) and a board row's.

A rerun of the inspect page (a widget touched, the Watch switch, a second viewer of the
same link) draws the cached view instead of wording, escaping and tabulating the model
again. The view is keyed exactly like its lookup (base URL, account, key fingerprint,
scope, model ID) plus the lookup's fetch time, so a refreshed model gets a new view and
different keys never share one. `st.cache_resource` hands out the one frozen value
without copying it (nothing draws by changing it); it lives as long as a cached lookup.
"""

from __future__ import annotations

import streamlit as st

from components.cache.lookups import Found, cache_where
from components.cache.ttl import SUCCESS_TTL_S
from sgp.api import Connection, model_url
from sgp.present import BoardRow, CompareView, ModelView, board_row, build_view, compare_view

MAX_VIEWS = 128
MAX_ROWS = 1000  # five full boards (200 models each)


@st.cache_resource(ttl=SUCCESS_TTL_S, max_entries=MAX_VIEWS, show_spinner=False)
def _view(
    base_url: str,
    account_id: str | None,
    key_fp: str,
    scope: str,
    model_id: str,
    fetched_at: str,
    _found: Found,
) -> ModelView:
    return build_view(
        _found.model,
        _found.raw,
        url=model_url(base_url, model_id),
        with_account=bool(account_id),
    )


def view_of(found: Found, connection: Connection) -> ModelView:
    """The view of this lookup: built on its first draw, then the same value for all."""
    base_url, account_id, key_fp, scope = cache_where(connection)
    return _view(  # by name: see components.cache.ttl (no signature per call)
        base_url=base_url,
        account_id=account_id,
        key_fp=key_fp,
        scope=scope,
        model_id=found.model_id,
        fetched_at=found.fetched_at.isoformat(),
        _found=found,
    )


@st.cache_resource(ttl=SUCCESS_TTL_S, max_entries=MAX_VIEWS, show_spinner=False)
def _pair(
    where: tuple[str, str | None, str, str],
    left: tuple[str, str],
    right: tuple[str, str],
    _left: Found,
    _right: Found,
) -> CompareView:
    return compare_view(_left.model, _right.model)


def compare_view_of(left: Found, right: Found, connection: Connection) -> CompareView:
    """The pair's view of these two lookups (each keyed by its ID and fetch time)."""
    return _pair(
        where=cache_where(connection),
        left=(left.model_id, left.fetched_at.isoformat()),
        right=(right.model_id, right.fetched_at.isoformat()),
        _left=left,
        _right=right,
    )


@st.cache_resource(ttl=SUCCESS_TTL_S, max_entries=MAX_ROWS, show_spinner=False)
def _row(
    where: tuple[str, str | None, str, str], model_id: str, fetched_at: str, _found: Found
) -> BoardRow:
    return board_row(_found.model)


def board_row_of(found: Found, connection: Connection) -> BoardRow:
    """The board's row of this lookup: its explanation and findings read once per lookup."""
    return _row(
        where=cache_where(connection),
        model_id=found.model_id,
        fetched_at=found.fetched_at.isoformat(),
        _found=found,
    )

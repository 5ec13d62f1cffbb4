"""The data behind Browse: cached list pages and the pages a visitor has loaded so far.

- One list page is cached globally for 30 s by (base URL, account, key fingerprint, demo
  scope, filters, cursor), like single lookups (see `components.cache.ttl`): viewers with the same
  key share it, different keys never do. Failures are cached for a few seconds only.
- "Load more" appends the next page (cursor = the last ID shown) to the pages kept in
  `st.session_state`, keyed by the connection and the filters: a rerun sends nothing, and
  changing a filter or the environment starts again from the first page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from components.cache.clients import client_for
from components.cache.lookups import cache_where
from components.cache.ttl import TwoTTLCache
from sgp.api import Connection, InferenceModel, ModelPage, SGPClient, SGPError
from sgp.present import BrowseView, browse_view
from sgp.team import MeteredClient

PAGE_SIZE = 20
STATE_KEY = "browse_loaded"

# (model_vendor, name, sort_by, sort_order): plain strings, so that the cache can hash them.
Filters = tuple[str | None, str | None, str, str]


@dataclass
class Loaded:
    """What Browse shows: the pages loaded so far for one connection and one set of filters."""

    key: tuple[Any, ...]
    pages: list[ModelPage] = field(default_factory=list)
    error: SGPError | None = None
    # The view of the pages loaded so far, built once and kept with them (a rerun reuses it).
    _view: tuple[int, BrowseView] | None = field(default=None, repr=False, compare=False)

    def view(self) -> BrowseView:
        if self._view is None or self._view[0] != len(self.pages):
            self._view = (len(self.pages), browse_view(self.models, self.total))
        return self._view[1]

    @property
    def models(self) -> list[InferenceModel]:
        seen: dict[str, InferenceModel] = {}
        for page in self.pages:
            for model in page.items:
                seen.setdefault(model.id, model)
        return list(seen.values())

    @property
    def total(self) -> int | None:
        return self.pages[-1].total if self.pages else None

    @property
    def has_more(self) -> bool:
        return bool(self.pages) and self.pages[-1].has_more and self.cursor is not None

    @property
    def cursor(self) -> str | None:
        """The cursor of the next page: the ID of the last model of the last page."""
        return self.pages[-1].items[-1].id if self.pages and self.pages[-1].items else None


def _fetch_page(
    base_url: str,
    account_id: str | None,
    key_fp: str,
    scope: str,
    filters: Filters,
    cursor: str | None,
    _client: SGPClient | MeteredClient,
) -> ModelPage:
    vendor, name, sort_by, sort_order = filters
    return _client.list_models(
        limit=PAGE_SIZE,
        starting_after=cursor,
        model_vendor=vendor,
        name=name,
        sort_by=sort_by,
        sort_order=sort_order,
    )


_pages = TwoTTLCache(_fetch_page)


def _key(connection: Connection, filters: Filters) -> tuple[Any, ...]:
    return (*cache_where(connection), filters)


def _fetch(connection: Connection, filters: Filters, cursor: str | None) -> ModelPage | SGPError:
    """One page, from the cache or the API. The client is resolved here, in the script
    thread, and handed to the cached fetch (which reads no session state)."""
    try:
        client = client_for(connection)
        return _pages(*_key(connection, filters), cursor, client)
    except SGPError as exc:  # over budget (about this person, never cached), or a bad key
        return exc


def loaded_models(connection: Connection, filters: Filters) -> Loaded:
    """The pages loaded so far; the first page is fetched (or read from the cache) if none is.

    A failure of the first page is not kept in the session: the next run asks again (the
    short failure cache keeps reruns from hammering the API).
    """
    key = _key(connection, filters)
    loaded = st.session_state.get(STATE_KEY)
    if not isinstance(loaded, Loaded) or loaded.key != key:
        loaded = Loaded(key)
        st.session_state[STATE_KEY] = loaded
    if not loaded.pages:
        result = _fetch(connection, filters, None)
        if isinstance(result, SGPError):
            return Loaded(key, error=result)
        loaded.pages.append(result)
    return loaded


def load_more(connection: Connection, filters: Filters) -> None:
    """Append the page after the last model shown."""
    loaded = loaded_models(connection, filters)
    if not loaded.has_more or loaded.cursor is None:
        return
    result = _fetch(connection, filters, loaded.cursor)
    if isinstance(result, SGPError):
        loaded.error = result
    else:
        known = {model.id for model in loaded.models}
        if all(model.id in known for model in result.items):
            # The cursor did not advance: stop offering "load more" rather than loop.
            result = result.model_copy(update={"has_more": False})
        loaded.error = None
        loaded.pages.append(result)


def reload(connection: Connection, filters: Filters) -> None:
    """Forget the loaded pages and their cache entries, so the first page is fetched again."""
    key = _key(connection, filters)
    loaded = st.session_state.pop(STATE_KEY, None)
    pages = loaded.pages if isinstance(loaded, Loaded) and loaded.key == key else []
    for cursor in [None] + [page.items[-1].id for page in pages[:-1] if page.items]:
        _pages.forget(*key, cursor)

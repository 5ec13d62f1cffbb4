"""Everything shown for one lookup, in reading order: a list of components.

The words and tables come from the lookup's view (`components.cache.views.view_of`),
built once per lookup: each component below only draws fields of it.
"""

from __future__ import annotations

import streamlit as st

from components.cache.lookups import Failed, Found, Lookup
from components.cache.views import view_of
from components.history.read import PageHistory, page_history
from components.history.section import history_section, history_summary
from components.inspect.newer import newer_than_app
from components.inspect.watch import watch_header
from components.model.config_table import config_table
from components.model.facts import model_facts
from components.model.findings import config_findings
from components.model.metadata import metadata_table
from components.model.raw_response import raw_response
from components.model.report_buttons import model_report_buttons
from components.shell.errors import show_error
from sgp.api import Connection
from sgp.present import ModelView
from sgp.present.history import HistoryView
from sgp.present.history_words import zone_of


def model_view(result: Lookup, connection: Connection) -> None:
    if isinstance(result, Failed):
        show_error(result.error)
        return
    draw_view(result, view_of(result, connection), connection)


def draw_view(result: Found, view: ModelView, connection: Connection) -> None:
    """Draw a lookup's view; nothing here words, escapes or tabulates the model again."""
    history = page_history(result, connection)
    watch_header(result, connection, view.header)
    history_summary(history)
    model_facts(view.facts)
    newer_than_app(view.newer)

    def report_history() -> HistoryView | None:  # built when a report is clicked, in UTC
        return history.in_utc(result.model_id) if isinstance(history, PageHistory) else None

    model_report_buttons(result.model, connection, report_history)
    st.divider()
    if view.config.findings:  # none: the configuration table's caption says so
        config_findings(view.config.findings)
    config_table(view.config)
    metadata_table(view.metadata)
    raw_response(view, is_demo=connection.is_demo)
    history_section(history, result.model_id, connection)
    fetched = result.fetched_at.astimezone(zone_of(st.context.timezone))
    st.caption(f"Fetched at {fetched:%H:%M:%S %Z} · Refresh fetches again.")

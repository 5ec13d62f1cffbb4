"""Everything shown for one lookup, in reading order: a list of components."""

from __future__ import annotations

import streamlit as st

from components.cache.lookups import Failed, Lookup
from components.inspect.newer import newer_than_app
from components.inspect.watch import watch_header
from components.model.config_table import config_table
from components.model.facts import model_facts
from components.model.metadata import metadata_table
from components.model.raw_response import raw_response
from components.model.report_buttons import model_report_buttons
from components.shell.errors import show_error
from sgp.api import Connection, model_url
from sgp.present import metadata_table as metadata_frame
from sgp.present import vendor_config_table


def model_view(result: Lookup, connection: Connection) -> None:
    if isinstance(result, Failed):
        show_error(result.error)
        return
    model = result.model
    watch_header(result, connection)
    model_facts(model)
    newer_than_app(model, result.raw)
    model_report_buttons(model, connection)
    st.divider()
    config_table(vendor_config_table(model), model_id=model.id)
    metadata_table(metadata_frame(model))
    raw_response(
        result.raw,
        url=model_url(connection.base_url, result.model_id),
        with_account=bool(connection.account_id),
        is_demo=connection.is_demo,
    )
    st.caption(f"Fetched at {result.fetched_at:%H:%M:%S} UTC · Refresh fetches again.")

"""Everything shown for one lookup, in reading order: a list of components."""

from __future__ import annotations

import streamlit as st

from components.config_table import config_table
from components.data import Lookup
from components.errors import show_error
from components.facts import model_facts
from components.metadata import metadata_table
from components.newer import newer_than_app
from components.raw_response import raw_response
from components.report_buttons import model_report_buttons
from components.watch import watch_header
from sgp.environments import Connection
from sgp.inputs import model_url
from sgp.tables import metadata_table as metadata_frame
from sgp.tables import vendor_config_table


def model_view(result: Lookup, connection: Connection) -> None:
    if result.error is not None:
        show_error(result.error)
        return
    assert result.model is not None and result.raw is not None
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

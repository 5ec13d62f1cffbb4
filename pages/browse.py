"""The browse page (/browse): list models with filters in the URL, load more, open one."""

import streamlit as st

from components.browse.data import loaded_models
from components.browse.view import browse_filters, browse_results
from components.shell.guards import require_key
from components.shell.navigation import BROWSE
from components.shell.page import page

with page(BROWSE) as connection:
    require_key(connection, "list your models")
    filters = browse_filters()
    with st.spinner("Loading models…"):
        loaded = loaded_models(connection, filters)
    browse_results(connection, filters, loaded)

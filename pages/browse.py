"""The browse page (/browse): list models with filters in the URL, load more, open one."""

import streamlit as st

from components.browse_data import loaded_models
from components.browse_view import browse_filters, browse_results
from components.connection import connection_sidebar, demo_banner
from components.errors import page_guard
from components.page_links import require_key

st.set_page_config(page_title="Browse models · SGP Model Inspector", page_icon="📋", layout="wide")
# Inside the guard from the first line: nothing the sidebar or the page meets shows a traceback.
with page_guard():
    connection = connection_sidebar()
    st.title("Browse models", anchor=False)
    demo_banner(connection)
    require_key(connection, "list your models")
    filters = browse_filters()
    with st.spinner("Loading models…"):
        loaded = loaded_models(connection, filters)
    browse_results(connection, filters, loaded)

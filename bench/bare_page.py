"""The bare page for the time-to-result baseline: the same demo model, title and JSON only.

Run by `streamlit run bench/bare_page.py` (bench/first_paint.py): it fetches the model of
the `model_id` query parameter through the same demo client as the app, then draws
`st.title(name)` and `st.json(raw)`. No sidebar, no cache, no widgets.
"""

import streamlit as st

from sgp.demo import demo_client

raw, model = demo_client().get_model_and_raw(st.query_params.get("model_id", ""))
st.title(model.name, anchor=False)
st.json(raw)

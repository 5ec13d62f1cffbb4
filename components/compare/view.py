"""The compare page's building blocks: the two ID fields, both headers, the sentence, the diff.

The IDs are bound to the `a` and `b` query parameters, so `/compare?a=...&b=...` is a link
that can be shared. Both lookups go through the shared cache. The sentence and the table
hold API text: the sentence is escaped, the table is a dataframe (plain text cells).
"""

from __future__ import annotations

import streamlit as st

from components.cache.lookups import Failed, Found, Lookup, lookup_model, lookup_name
from components.cache.views import compare_view_of, view_of
from components.model.facts import draw_runs_on
from components.model.findings import config_findings
from components.model.header import model_header
from components.model.report_buttons import compare_report_buttons
from components.shell.errors import show_error
from components.shell.guards import require_key
from components.shell.navigation import COMPARE
from components.shell.page import name_tab
from sgp.api import Connection
from sgp.demo import FEATURED_IDS

SIDES = (("a", "Model A"), ("b", "Model B"))
DEMO_PAIRS = [
    ("demo-llama-2-7b-chat", "demo-mixtral-failed", "Llama 2 vs Mixtral"),
    ("demo-gpt-4o", "demo-launch-embeddings", "Hosted vs Launch"),
]


def _choose(a: str, b: str) -> None:
    st.session_state["a"], st.session_state["b"] = a, b


def demo_pairs() -> None:
    st.caption("Sample pairs in the demo:")
    with st.container(horizontal=True):
        for a, b, label in DEMO_PAIRS:
            if a in FEATURED_IDS and b in FEATURED_IDS:
                st.button(
                    label,
                    key=f"pair-{a}-{b}",
                    on_click=_choose,
                    args=(a, b),
                    type="tertiary",
                    icon=":material/compare_arrows:",
                )


def id_fields() -> tuple[str, str]:
    """The two model IDs typed or linked, stripped."""
    values = []
    for column, (key, label) in zip(st.columns(2), SIDES, strict=True):
        with column:
            value = st.text_input(
                label,
                key=key,
                bind="query-params",
                placeholder="Paste a model ID and press Enter",
            )
            values.append((value or "").strip())
    return values[0], values[1]


def headers(left: Lookup, right: Lookup, connection: Connection) -> None:
    """Each side from its lookup's cached view: header, hardware line and findings."""
    for column, tag, result in zip(st.columns(2), "AB", (left, right), strict=True):
        with column, st.container(border=True):
            st.caption(f"Model {tag}")
            if isinstance(result, Failed):
                show_error(result.error)
                continue
            view = view_of(result, connection)
            model_header(view.header)
            draw_runs_on(view.facts.hardware_md)
            if result.model.vendor_configuration is not None:
                config_findings(view.config.findings, compact=True)


def differences(left: Found, right: Found, connection: Connection) -> None:
    view = compare_view_of(left, right, connection)
    st.header("What differs", anchor=False)
    st.info(view.sentence_md, icon=":material/compare_arrows:")
    all_rows = st.toggle(
        "Show all fields, not only the differences", key="all", bind="query-params"
    )
    shown = view.rows(all_rows=all_rows)
    st.caption(view.count_sentence)
    if not shown.empty:
        st.dataframe(
            shown,
            hide_index=True,
            height=min(38 + 35 * len(shown), 640),
            column_order=["field", "change", "left", "right"],
            column_config={
                "field": st.column_config.TextColumn("Field", width="medium"),
                "left": st.column_config.TextColumn("A", width="large"),
                "right": st.column_config.TextColumn("B", width="large"),
                "change": st.column_config.TextColumn("Change", width="small"),
            },
        )
    compare_report_buttons(left.model, right.model, connection, all_rows=all_rows)


def compare(connection: Connection) -> None:
    """The compare page's body: sample pairs in the demo, the two IDs, then both models."""
    if connection.is_demo:
        demo_pairs()
    a, b = id_fields()
    if not a or not b:
        st.caption("Enter two model IDs to see both side by side and what differs between them.")
        return
    require_key(connection, "compare these models")
    with st.spinner("Looking up both models…"):
        left, right = lookup_model(connection, a), lookup_model(connection, b)
    name_tab(COMPARE, f"{lookup_name(left)} vs {lookup_name(right)}")
    headers(left, right, connection)
    if isinstance(left, Found) and isinstance(right, Found):
        differences(left, right, connection)

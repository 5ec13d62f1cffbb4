""" "Findings" on a configuration: each with its severity, the fields it is about (also
tagged in the configuration table), one plain sentence and the rule it comes from."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sgp.present import NO_FINDINGS, NOTE, PROBLEM, WARNING, FindingView

# Coloured icon and word, not st.error: an error box is for the app's own errors.
MARKS = {
    PROBLEM: ":red[:material/error:] **Problem**",
    WARNING: ":orange[:material/warning:] **Warning**",
    NOTE: ":blue[:material/info:] **Note**",
}


def config_findings(found: Sequence[FindingView], *, compact: bool = False) -> None:
    """The findings above a configuration table; `compact` for one side of a comparison."""
    if not found:  # one line: a healthy configuration needs no section of its own
        st.caption(NO_FINDINGS)
        return
    if compact:
        st.caption("Findings")
    else:
        st.subheader("Findings", anchor=False)
    with st.container(border=True, key="findings" if not compact else None):
        for finding in found:
            st.markdown(f"{MARKS[finding.severity]}: **{finding.title_md}.** {finding.sentence_md}")
            st.caption(finding.detail_md)

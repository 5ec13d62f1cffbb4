"""The "Report" downloads: one model, or two compared, as a self-contained HTML page and Markdown.

The files are built when the button is clicked (so the report's time is the time of the
click), from the model only: never the key or the account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from sgp.api import Connection, InferenceModel
from sgp.present import (
    compare_report_html,
    compare_report_markdown,
    file_stem,
    model_report_html,
    model_report_markdown,
)
from sgp.present.history import HistoryView


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _buttons(stem: str, html: Callable[[], str], markdown: Callable[[], str], *, key: str) -> None:
    st.caption("Report for people who don't use this app: share it by mail or chat.")
    with st.container(horizontal=True):
        st.download_button(
            "Report (HTML)",
            html,
            file_name=f"{stem}-report.html",
            mime="text/html",
            icon=":material/description:",
            on_click="ignore",
            key=f"{key}-html",
        )
        st.download_button(
            "Report (Markdown)",
            markdown,
            file_name=f"{stem}-report.md",
            mime="text/markdown",
            icon=":material/markdown:",
            on_click="ignore",
            key=f"{key}-md",
        )


def model_report_buttons(
    model: InferenceModel,
    connection: Connection,
    history: Callable[[], HistoryView | None] = lambda: None,
) -> None:
    """`history`: the model's history in UTC (files are in UTC), asked for when clicked."""
    label = connection.environment.label

    def html() -> str:
        return model_report_html(
            model, environment_label=label, generated_at=_now(), history=history()
        )

    def markdown() -> str:
        return model_report_markdown(
            model, environment_label=label, generated_at=_now(), history=history()
        )

    _buttons(file_stem(model.id), html, markdown, key="report")


def compare_report_buttons(
    left: InferenceModel, right: InferenceModel, connection: Connection, *, all_rows: bool
) -> None:
    label = connection.environment.label

    def html() -> str:
        return compare_report_html(
            left, right, environment_label=label, generated_at=_now(), all_rows=all_rows
        )

    def markdown() -> str:
        return compare_report_markdown(
            left, right, environment_label=label, generated_at=_now(), all_rows=all_rows
        )

    stem = f"{file_stem(left.id)[:38]}-vs-{file_stem(right.id)[:38]}"
    _buttons(stem, html, markdown, key="compare-report")
